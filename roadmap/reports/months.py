"""Report months: which exist for a project, and the instants that bound them."""

import re
from datetime import UTC, date, datetime, timedelta

MONTH_PATTERN = re.compile(r"\A([0-9]{4})-(0[1-9]|1[0-2])\Z")


def first_day(month: str) -> date:
    """Return the first day of a YYYY-MM month."""
    year, number = month.split("-")
    return date(int(year), int(number), 1)


def month_of(day: date) -> str:
    """Return the YYYY-MM month a day falls in."""
    return f"{day.year:04d}-{day.month:02d}"


def next_month(month: str) -> str:
    """Return the month after a YYYY-MM month."""
    start = first_day(month)
    return month_of((start + timedelta(days=32)).replace(day=1))


def previous_month(month: str) -> str:
    """Return the month before a YYYY-MM month."""
    return month_of(first_day(month) - timedelta(days=1))


def last_day(month: str) -> date:
    """Return the last day of a YYYY-MM month."""
    return first_day(next_month(month)) - timedelta(days=1)


def project_months(start: date, end: date) -> list[str]:
    """Return every month of the project, and the month after it ends."""
    months = [month_of(start)]
    final = next_month(month_of(end))
    while months[-1] != final:
        months.append(next_month(months[-1]))
    return months


def parse_month(text: str, start: date, end: date) -> str | None:
    """Return text when it is a YYYY-MM month of the project, else None."""
    if not isinstance(text, str) or not MONTH_PATTERN.match(text):
        return None
    return text if text in project_months(start, end) else None


def month_end_instant(month: str) -> datetime:
    """Return the UTC instant the month ends (the first moment of the next month)."""
    return datetime.combine(first_day(next_month(month)), datetime.min.time(), tzinfo=UTC)


def month_start_instant(month: str) -> datetime:
    """Return the UTC instant the month begins."""
    return datetime.combine(first_day(month), datetime.min.time(), tzinfo=UTC)


def as_of_date(month: str, today: date) -> date:
    """Return the day a report describes: its month's last day, or today if sooner."""
    return min(last_day(month), today)
