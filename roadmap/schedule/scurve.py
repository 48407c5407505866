"""The S-curve's series: planned against actual cumulative percent complete, week by week.

Method: the weights and both lines come from progress.py, the definition the
dashboard and the monthly report share:

- Each live milestone weighs its baseline duration (current dates without a
  baseline); cancelled milestones weigh nothing.
- **Planned** at a date: the weighted share of work the baseline says is done by
  then; it reaches 100 % at the last baseline end.
- **Actual** at a date (only up to today): an estimate from the current percent
  complete, each milestone earning it evenly from its actual start to its actual
  finish (or today). At today it is exactly the dashboard's "work complete";
  reports for past months use the history instead of this curve.
- Points are taken at the end of each week (every 7 days from the project start,
  plus today and the project end), so the planned curve ends at 100 % on the last point.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from roadmap.schedule import progress


@dataclass(frozen=True)
class SCurve:
    dates: list[date]
    planned: list[float]
    actual: list[float | None]


def week_ends(project_start: date, project_end: date) -> list[date]:
    """Return the last day of each project week, ending with the project end."""
    days = []
    day = project_start + timedelta(days=6)
    while day < project_end:
        days.append(day)
        day += timedelta(days=7)
    days.append(project_end)
    return days


def scurve_series(milestones, project_start: date, project_end: date, today: date) -> SCurve:
    """Return weekly planned and actual cumulative percent complete (see the module's method).

    Each milestone is a dict with status, percent, start, end and optionally
    baseline_start, baseline_end, actual_start, actual_finish.
    """
    items = progress.live(milestones)
    dates = week_ends(project_start, project_end)
    # The last actual point sits on today itself, so the curve ends where the dashboard's number is.
    if project_start <= today < project_end and items and today not in dates:
        dates.insert(next(i for i, day in enumerate(dates) if day > today), today)
    total = sum(work.weight for work in items)
    if not total:
        return SCurve(dates, [0.0] * len(dates), [0.0 if day <= today else None for day in dates])
    # progress.work_planned and work_earned at every date, summed in one sweep each.
    planned = progress.ramp_totals([(work.weight, *work.plan) for work in items], dates)
    past = [day for day in dates if day < today]
    earned = progress.ramp_totals([progress.earned_ramp(work, today) for work in items], past)
    actual = [round(100 * value / total, 2) for value in earned]
    if today in dates:
        actual.append(round(progress.work_complete(items), 2))
    actual += [None] * (len(dates) - len(actual))
    return SCurve(dates, [round(100 * value / total, 2) for value in planned], actual)
