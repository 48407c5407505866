"""Milestone health, derived from dates and progress and never typed in.

Late follows Redmine's rule: a milestone is behind schedule when its progress
date (start + duration × percent complete) lies before today, and overdue when
it is unfinished past its end. "Today" is always a parameter.
"""

from datetime import date, timedelta

ON_TRACK, AT_RISK, LATE = "on_track", "at_risk", "late"
# An unfinished milestone ending this soon with less than half done is at risk.
RISK_WINDOW = timedelta(days=14)
RISK_PERCENT = 50
# Work that is done or cancelled is never behind.
FINISHED = ("done", "cancelled")


def progress_date(start: date, end: date, percent: int) -> date:
    """Return the date up to which the work is done, at an even pace."""
    duration_days = (end - start).days + 1
    return start + timedelta(days=duration_days * percent // 100)


def health(
    status: str,
    start: date,
    end: date,
    percent: int,
    today: date,
    baseline_end: date | None = None,
) -> str:
    """Return on_track, at_risk or late for one milestone as seen on `today`."""
    if status in FINISHED:
        return ON_TRACK
    if end < today:
        return LATE
    if start < today and progress_date(start, end, percent) < today:
        return LATE
    if baseline_end is not None and end > baseline_end:
        return AT_RISK
    if end - today <= RISK_WINDOW and percent < RISK_PERCENT:
        return AT_RISK
    return ON_TRACK


def late_days(start: date, end: date, percent: int, today: date, status: str = "planned") -> int:
    """Return how many days of work are behind the plan (0 when on schedule or finished)."""
    if status in FINISHED:
        return 0
    behind = (min(today, end + timedelta(days=1)) - progress_date(start, end, percent)).days
    return max(behind, 0)


def slip_days(end: date, baseline_end: date | None) -> int | None:
    """Return how many days the end lies after its baseline (negative: before); None unset."""
    if baseline_end is None:
        return None
    return (end - baseline_end).days
