"""The milestones file against the data: the export's rows, and the import's preview.

`plan_import` reads nothing but what it needs and writes nothing: it says, row by row,
what schedule.commands.import_milestones would create or change (old → new), and
every problem (unknown workstream or post, a cycle, bad dates); the page shows it,
and only a plan without problems is applied.
"""

from dataclasses import dataclass, field
from datetime import date

from flask_babel import format_date
from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from roadmap.extensions import db
from roadmap.posts.models import BorderPost
from roadmap.schedule.critical import is_critical
from roadmap.schedule.models import Milestone, Workstream
from roadmap.schedule.queries import dependency_pairs, plan_network
from roadmap.schedule.rules import milestone_problems
from roadmap.schedule.scheduling import find_cycle
from roadmap.schedule.sheet import COLUMNS, Sheet, format_links
from roadmap.tabular import RowProblem, key

# The columns that are fields of the milestone as they are stored.
FIELD_OF = {
    "workstream": "workstream_id",
    "title": "title",
    "owner": "owner",
    "country": "country",
    "post": "post_id",
    "baseline_start": "baseline_start",
    "baseline_end": "baseline_end",
    "current_start": "current_start",
    "current_end": "current_end",
    "actual_start": "actual_start",
    "actual_finish": "actual_finish",
    "percent_complete": "percent_complete",
    "status": "status",
}
BASELINE = ("baseline_start", "baseline_end")


@dataclass
class RowPlan:
    """What one row does: create, change or leave a milestone, and its links."""

    line: int
    title: str
    action: str  # "create", "change" or "unchanged"
    milestone: Milestone | None = None
    values: dict = field(default_factory=dict)  # fields to set (all of them to create)
    links: list | None = None  # the predecessors it should have, when the file says
    changes: list = field(default_factory=list)  # (column, old text, new text)


@dataclass
class ImportPlan:
    rows: list[RowPlan] = field(default_factory=list)
    problems: list[RowProblem] = field(default_factory=list)

    def count(self, action: str) -> int:
        return sum(1 for row in self.rows if row.action == action)


def export_rows() -> list[dict]:
    """Return every milestone as plain values keyed by the file's columns, in Gantt order.

    With its total float in days and whether it is critical, which exports show and the
    import ignores: both are derived from the dates and links.
    """
    floats = plan_network()["floats"]
    streams = dict(db.session.execute(select(Workstream.id, Workstream.name)).all())
    posts = dict(db.session.execute(select(BorderPost.id, BorderPost.name)).all())
    links: dict[int, list] = {}
    for predecessor, successor, lag in dependency_pairs():
        links.setdefault(successor, []).append((predecessor, lag))
    query = (
        select(Milestone)
        .join(Milestone.workstream)
        .order_by(Workstream.position, Workstream.id, Milestone.position, Milestone.id)
    )
    rows = []
    for milestone in db.session.scalars(query):
        row = {column: getattr(milestone, name) for column, name in FIELD_OF.items()}
        row.update(
            id=milestone.id,
            workstream=streams.get(milestone.workstream_id, ""),
            post=posts.get(milestone.post_id, "") if milestone.post_id else "",
            predecessors=links.get(milestone.id, []),
            total_float_days=floats.get(milestone.id),
            critical=is_critical(floats.get(milestone.id)),
        )
        rows.append(row)
    return rows


def shown(value) -> str:
    """Return a value as the preview shows it."""
    if value is None or value == "":
        return "—"
    if isinstance(value, date):
        return format_date(value, "medium")
    return str(value)


class _Lookups:
    """The records a file's rows name: milestones by id, workstreams and posts by name."""

    def __init__(self):
        query = select(Milestone).options(selectinload(Milestone.predecessor_links))
        self.milestones = {m.id: m for m in db.session.scalars(query)}
        self.streams, self.stream_names, self.posts = {}, {}, {}
        for stream in db.session.scalars(select(Workstream)):
            self.streams.setdefault(key(stream.name), stream.id)
            self.stream_names[stream.id] = stream.name
        for post in db.session.scalars(select(BorderPost)):
            self.posts.setdefault(key(post.name), []).append(post)
        self.post_names = {post.id: post.name for found in self.posts.values() for post in found}

    def post_id(self, name: str, country: str | None) -> int:
        found = self.posts.get(key(name), [])
        if len(found) > 1:
            found = [post for post in found if post.country == country] or found
        if not found:
            raise ValueError(_("No border post is named “%(name)s”.", name=name))
        if len(found) > 1:
            raise ValueError(
                _("Several posts are named “%(name)s”: give the milestone's country.", name=name)
            )
        return found[0].id

    def old_links(self, milestone: Milestone) -> list[tuple[int, int]]:
        return sorted((link.predecessor_id, link.lag_days) for link in milestone.predecessor_links)


