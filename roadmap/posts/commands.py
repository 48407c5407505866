"""The one way border posts and their dated updates change.

The post pages, the JSON API, the CSV import (web and command line) and the demo
call these functions; each checks who asks and on which version, applies the rules
of roadmap/posts/rules.py and geo.py, writes the dated update that tells the post's
timeline, and says why in the history. As in every commands module (see
roadmap/commands.py) the caller owns the transaction: nothing here commits.
"""

from dataclasses import dataclass
from datetime import date

from flask_babel import gettext as _
from sqlalchemy import select

from roadmap.commands import Invalid, check_editor, check_version, reason_for
from roadmap.effective import effective, refuse_undoing
from roadmap.extensions import db
from roadmap.posts import csvio, geo, rules
from roadmap.posts.models import POST_KINDS, PRIORITIES, STAGES, BorderPost, PostUpdate
from roadmap.schedule.models import Project

# What a person may change on a post's own form; stage and progress move by updates.
POST_FIELDS = (
    "name",
    "country",
    "neighbour_country",
    "kind",
    "latitude",
    "longitude",
    "priority",
    "contractor",
    "estimated_cost",
    "spent",
    "notes",
)
REQUIRED_FIELDS = ("name", "country", "latitude", "longitude")
# The post's facts dated by the day they happened (effective_on), like its updates.
DATED_FIELDS = ("spent",)
# What a post starts from when a file or a form leaves it out.
DEFAULTS = {"kind": "land", "priority": "medium", "stage": STAGES[0], "progress": 0}


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0


def create_post(
    values: dict, *, by, today: date, on: date | None = None, comment: str | None = None
) -> BorderPost:
    """Register a post at its starting stage and progress, with the update that says so.

    The update is dated `on` (today by default) and says "Post registered" unless
    another comment is given; raise Invalid when the place or the stage is wrong.
    """
    check_editor(by)
    unknown = set(values) - set(POST_FIELDS) - {"stage", "progress"}
    if unknown:
        raise ValueError(f"not fields of a border post: {sorted(unknown)}")
    values = {**DEFAULTS, **_cleaned(values)}
    _check_shape(values)
    problems = _place_problems(values, None)
    for field, message in rules.consistency_problems(values["stage"], values["progress"]).items():
        problems.setdefault(field, []).append(message)
    if problems:
        raise Invalid(problems)
    post = BorderPost(**values)
    post.updates.append(
        PostUpdate(
            date=on or today,
            stage=post.stage,
            progress=post.progress,
            comment=_("Post registered") if comment is None else comment,
            author=by,
        )
    )
    db.session.add(post)
    return post


def update_post(
    post: BorderPost,
    changes: dict,
    *,
    by,
    expected_version,
    today: date | None = None,
    effective_on: date | None = None,
) -> None:
    """Change a post's description, place or costs; raise Invalid when the place is wrong.

    A new amount spent was reached on `effective_on` (default today): reports of that
    day's month show it, whenever it is entered. It cannot be dated before the day of
    the amount recorded last, which it would undo.
    """
    check_editor(by)
    check_version(post, expected_version)
    unknown = set(changes) - set(POST_FIELDS)
    if unknown:
        raise ValueError(f"not fields a post's form changes: {sorted(unknown)}")
    changes = _cleaned(changes)
    values = {name: getattr(post, name) for name in POST_FIELDS} | changes
    _check_shape(values)
    problems = _place_problems(values, post)
    if problems:
        raise Invalid(problems)
    facts = [
        name for name in DATED_FIELDS if name in changes and changes[name] != getattr(post, name)
    ]
    day = effective_on if facts and effective_on is not None else None
    if day is not None and today is None:
        raise ValueError("an effective date needs today to be checked against")
    with effective(day, today=today, project=Project.current):
        if day is not None and day < today:
            refuse_undoing(
                post,
                facts,
                day,
                lambda when: _(
                    "The amount spent was already recorded as of %(day)s; an amount dated "
                    "before that day would undo it. Enter it with that day or a later one.",
                    day=when,
                ),
            )
        for name, value in changes.items():
            setattr(post, name, value)


