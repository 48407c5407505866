"""Removing a record entered by mistake: the one form and answer every feature's removal uses.

A removal is a POST from the record's page carrying the version the page showed and,
optionally, why; the feature's command refuses what must stay (a partner with
activities, an indicator with actuals) and the change log keeps the removed values and
the reason. A record changed since the page was opened is not removed: the 409 page
says so and links back to it.
"""

from flask import flash, redirect
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf import FlaskForm
from wtforms import HiddenField, TextAreaField
from wtforms.validators import InputRequired, Length

from roadmap.commands import REASON_LENGTH, Invalid, Stale, commit
from roadmap.extensions import db
from roadmap.locking import StaleEdit


class RemoveForm(FlaskForm):
    """Remove a record as it stood when the page was opened."""

    version = HiddenField(validators=[InputRequired()])
    reason = TextAreaField(
        _l("Why remove it (kept in the change log)"), validators=[Length(max=REASON_LENGTH)]
    )


def remove(record, command, *, back: str, done: str, message: str):
    """Run `command(record, by=, expected_version=, reason=)` for the form sent; redirect.

    A refusal is flashed on the page the removal came from (`back`); success goes to `done`.
    """
    form = RemoveForm()
    if not form.validate_on_submit():
        problems = [str(m) for name in ("version", "reason") for m in form[name].errors]
        flash(" ".join(problems) or _("The page was out of date: nothing was removed."), "danger")
        return redirect(back)
    try:
        command(
            record, by=current_user, expected_version=form.version.data, reason=form.reason.data
        )
        commit(record)
    except Stale:
        db.session.rollback()
        raise StaleEdit(record, retry_url=back) from None
    except Invalid as refused:
        db.session.rollback()
        flash(" ".join(m for ms in refused.errors.values() for m in ms), "danger")
        return redirect(back)
    flash(message, "success")
    return redirect(done)
