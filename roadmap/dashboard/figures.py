"""The dashboard's figures, from plain values; "today" is always a parameter."""

from dataclasses import dataclass
from datetime import date, timedelta

from flask_babel import lazy_gettext as _l
from flask_babel import ngettext

from roadmap.schedule import progress
from roadmap.schedule.health import LATE, health


@dataclass(frozen=True)
class MilestoneRow:
    """What the dashboard needs of a milestone."""

    id: int
    status: str
    start: date
    end: date
    percent: int
    baseline_start: date | None = None
    baseline_end: date | None = None


def work_complete(rows: list[MilestoneRow]) -> float:
    """Return percent complete of all live milestones (see roadmap/schedule/progress.py)."""
    return progress.work_complete(rows)


def work_planned(rows: list[MilestoneRow], on: date) -> float:
    """Return percent complete that the baseline planned by a date (see progress.py)."""
    return progress.work_planned(rows, on)


def time_elapsed(project_start: date, project_end: date, today: date) -> float:
    """Return the share of the project's calendar that has passed, in percent."""
    return progress.time_elapsed(project_start, project_end, today)


def schedule_gap_days(rows: list[MilestoneRow], project_start: date, today: date) -> int:
    """Return days behind (positive) or ahead (negative) of the baseline.

    The gap is how long ago the baseline planned to reach the work complete
    today: the date the plan crossed that percentage, compared with today.
    """
    items = progress.live(rows)
    done = progress.work_complete(items)
    planned_today = progress.work_planned(items, today)
    if abs(planned_today - done) < 0.5:
        return 0
    step = -1 if done < planned_today else 1
    day = today
    # Walk the plan day by day (a project is about 365 days: cheap and exact).
    for _ in range(800):
        day += timedelta(days=step)
        planned = progress.work_planned(items, day)
        if (step < 0 and planned <= done) or (step > 0 and planned >= done):
            return (today - day).days
        if day < project_start - timedelta(days=1):
            break
    return (today - day).days


def gap_in_words(days: int) -> str:
    """Say a schedule gap the way a person would ("3 weeks behind the baseline")."""
    if days == 0:
        return str(_l("on the baseline"))
    amount = abs(days)
    if amount >= 14:
        weeks = round(amount / 7)
        span = ngettext("%(num)d week", "%(num)d weeks", weeks)
    else:
        span = ngettext("%(num)d day", "%(num)d days", amount)
    if days > 0:
        return str(_l("%(span)s behind the baseline", span=span))
    return str(_l("%(span)s ahead of the baseline", span=span))


def milestone_counts(rows: list[MilestoneRow], today: date, horizon_days: int = 30) -> dict:
    """Count milestones done, in progress, late and due within the horizon."""
    horizon = today + timedelta(days=horizon_days)
    counts = {"done": 0, "in_progress": 0, "late": 0, "due_soon": 0}
    for row in rows:
        if row.status == "done":
            counts["done"] += 1
            continue
        if row.status == "cancelled":
            continue
        if row.status == "in_progress":
            counts["in_progress"] += 1
        if health(row.status, row.start, row.end, row.percent, today, row.baseline_end) == LATE:
            counts["late"] += 1
        if today <= row.end <= horizon:
            counts["due_soon"] += 1
    return counts


def rows_from(milestones: list[dict]) -> list[MilestoneRow]:
    """Turn the schedule's plain milestone rows into what the dashboard figures need."""
    return [
        MilestoneRow(
            id=m["id"],
            status=m["status"],
            start=m["start"],
            end=m["end"],
            percent=m["percent"],
            baseline_start=m.get("baseline_start"),
            baseline_end=m.get("baseline_end"),
        )
        for m in milestones
    ]


# The fields whose change a returning visitor cares about, per kind of record.
WATCHED = {
    "milestone": ("status", "percent_complete", "current_start", "current_end"),
    "post_update": ("stage", "progress", "comment"),
    "outcome": ("status",),
    "outcome_note": ("status", "text"),
    "report_version": ("number",),
}
# Records that are only ever added: their creation is the news.
ADDED_ONLY = frozenset({"post_update", "outcome_note", "report_version"})


def changes_that_matter(entries: list[dict], limit: int = 10) -> list[dict]:
    """Keep the history entries a returning visitor cares about, newest first.

    Each entry is a plain dict (id, at, entity, entity_id, action, changes…); the
    result keeps only the watched fields in `changes`. An outcome's status change
    made by a follow-up note is told once, by the note.
    """
    noted = {
        (e["at"], (e["changes"].get("outcome_id") or [None, None])[1])
        for e in entries
        if e["entity"] == "outcome_note" and e["action"] == "create"
    }
    kept = []
    for entry in sorted(entries, key=lambda e: (e["at"], e["id"]), reverse=True):
        entity, action = entry["entity"], entry["action"]
        if entity not in WATCHED or (entity in ADDED_ONLY and action != "create"):
            continue
        if entity == "outcome" and (entry["at"], entry["entity_id"]) in noted:
            continue
        changes = {
            name: pair
            for name, pair in (entry["changes"] or {}).items()
            if name in WATCHED[entity] and pair[0] != pair[1]
        }
        if action == "update" and not changes:
            continue
        if entity == "milestone" and action != "update":
            changes = {}
        kept.append({**entry, "changes": changes})
        if len(kept) >= limit:
            break
    return kept


def handed_over_share(stages: list[str]) -> tuple[int, int]:
    """Return (posts handed over, posts planned) from the posts' stages."""
    return sum(1 for stage in stages if stage == "handed_over"), len(stages)
