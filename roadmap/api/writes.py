"""Write endpoints of the API: a manager updates a milestone or a border post.

Every write carries the record's `version`. A stale one is refused with 409 and the
record as it stands now; a change the forms would refuse gets 422 field by field.
"""

from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.exceptions import UnprocessableEntity

from roadmap import history
from roadmap.api import schemas as s
from roadmap.api.resources import blp, milestone_data, post_data
from roadmap.api.rules import milestone_errors, post_errors
from roadmap.clock import today
from roadmap.errors import json_error
from roadmap.extensions import db
from roadmap.locking import StaleEdit, ensure_current
from roadmap.posts.models import BorderPost, PostUpdate
from roadmap.schedule.models import Milestone
from roadmap.schedule.queries import reschedule

MILESTONE_FIELDS = (
    "percent_complete",
    "status",
    "current_start",
    "current_end",
    "actual_start",
    "actual_finish",
)


class Invalid(UnprocessableEntity):
    """A change the forms would refuse, with the message of each field."""

    def __init__(self, errors: dict[str, list[str]]):
        super().__init__(_("The data is not valid."))
        self.errors = errors


def stale(record, current: dict):
    """Answer 409 with the record as it is stored now."""
    return json_error(
        409,
        "stale",
        _("This record was changed by someone else since you read it. Read it again."),
        current=current,
    )


@blp.patch("/milestones/<int(max=2147483647):milestone_id>")
@blp.arguments(s.MilestonePatchSchema)
@blp.response(200, s.MilestoneSchema)
@blp.alt_response(409, schema=s.StaleMilestoneSchema, description="The version is stale.")
def update_milestone(changes, milestone_id):
    """Change a milestone's progress, status or dates; its successors move with it."""
    milestone = db.get_or_404(Milestone, milestone_id)
    on = today()
    try:
        ensure_current(milestone, changes.pop("version"))
    except StaleEdit:
        return stale(milestone, s.MilestoneSchema().dump(milestone_data(milestone, on)))
    values = {name: getattr(milestone, name) for name in MILESTONE_FIELDS}
    values.update(changes)
    errors = milestone_errors(values, on)
    if errors:
        raise Invalid(errors)
    dates_moved = (values["current_start"], values["current_end"]) != (
        milestone.current_start,
        milestone.current_end,
    )
    for name, value in changes.items():
        setattr(milestone, name, value)
    if dates_moved:
        milestone.pushed_by_id = None  # dates set by hand, not by a predecessor
        db.session.flush()
        reschedule([milestone.id])  # the same pushes as the schedule page
    db.session.commit()
    return milestone_data(milestone, on)


@blp.patch("/posts/<int(max=2147483647):post_id>")
@blp.arguments(s.PostPatchSchema)
@blp.response(200, s.PostSchema)
@blp.alt_response(409, schema=s.StalePostSchema, description="The version is stale.")
def update_post(changes, post_id):
    """Move a border post to a stage or progress; the change is recorded as a dated update."""
    post = db.get_or_404(BorderPost, post_id)
    on = today()
    try:
        ensure_current(post, changes.pop("version"))
    except StaleEdit:
        return stale(post, s.PostSchema().dump(post_data(post)))
    values = {
        "stage": changes.get("stage", post.stage),
        "progress": changes.get("progress", post.progress),
        "reason": changes.get("reason", ""),
    }
    if (values["stage"], values["progress"]) == (post.stage, post.progress):
        return post_data(post)
    errors = post_errors(post.stage, post.progress, values, on)
    if errors:
        raise Invalid(errors)
    if values["reason"].strip():
        # Before any change: loading post.updates flushes, and the flush reads the reason.
        history.set_reason(db.session, values["reason"].strip())
    post.stage, post.progress = values["stage"], values["progress"]
    post.updates.append(
        PostUpdate(
            date=on,
            stage=post.stage,
            progress=post.progress,
            comment=changes.get("comment", ""),
            author_id=current_user.id,
        )
    )
    db.session.commit()
    return post_data(post)