def plan_import(sheet: Sheet, today: date) -> ImportPlan:
    """Return what importing the read file would do, row by row, with every problem."""
    plan = ImportPlan(problems=list(sheet.problems))
    look = _Lookups()
    bad_lines = {problem.line for problem in sheet.problems}
    seen: dict[int, int] = {}
    for row in sheet.rows:
        problems: list[RowProblem] = []
        found = _row_plan(row, look, today, seen, problems)
        if found is not None:
            plan.rows.append(found)
        plan.problems.extend(problems)
        if problems:
            bad_lines.add(row["line"])
    _check_links(plan, look, bad_lines)
    order = {column: index for index, column in enumerate(COLUMNS)}
    plan.problems.sort(key=lambda problem: (problem.line, order.get(problem.column, -1)))
    return plan


def _row_plan(row, look: _Lookups, today, seen, problems) -> RowPlan | None:
    line = row["line"]

    def refuse(column, message):
        problems.append(RowProblem(line, column, str(message)))

    milestone = None
    if row.get("id") is not None:
        milestone = look.milestones.get(row["id"])
        if milestone is None:
            refuse(
                "id",
                _("No milestone has the id %(id)s: leave it empty to create one.", id=row["id"]),
            )
        elif row["id"] in seen:
            refuse("id", _("The same milestone is already on line %(n)d.", n=seen[row["id"]]))
        seen.setdefault(row["id"], line)
    # Cells that are the field itself; the workstream and the post are found by name.
    values = {
        name: row[column]
        for column, name in FIELD_OF.items()
        if column in row and column not in ("workstream", "post")
    }
    if row.get("workstream"):
        values["workstream_id"] = look.streams.get(key(row["workstream"]))
        if values["workstream_id"] is None:
            refuse("workstream", _("No workstream is named “%(name)s”.", name=row["workstream"]))
    if "post" in row:
        country = row.get("country", milestone.country if milestone else None)
        try:
            values["post_id"] = look.post_id(row["post"], country) if row["post"] else None
        except ValueError as error:
            refuse("post", error)
    if milestone is not None:
        stored = {name: getattr(milestone, name) for name in FIELD_OF.values()}
    else:
        stored = {"percent_complete": 0, "status": "planned", "owner": ""}
    merged = stored | values
    for field_name, messages in milestone_problems(merged, today).items():
        column = next(c for c, n in FIELD_OF.items() if n == field_name)
        for message in messages:
            refuse(column, message)
    start, end = merged.get("baseline_start"), merged.get("baseline_end")
    if start and end and end < start:
        refuse("baseline_end", _("The end cannot be before the start."))
    if milestone is not None:
        for name in BASELINE:
            if name in values and values[name] != stored[name]:
                refuse(name, _("The baseline changes only by setting a new baseline."))
    if row.get("id") is not None and milestone is None:
        return None
    title = row.get("title") or (milestone.title if milestone else "")
    plan = RowPlan(line, title, "create" if milestone is None else "unchanged", milestone)
    plan.links = row.get("predecessors")
    if milestone is None:
        plan.values = values
        return plan
    plan.values = {name: value for name, value in values.items() if value != stored[name]}
    for name, value in plan.values.items():
        column = next(c for c, n in FIELD_OF.items() if n == name)
        plan.changes.append(
            (column, _display(look, name, stored[name]), _display(look, name, value))
        )
    if plan.links is not None and sorted(plan.links) != look.old_links(milestone):
        plan.changes.append(
            (
                "predecessors",
                format_links(look.old_links(milestone)) or "—",
                format_links(plan.links) or "—",
            )
        )
    else:
        plan.links = None  # unchanged
    if plan.changes:
        plan.action = "change"
    return plan


def _display(look: _Lookups, name: str, value) -> str:
    if name == "workstream_id":
        return look.stream_names.get(value, "—")
    if name == "post_id":
        return look.post_names.get(value, "—") if value else "—"
    return shown(value)


def _check_links(plan: ImportPlan, look: _Lookups, bad_lines: set) -> None:
    """Refuse links to unknown milestones, to the milestone itself, and cycles."""
    changed = {row.milestone.id for row in plan.rows if row.milestone and row.links is not None}
    edges = [(pred, succ) for pred, succ, _lag in dependency_pairs() if succ not in changed]
    titles = {key_: milestone.title for key_, milestone in look.milestones.items()}
    for row in plan.rows:
        if row.links is None or row.line in bad_lines:
            continue
        own = row.milestone.id if row.milestone else None
        for predecessor, _lag in row.links:
            problem = None
            if predecessor not in look.milestones:
                problem = _("No milestone has the id %(id)s.", id=predecessor)
            elif predecessor == own:
                problem = _("A milestone cannot be its own predecessor.")
            elif own is not None:
                cycle = find_cycle(edges, (predecessor, own))
                if cycle:
                    problem = _(
                        "Refused: this dependency would make a cycle: %(cycle)s.",
                        cycle=" → ".join(titles.get(node, str(node)) for node in cycle),
                    )
                else:
                    edges.append((predecessor, own))
            if problem:
                plan.problems.append(RowProblem(row.line, "predecessors", str(problem)))
                bad_lines.add(row.line)
                break
