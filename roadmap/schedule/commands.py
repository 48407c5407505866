"""The one way workstreams, milestones, their dependencies and the baseline change.

The milestone pages, the JSON API and the demo call these functions; each checks who
asks and on which version, applies the rules of roadmap/schedule/rules.py, pushes the
successors a change of dates makes late, and says why in the history. As in every
commands module (see roadmap/commands.py) the caller owns the transaction: nothing
here commits.
"""

from datetime import date

from flask_babel import gettext as _
from sqlalchemy import select

from roadmap.commands import (
    Invalid,
    check_editor,
    check_version,
    flush,
    invalid_unless_empty,
    reason_for,
)
from roadmap.effective import effective, refuse_undoing
from roadmap.extensions import db
from roadmap.schedule.models import (
    MILESTONE_STATUSES,
    Milestone,
    MilestoneDependency,
    Project,
    Workstream,
)
from roadmap.schedule.queries import current_spans, dependency_pairs, has_baseline
from roadmap.schedule.rules import milestone_problems
from roadmap.schedule.scheduling import Push, find_cycle, push_successors

# What a person may change on a milestone, on its page or through the API.
EDIT_FIELDS = (
    "title",
    "description",
    "workstream_id",
    "owner",
    "country",
    "post_id",
    "workshop_id",
    "current_start",
    "current_end",
    "actual_start",
    "actual_finish",
    "percent_complete",
    "status",
)
# Given only when a milestone is created from a plan already approved (the demo);
# afterwards the baseline changes by re-baselining alone, the order by the plan.
CREATE_ONLY_FIELDS = ("baseline_start", "baseline_end", "position")
REQUIRED_FIELDS = ("title", "workstream_id", "current_start", "current_end")
# The facts of a milestone's progress: dated by the day they happened (effective_on).
DATED_FIELDS = ("percent_complete", "status", "actual_start", "actual_finish")
MAX_LAG_DAYS = 365


def create_workstream(project: Project, name: str, *, by, position: int = 0) -> Workstream:
    """Add a workstream to the project."""
    check_editor(by)
    workstream = Workstream(project=project, name=name.strip(), position=position)
    db.session.add(workstream)
    return workstream


def create_milestone(values: dict, *, by, today: date) -> Milestone:
    """Create a milestone from its values; raise Invalid when the rules refuse them."""
    check_editor(by)
    unknown = set(values) - set(EDIT_FIELDS) - set(CREATE_ONLY_FIELDS)
    if unknown:
        raise ValueError(f"not fields of a new milestone: {sorted(unknown)}")
    values = _cleaned({"percent_complete": 0, "status": "planned", **values})
    _check_shape(values)
    invalid_unless_empty(milestone_problems(values, today))
    milestone = Milestone(**values)
    db.session.add(milestone)
    return milestone


def update_milestone(
    milestone: Milestone,
    changes: dict,
    *,
    by,
    expected_version,
    today: date,
    reason: str = "",
    effective_on: date | None = None,
) -> dict[int, Push]:
    """Change a milestone; return the later milestones its new dates pushed, by id.

    `changes` holds some of EDIT_FIELDS. The reason, if any, goes with this milestone's
    own history row; a pushed successor's row names its predecessor instead. A change
    of its progress, status or actual dates happened on `effective_on` (default today):
    reports of that day's month show it, whenever it is entered.
    """
    check_editor(by)
    check_version(milestone, expected_version)
    unknown = set(changes) - set(EDIT_FIELDS)
    if unknown:
        raise ValueError(f"not fields of a milestone: {sorted(unknown)}")
    changes = _cleaned(changes)
    values = {name: getattr(milestone, name) for name in EDIT_FIELDS} | changes
    _check_shape(values)
    invalid_unless_empty(milestone_problems(values, today))
    dates_moved = (values["current_start"], values["current_end"]) != (
        milestone.current_start,
        milestone.current_end,
    )
    facts = [
        name
        for name in DATED_FIELDS
        if name in changes and changes[name] != getattr(milestone, name)
    ]
    day = effective_on if facts else None
    with effective(day, today=today, project=Project.current), reason_for(reason):
        if day is not None and day < today:
            refuse_undoing(
                milestone,
                facts,
                day,
                lambda when: _(
                    "This milestone's progress was already recorded as of %(day)s; "
                    "a change dated before that day would undo it. Enter it with "
                    "that day or a later one.",
                    day=when,
                ),
            )
        for name, value in changes.items():
            setattr(milestone, name, value)
        if dates_moved:
            milestone.pushed_by_id = None  # dates set by hand, not by a predecessor
            flush(milestone)
    return reschedule([milestone.id]) if dates_moved else {}


def delete_milestone(milestone: Milestone, *, by) -> None:
    """Delete a milestone with its dependencies."""
    check_editor(by)
    db.session.delete(milestone)


