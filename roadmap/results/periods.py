"""The reporting periods of an indicator and how an actual compares with its target.

Pure: dates and numbers in, dates and numbers out.
"""

from datetime import date

from roadmap.months import Month

# Share of the target reached from which an indicator is on track, or making progress.
ON_TRACK, SOME_PROGRESS = 0.9, 0.5
STATUSES = ("on_track", "some_progress", "off_track", "no_data")


def periods(start: date, end: date, kind: str) -> list[tuple[date, date]]:
    """Return the (first day, last day) of each month or project quarter from start to end."""
    step = 3 if kind == "quarter" else 1
    months = Month.span(start, end)[:-1]  # not the month after, which span adds
    return [
        (months[i].start, min(months[min(i + step, len(months)) - 1].end, end))
        for i in range(0, len(months), step)
    ]


def period_of(day: date, spans: list[tuple[date, date]]) -> date | None:
    """Return the first day of the period holding day, or None outside them all."""
    for start, end in spans:
        if start <= day <= end:
            return start
    return None


def achievement(actual, target, baseline=None, direction: str = "increase") -> float | None:
    """Return the share of the way from baseline to target the actual has come, or None."""
    if actual is None or target is None:
        return None
    origin = baseline or 0.0
    if direction == "decrease":
        origin = baseline if baseline is not None else actual
        span, done = origin - target, origin - actual
    else:
        span, done = target - origin, actual - origin
    if span == 0:
        return 1.0 if done >= 0 else 0.0
    return max(done / span, 0.0)


def status(share: float | None) -> str:
    """Return on_track, some_progress, off_track, or no_data for a share of the target."""
    if share is None:
        return "no_data"
    if share >= ON_TRACK:
        return "on_track"
    if share >= SOME_PROGRESS:
        return "some_progress"
    return "off_track"
