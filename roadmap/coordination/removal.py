"""Removing a partner, an activity or an assessment entered by mistake.

Each removal is a POST from the record's page carrying the version the page showed and,
optionally, why; the change log keeps the removed values and the reason. A record changed
since the page was opened is not removed: the 409 page says so and links to it.
"""

from flask import flash, redirect, url_for
from flask_babel import gettext as _
from flask_login import current_user

from roadmap.auth.access import editor_only
from roadmap.commands import Invalid, Stale, commit
from roadmap.coordination import bp, commands
from roadmap.coordination.forms import RemoveForm
from roadmap.coordination.models import Activity, Assessment, Partner
from roadmap.extensions import db
from roadmap.locking import StaleEdit


def _remove(record, command, *, back: str, done: str, message: str):
    form = RemoveForm()
    if not form.validate_on_submit():
        problems = [m for name in ("version", "reason") for m in form[name].errors]
        flash(" ".join(str(m) for m in problems) or _("The page was out of date."), "danger")
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


@bp.post("/coordination/partners/<int:partner_id>/delete")
@editor_only
def delete_partner(partner_id):
    """Remove a partner with no activity left."""
    partner = db.get_or_404(Partner, partner_id)
    return _remove(
        partner,
        commands.delete_partner,
        back=url_for("coordination.partner", partner_id=partner.id),
        done=url_for("coordination.partners"),
        message=_("The partner %(name)s is removed.", name=partner.name),
    )


@bp.post("/coordination/activities/<int:activity_id>/delete")
@editor_only
def delete_activity(activity_id):
    """Remove an activity."""
    activity = db.get_or_404(Activity, activity_id)
    return _remove(
        activity,
        commands.delete_activity,
        back=url_for("coordination.edit_activity", activity_id=activity.id),
        done=url_for("coordination.index"),
        message=_("The activity is removed."),
    )


@bp.post("/coordination/assessments/<int:assessment_id>/delete")
@editor_only
def delete_assessment(assessment_id):
    """Remove an assessment; the post's priority follows the latest one left."""
    assessment = db.get_or_404(Assessment, assessment_id)
    return _remove(
        assessment,
        commands.delete_assessment,
        back=url_for("coordination.edit_assessment", assessment_id=assessment.id),
        done=url_for("coordination.assessments", post_id=assessment.post_id),
        message=_("The assessment is removed."),
    )