def add_dependency(
    successor: Milestone, predecessor_id: int, *, lag_days: int = 0, by
) -> dict[int, Push]:
    """Make a milestone wait for another; return the milestones the new link pushed.

    Refused (Invalid, on predecessor_id) when the link exists already, points at the
    milestone itself or would close a cycle, whose path the message gives.
    """
    check_editor(by)
    if not -MAX_LAG_DAYS <= lag_days <= MAX_LAG_DAYS:
        raise ValueError(f"a lag lies within ±{MAX_LAG_DAYS} days")
    if predecessor_id == successor.id:
        raise Invalid({"predecessor_id": [_("A milestone cannot be its own predecessor.")]})
    existing = [(pred, succ) for pred, succ, _lag in dependency_pairs()]
    if (predecessor_id, successor.id) in existing:
        raise Invalid({"predecessor_id": [_("This dependency already exists.")]})
    cycle = find_cycle(existing, (predecessor_id, successor.id))
    if cycle:
        titles = dict(
            db.session.execute(
                select(Milestone.id, Milestone.title).where(Milestone.id.in_(cycle))
            ).all()
        )
        message = _(
            "Refused: this dependency would make a cycle: %(cycle)s.",
            cycle=" → ".join(titles.get(node, str(node)) for node in cycle),
        )
        raise Invalid({"predecessor_id": [message]})
    db.session.add(
        MilestoneDependency(
            predecessor_id=predecessor_id, successor_id=successor.id, lag_days=lag_days
        )
    )
    flush()
    return reschedule([predecessor_id])


def remove_dependency(link: MilestoneDependency, *, by) -> None:
    """Remove a dependency; the successor keeps its dates."""
    check_editor(by)
    db.session.delete(link)


def set_baseline(*, reason: str = "", by) -> int:
    """Copy every milestone's current dates to its baseline; return how many there are.

    The first baseline needs no reason; changing an approved one does (Invalid, on reason).
    """
    check_editor(by)
    reason = (reason or "").strip()
    if has_baseline() and not reason:
        raise Invalid({"reason": [_("Give the reason for changing the approved plan.")]})
    count = 0
    with reason_for(reason or _("First baseline")):
        for milestone in db.session.scalars(select(Milestone)):
            milestone.baseline_start = milestone.current_start
            milestone.baseline_end = milestone.current_end
            count += 1
    return count


def import_milestones(rows, *, by, today: date, source: str) -> int:
    """Apply the rows of a checked import plan (schedule.importing); return how many were pushed.

    Every row goes through the commands above, so the rules, the pushes and the history
    are those of the form; the history's reason names the file. The caller checked the
    plan first and owns the transaction: one refusal here and the caller rolls it all back.
    """
    check_editor(by)
    reason = _("Imported from %(file)s", file=source)
    pushed: set[int] = set()
    for row in rows:
        if row.action == "create":
            with reason_for(reason):
                row.milestone = create_milestone(row.values, by=by, today=today)
            flush(row.milestone)
        elif row.action == "change" and row.values:
            pushes = update_milestone(
                row.milestone,
                row.values,
                by=by,
                expected_version=row.milestone.version,
                today=today,
                reason=reason,
            )
            pushed.update(pushes)
    relinked = [row for row in rows if row.links is not None]
    with reason_for(reason):
        for row in relinked:  # links gone, or with another lag
            wanted = dict(row.links)
            for link in list(row.milestone.predecessor_links):
                if wanted.get(link.predecessor_id) != link.lag_days:
                    remove_dependency(link, by=by)
        flush()
        kept = {(pred, succ) for pred, succ, _lag in dependency_pairs()}
        for row in relinked:
            for predecessor, lag in row.links:
                if (predecessor, row.milestone.id) not in kept:
                    pushed.update(add_dependency(row.milestone, predecessor, lag_days=lag, by=by))
    return len(pushed)


def reschedule(changed_ids) -> dict[int, Push]:
    """Push the successors of the changed milestones later where needed; return the pushes.

    Their history rows carry no reason of their own: they record pushed_by_id, which
    the history and the report read as "Pushed by <predecessor>".
    """
    pushes = push_successors(current_spans(), dependency_pairs(), changed_ids)
    for milestone_id, push in pushes.items():
        milestone = db.session.get(Milestone, milestone_id)
        milestone.current_start = push.start
        milestone.current_end = push.end
        milestone.pushed_by_id = push.pushed_by
    return pushes


def _cleaned(values: dict) -> dict:
    """Return the values as stored: no country is None, texts are never None."""
    values = dict(values)
    if "country" in values:
        values["country"] = values["country"] or None
    if "description" in values:
        values["description"] = values["description"] or ""
    if "owner" in values:
        values["owner"] = (values["owner"] or "").strip()
    return values


def _check_shape(values: dict) -> None:
    """Refuse values no form or API schema lets through: a caller's mistake, not a user's."""
    missing = [name for name in REQUIRED_FIELDS if values.get(name) in (None, "")]
    if missing:
        raise ValueError(f"a milestone needs {', '.join(missing)}")
    if values["status"] not in MILESTONE_STATUSES:
        raise ValueError(f"unknown milestone status {values['status']!r}")
    if not 0 <= values["percent_complete"] <= 100:
        raise ValueError("percent complete lies between 0 and 100")
