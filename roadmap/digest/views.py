"""The digest's pages: the preview on the account, and the unsubscribe link of the mails."""

import logging

from flask import current_app, g, render_template, request
from flask_login import current_user

from roadmap.auth.access import public
from roadmap.auth.models import User
from roadmap.clock import today
from roadmap.digest import bp, content, loading, message, tokens
from roadmap.extensions import csrf, db
from roadmap.mail import settings

log = logging.getLogger("roadmap.digest")


def _link():
    """Link to the public address; to this request's own when that setting is wrong."""
    try:
        return message.linker(settings.base_url(current_app.config))
    except settings.MailSettingsError:
        return message.linker(request.url_root)


@bp.get("/account/digest")
def preview():
    """Show the digest the user gets this week, as the mail shows it."""
    day = today()
    facts = loading.load_facts(day) or content.Facts(project="", months=[], issued=frozenset())
    link = _link()
    digest = content.build_digest(facts, day, link)
    rendered = message.render(digest, current_user, link)
    context = message.digest_context(
        digest, current_user, link, rendered.subject, rendered.unsubscribe_url
    )
    return render_template(
        "digest/preview.html",
        rendered=rendered,
        sent_this_week=content.same_week(current_user.digest_sent_on, day),
        **context,
    )


@bp.route("/unsubscribe/<token>", methods=["GET", "POST"])
@public
@csrf.exempt  # the signed token is the proof; a mail client's one-click POST has no form
def unsubscribe(token):
    """Stop the weekly digest of the account the link names: asked on GET, done on POST."""
    key = tokens.user_id_of(token)
    user = db.session.get(User, key) if key is not None else None
    if user is None:  # a link we did not sign, or of an account since removed
        return render_template("digest/unsubscribe.html", state="unknown"), 400
    if request.method == "POST":
        g.history_actor = "unsubscribe link"
        if user.wants_digest:
            user.choose_digest(False)
            db.session.commit()
            log.info("digest unsubscribed user_id=%s", user.id)
        return render_template("digest/unsubscribe.html", state="done", email=user.email)
    return render_template("digest/unsubscribe.html", state="ask", email=user.email, token=token)
