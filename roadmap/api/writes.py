"""Write endpoints of the API: a manager updates a milestone or a border post.

Every write carries the record's `version`. A stale one is refused with 409 and the
record as it stands now; a change the forms would refuse gets 422 field by field.
The change itself is made by the feature's commands, as the forms make it.
"""

from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.exceptions import UnprocessableEntity

from roadmap import history
from roadmap.api import schemas as s
from roadmap.api.resources import blp, milestone_data, post_data
from roadmap.clock import today
from roadmap.commands import Invalid as Refused
from roadmap.commands import Stale, check_version, commit
from roadmap.errors import json_error
from roadmap.extensions import db
from roadmap.posts import commands as post_commands
from roadmap.posts.models import BorderPost
from roadmap.schedule import commands as schedule_commands
from roadmap.schedule.models import Milestone


class Invalid(UnprocessableEntity):
    """A change the forms would refuse, with the message of each field."""

    def __init__(self, errors: dict[str, list[str]]):
        super().__init__(_("The data is not valid."))
        self.errors = errors


def stale(record, current: dict, *, version: int, sent: dict):
    """Answer 409 with the record as it is stored now and what changed since `version`.

    `changed` holds the current value of each field changed since the caller read the
    record; `conflicts` names those the caller also sends: only they need a decision,
    the caller's other fields can be sent again on the current version as they are.
    """
    changed = [name for name in history.changed_since(record, version) if name in current]
    return json_error(
        409,
        "stale",
        _("This record was changed by someone else since you read it. Read it again."),
        current=current,
        changed={name: current[name] for name in changed},
        conflicts=[name for name in changed if name in sent],
    )


@blp.patch("/milestones/<int(max=2147483647):milestone_id>")
@blp.arguments(s.MilestonePatchSchema)
@blp.response(200, s.MilestoneSchema)
@blp.alt_response(409, schema=s.StaleMilestoneSchema, description="The version is stale.")
def update_milestone(changes, milestone_id):
    """Change a milestone's progress, status or dates; its successors move with it."""
    milestone = db.get_or_404(Milestone, milestone_id)
    on = today()
    version = changes.pop("version")
    try:
        schedule_commands.update_milestone(
            milestone, changes, by=current_user, expected_version=version, today=on
        )
        commit(milestone)
    except Stale:
        db.session.rollback()
        current = s.MilestoneSchema().dump(milestone_data(milestone, on))
        return stale(milestone, current, version=version, sent=changes)
    except Refused as refused:
        raise Invalid(refused.errors) from None
    return milestone_data(milestone, on)


@blp.patch("/posts/<int(max=2147483647):post_id>")
@blp.arguments(s.PostPatchSchema)
@blp.response(200, s.PostSchema)
@blp.alt_response(409, schema=s.StalePostSchema, description="The version is stale.")
def update_post(changes, post_id):
    """Move a border post to a stage or progress; the change is recorded as a dated update."""
    post = db.get_or_404(BorderPost, post_id)
    on = today()
    version = changes.pop("version")
    stage, progress = changes.get("stage", post.stage), changes.get("progress", post.progress)
    try:
        check_version(post, version)
        if (stage, progress) == (post.stage, post.progress):
            return post_data(post)  # nothing moves, so there is no update to record
        post_commands.record_update(
            post,
            on=on,
            stage=stage,
            progress=progress,
            comment=changes.get("comment", ""),
            reason=changes.get("reason", ""),
            by=current_user,
            expected_version=version,
            today=on,
        )
        commit(post)
    except Stale:
        db.session.rollback()
        return stale(post, s.PostSchema().dump(post_data(post)), version=version, sent=changes)
    except Refused as refused:
        raise Invalid(refused.errors) from None
    return post_data(post)
