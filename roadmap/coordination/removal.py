"""Removing a partner, an activity or an assessment entered by mistake (see roadmap/removal.py)."""

from flask import url_for
from flask_babel import gettext as _

from roadmap.auth.access import editor_only
from roadmap.coordination import bp, commands
from roadmap.coordination.models import Activity, Assessment, Partner
from roadmap.extensions import db
from roadmap.removal import remove


@bp.post("/coordination/partners/<int:partner_id>/delete")
@editor_only
def delete_partner(partner_id):
    """Remove a partner with no activity left."""
    partner = db.get_or_404(Partner, partner_id)
    return remove(
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
    return remove(
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
    return remove(
        assessment,
        commands.delete_assessment,
        back=url_for("coordination.edit_assessment", assessment_id=assessment.id),
        done=url_for("coordination.assessments", post_id=assessment.post_id),
        message=_("The assessment is removed."),
    )
