"""The S-curve of a report: planned and actual work complete at each month end.

Pure, like content.py. The actual line reads every past month end's state, so the
history is walked back once for all of them, and each state is summed as plain
(weight, done) pairs: what work_complete(milestone_rows(state, day)) gives, without
a row per milestone per month.
"""

from datetime import date, timedelta
from math import fsum

from roadmap.months import Month
from roadmap.reports.snapshot import History
from roadmap.schedule import progress


def past_instant(month: Month, today: date, end=True):
    """Return the instant to rebuild the month's end (or start) at, or None for today's data."""
    day = month.end if end else month.start - timedelta(days=1)
    if day >= today:
        return None  # the month is not over: today's data is its data
    return month.end_instant if end else month.start_instant


def as_of_status(row, as_of: date) -> str:
    """Return the status, ignoring actual dates that lie after the report's day."""
    status = row["status"]
    if status == "done" and row.get("actual_finish") and row["actual_finish"] > as_of:
        return "in_progress"
    if status == "in_progress" and row.get("actual_start") and row["actual_start"] > as_of:
        return "planned"
    return status


def _weighed(ms, as_of: date):
    """Return (weight, fraction done) of a stored milestone as of a day, as progress.py weighs it."""
    status = as_of_status(ms, as_of)
    if status == "cancelled":
        return None
    weight = progress.weight(
        ms["current_start"], ms["current_end"], ms.get("baseline_start"), ms.get("baseline_end")
    )
    return weight, progress.done_fraction(status, int(ms.get("percent_complete") or 0))


def complete_at(state, as_of: date) -> float:
    """Return work complete of a state, as work_complete(milestone_rows(state, as_of)) would.

    The S-curve asks it of every past month end: plain tuples keep that cheap at scale.
    """
    items = [w for w in (_weighed(ms, as_of) for ms in state.get("milestone", {}).values()) if w]
    total = sum(weight for weight, _done in items)
    if not total:
        return 0.0
    return round(100 * fsum(weight * done for weight, done in items) / total, 1)


def planned_series(milestones, days) -> list[float]:
    """Return planned_complete(milestones, day) for each day, weighing each milestone once."""
    plans = [(work.weight, *work.plan) for work in progress.live(milestones)]
    total = sum(weight for weight, _start, _end in plans)
    if not total:
        return [0.0 for _day in days]
    return [
        round(
            100
            * fsum(weight * progress.share(start, end, day) for weight, start, end in plans)
            / total,
            1,
        )
        for day in days
    ]


def scurve_points(rows, history: History, month, today, project, milestones) -> dict:
    """Return planned (from the baseline) and actual work complete at each month end.

    Actual values come from the history: each past month end's own snapshot, so the
    curve of an earlier report never moves. Months after the report's have none.
    """
    months = Month.span(project["start_date"], project["end_date"])[:-1]
    reported = [each for each in months if each <= month and each.start <= today]
    instants = {each: past_instant(each, today) for each in reported}
    actual = {
        each: complete_at(rows, each.as_of(today))
        for each, instant in instants.items()
        if instant is None
    }
    # One walk back; each month end's value is taken before older entries are undone.
    for instant, state in history.walk_back(rows, {i for i in instants.values() if i}):
        for each in (each for each, at in instants.items() if at == instant):
            actual[each] = complete_at(state, each.as_of(today))
    dates = [min(each.end, project["end_date"]) for each in months]
    return {
        "dates": dates,
        "planned": planned_series(milestones, dates),
        "actual": [actual.get(each) for each in months],
    }
