"""Personal API tokens and the calendar feed's secret, managed on the user's account page."""

import logging

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf import FlaskForm
from wtforms import StringField
from wtforms.validators import DataRequired, Length

from roadmap.api import bp
from roadmap.auth.access import open_to_viewers
from roadmap.auth.models import ApiToken, hash_token, new_token
from roadmap.clock import now_utc
from roadmap.extensions import db

log = logging.getLogger("roadmap.api.tokens")


class TokenForm(FlaskForm):
    name = StringField(
        _l("Token name"),
        validators=[DataRequired(), Length(max=100)],
        description=_l("What the token is for, e.g. the donor's reporting script."),
    )


def account_api_context() -> dict:
    """Give the account page the user's tokens, the new-token form and the calendar link."""
    if not current_user.is_authenticated:
        return {}
    tokens = db.session.scalars(
        db.select(ApiToken)
        .filter_by(user_id=current_user.id, revoked_at=None)
        .order_by(ApiToken.created_at.desc(), ApiToken.id.desc())
    ).all()
    return {
        "api_tokens": tokens,
        "token_form": TokenForm(prefix="token"),
        "calendar_url": url_for(
            "api.calendar_feed", token=current_user.calendar_token, _external=True
        ),
    }


@bp.app_context_processor
def account_context():
    return {"account_api_context": account_api_context}


@bp.post("/account/tokens")
@open_to_viewers
def token_create():
    """Create a personal API token and show its secret once."""
    form = TokenForm(prefix="token")
    if not form.validate_on_submit():
        flash(_("Give the token a name of at most 100 characters."), "danger")
        return redirect(url_for("auth.account"))
    secret = new_token()
    token = ApiToken(
        user_id=current_user.id, name=form.name.data.strip(), token_hash=hash_token(secret)
    )
    db.session.add(token)
    db.session.commit()
    log.info("api token created user_id=%s token_id=%s", current_user.id, token.id)
    return render_template("api/token_created.html", token=token, secret=secret)


@bp.post("/account/tokens/<int:token_id>/revoke")
@open_to_viewers
def token_revoke(token_id):
    """Revoke one of the user's API tokens."""
    token = db.get_or_404(ApiToken, token_id)
    if token.user_id != current_user.id:
        abort(404)
    if token.revoked_at is None:
        token.revoked_at = now_utc()
        db.session.commit()
        log.info("api token revoked user_id=%s token_id=%s", current_user.id, token.id)
    flash(_("The token “%(name)s” is revoked.", name=token.name), "success")
    return redirect(url_for("auth.account"))


@bp.post("/account/calendar-token")
@open_to_viewers
def calendar_token_regenerate():
    """Give the user a new calendar link; the old one stops working."""
    user = current_user._get_current_object()
    user.calendar_token = new_token()
    db.session.commit()
    log.info("calendar token regenerated user_id=%s", user.id)
    flash(_("Your calendar link is new: update your calendar subscription."), "success")
    return redirect(url_for("auth.account"))
