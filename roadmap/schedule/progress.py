"""How much of the work is done, and how much the baseline planned by a date.

The one definition the dashboard, the monthly report and the S-curve share.
Pure: plain values in (mappings or objects with the fields of `Work`), numbers out.

Method:

- Cancelled milestones weigh nothing; every other milestone is live.
- A live milestone weighs its BASELINE duration in days (start to end, inclusive),
  or its current dates while no baseline is set. A point milestone weighs one day.
  The same weights serve both figures, so their gap compares like with like.
- **Work complete**: the weighted mean of percent complete (a done milestone counts 100).
- **Planned by a date**: each milestone earns its weight evenly across its baseline
  days, all of it by its baseline end.
- **Earned by a date** (the S-curve's actual line before today, an estimate since
  only the current percent is stored): each milestone earns its percent × weight
  evenly from its actual start (or current start) to its actual finish (or today
  while it runs). From today on it is exactly the work complete.

Values are percentages, unrounded: each caller rounds for display.
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from math import fsum

FIELDS = (
    "status",
    "percent",
    "start",
    "end",
    "baseline_start",
    "baseline_end",
    "actual_start",
    "actual_finish",
)


@dataclass(frozen=True)
class Work:
    """What the progress figures need of one milestone."""

    status: str
    percent: float
    start: date
    end: date
    baseline_start: date | None = None
    baseline_end: date | None = None
    actual_start: date | None = None
    actual_finish: date | None = None

    @property
    def plan(self) -> tuple[date, date]:
        """Return the baseline dates, or the current ones while no baseline is set."""
        return self.baseline_start or self.start, self.baseline_end or self.end

    @property
    def weight(self) -> int:
        return weight(self.start, self.end, self.baseline_start, self.baseline_end)

    @property
    def done(self) -> float:
        """Return the fraction complete (a done milestone is complete)."""
        return done_fraction(self.status, self.percent)


def weight(
    start: date, end: date, baseline_start: date | None = None, baseline_end: date | None = None
) -> int:
    """Return a milestone's weight: its baseline days (current ones while unset), at least 1."""
    plan_start, plan_end = baseline_start or start, baseline_end or end
    return max((plan_end - plan_start).days + 1, 1)


def done_fraction(status: str, percent) -> float:
    """Return the fraction of a milestone complete (a done milestone is complete)."""
    if status == "done":
        return 1.0
    return min(max(float(percent or 0), 0.0), 100.0) / 100


def time_elapsed(start: date, end: date, day: date) -> float:
    """Return the percent of the inclusive span [start, end] elapsed by the end of `day`."""
    if day < start:
        return 0.0
    if day >= end:
        return 100.0
    return 100 * ((day - start).days + 1) / ((end - start).days + 1)


def work_from(row) -> Work:
    """Return the Work of a plain row: a mapping or an object with those fields."""
    if isinstance(row, Work):
        return row
    if isinstance(row, dict):
        return Work(**{name: row.get(name) for name in FIELDS})
    return Work(**{name: getattr(row, name, None) for name in FIELDS})


def share(start: date, end: date, day: date) -> float:
    """Return the fraction of the inclusive span [start, end] elapsed by the end of `day`."""
    if day < start:
        return 0.0
    if day >= end:
        return 1.0
    return ((day - start).days + 1) / ((end - start).days + 1)


def live(rows: Iterable) -> list[Work]:
    """Return the Work of every milestone that is not cancelled."""
    return [work for work in map(work_from, rows) if work.status != "cancelled"]


def work_complete(rows: Iterable) -> float:
    """Return the percent of work complete, weighted by baseline duration."""
    items = live(rows)
    total = sum(w.weight for w in items)
    if not total:
        return 0.0
    return 100 * fsum(w.weight * w.done for w in items) / total


def work_planned(rows: Iterable, day: date) -> float:
    """Return the percent of work the baseline planned done by the end of `day`."""
    items = live(rows)
    total = sum(w.weight for w in items)
    if not total:
        return 0.0
    return 100 * fsum(w.weight * share(*w.plan, day) for w in items) / total


def ramp_totals(ramps: Iterable[tuple[float, date, date]], days: list[date]) -> list[float]:
    """Return sum(weight * share(start, end, day)) over the ramps, for each of the sorted days.

    share() climbs by 1/L a day over a span of L days, so the sum climbs each day by
    the weight/L of the spans under way: that rate changes only where a span starts
    or stops. One sweep over those changes and the days costs spans + days steps,
    not spans x days (5,000 milestones over 157 weeks: 1.5 million share() calls).
    """
    changes: dict[date, float] = defaultdict(float)
    for weight, start, end in ramps:
        length = max((end - start).days + 1, 1)
        changes[start] += weight / length
        changes[start + timedelta(days=length)] -= weight / length
    events = sorted(changes)
    totals, index, rate, total, since = [], 0, 0.0, 0.0, None
    for day in days:
        while index < len(events) and events[index] <= day:
            if since is not None:
                total += rate * (events[index] - since).days
            since = events[index]
            rate += changes[since]
            index += 1
        totals.append(0.0 if since is None else total + rate * ((day - since).days + 1))
    return totals


def earned_ramp(work: Work, today: date) -> tuple[float, date, date]:
    """Return (weight x done, first day, last day) of the span a milestone earns its work over."""
    began = min(work.actual_start or work.start, today)
    finished = work.actual_finish or (work.end if work.status == "done" else None)
    return work.weight * work.done, began, max(began, min(finished or today, today))


def work_earned(rows: Iterable, day: date, today: date) -> float:
    """Return the estimated percent of work complete at the end of `day` (see the method)."""
    items = live(rows)
    if day >= today:
        return work_complete(items)
    total = sum(w.weight for w in items)
    if not total:
        return 0.0
    earned = fsum(
        weight * share(began, until, day)
        for weight, began, until in (earned_ramp(w, today) for w in items)
    )
    return 100 * earned / total