def record_update(
    post: BorderPost,
    *,
    on: date,
    stage: str,
    progress: int,
    comment: str = "",
    reason: str = "",
    by,
    expected_version,
    today: date,
) -> bool:
    """Record a dated stage and progress update; return whether it became the post's state.

    The rules compare it with the post as it stood on that date: moving back needs a
    reason, which goes with the history and into the update's comment. An update dated
    before a later one only joins the timeline; the latest gives the current state.
    """
    check_editor(by)
    check_version(post, expected_version)
    # Set first: loading the updates flushes, and the flush that records a change reads it.
    with reason_for(reason) as reason:
        earlier = [(u.date, u.stage, u.progress) for u in sorted(post.updates, key=_order)]
        old_stage, old_progress = rules.state_before(earlier, on, (post.stage, post.progress))
        problems = rules.update_problems(
            old_stage=old_stage,
            old_progress=old_progress,
            new_stage=stage,
            new_progress=progress,
            on=on,
            today=today,
            reason=reason,
        )
        if problems:
            raise Invalid({field: [message] for field, message in problems.items()})
        comment = (comment or "").strip()
        if reason:
            comment = _(
                "%(comment)s\nReason for moving back: %(reason)s", comment=comment, reason=reason
            ).strip()
        # The post's own change is dated like the update: the day it happened in the field.
        with effective(on, today=today, project=Project.current, field="date"):
            post.updates.append(
                PostUpdate(date=on, stage=stage, progress=progress, comment=comment, author=by)
            )
            current = rules.becomes_current(earlier, on)
            if current:
                post.stage, post.progress = stage, progress
    return current


def import_posts(
    parsed: csvio.ParsedFile, existing: dict, *, source: str, by, today: date
) -> ImportResult:
    """Create or update a post per row of a checked file (see importing.read).

    A stage or progress change writes a dated update, and every change recorded says
    which file it came from. `existing` is importing.existing_posts(), kept up to date.
    """
    check_editor(by)
    if parsed.problems:
        raise ValueError("refusing to import a file with problems")
    result = ImportResult()
    comment = _("Imported from %(source)s", source=source)
    with reason_for(comment):
        for row in parsed.rows:
            values = {name: row[name] for name in csvio.COLUMNS if name in row}
            post = existing.get((csvio.key(row["name"]), row["country"]))
            if post is None:
                post = BorderPost(**{**DEFAULTS, **values})
                db.session.add(post)
                existing[(csvio.key(post.name), post.country)] = post
                result.created += 1
            else:
                changed = {
                    name: value for name, value in values.items() if getattr(post, name) != value
                }
                if not changed:
                    result.unchanged += 1
                    continue
                for name, value in changed.items():
                    setattr(post, name, value)
                result.updated += 1
                if "stage" not in changed and "progress" not in changed:
                    continue
            post.updates.append(
                PostUpdate(
                    date=today, stage=post.stage, progress=post.progress, comment=comment, author=by
                )
            )
    return result


def _order(update: PostUpdate):
    return (update.date, update.id or 0)


def _cleaned(values: dict) -> dict:
    """Return the values as stored: texts trimmed, no neighbour is None."""
    values = dict(values)
    for name in ("name", "contractor", "notes"):
        if name in values:
            values[name] = (values[name] or "").strip()
    if "neighbour_country" in values:
        values["neighbour_country"] = values["neighbour_country"] or None
    return values


def _check_shape(values: dict) -> None:
    """Refuse values no form or file lets through: a caller's mistake, not a user's."""
    missing = [name for name in REQUIRED_FIELDS if values.get(name) in (None, "")]
    if missing:
        raise ValueError(f"a border post needs {', '.join(missing)}")
    if values["kind"] not in POST_KINDS or values["priority"] not in PRIORITIES:
        raise ValueError(f"unknown kind or priority: {values['kind']!r}, {values['priority']!r}")


def _place_problems(values: dict, post: BorderPost | None) -> dict[str, list[str]]:
    """Return the problems of a post's place: coordinates outside its country, a name taken."""
    problems: dict[str, list[str]] = {}
    where = geo.coordinate_problem(values["country"], values["latitude"], values["longitude"])
    if where:
        problems["latitude"] = [where]
    same = db.session.scalar(
        select(BorderPost).where(
            BorderPost.name == values["name"], BorderPost.country == values["country"]
        )
    )
    if same is not None and same is not post:
        problems["name"] = [_("A post with this name already exists in this country.")]
    return problems
