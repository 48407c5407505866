"""Which milestones the Gantt page draws: all of them, or the next three months at scale.

A project of tens of milestones is drawn whole. A programme of thousands opens on
the rows overlapping a quarter around today (two weeks back, eleven weeks ahead,
the same span as the "Quarter" zoom), so the page is readable and quick; the
whole chart is one click away. Pure functions: rows and dates in, rows out.
"""

from datetime import date, timedelta

ALL, QUARTER = "all", "quarter"
SPANS = (ALL, QUARTER)
# Above this many rows the page opens on the quarter unless asked for everything.
ROWS_AT_ONCE = 150
QUARTER_BEFORE, QUARTER_AFTER = timedelta(days=14), timedelta(days=77)


def quarter(today: date) -> tuple[date, date]:
    """Return the first and last day of the quarter around today."""
    return today - QUARTER_BEFORE, today + QUARTER_AFTER


def chosen_span(asked: str | None, row_count: int) -> str:
    """Return the span to draw: the one asked for, else all unless there are many rows."""
    if asked in SPANS:
        return asked
    return QUARTER if row_count > ROWS_AT_ONCE else ALL


def rows_in(rows: list[dict], first: date, last: date) -> list[dict]:
    """Return the rows whose current dates overlap first..last, in their order."""
    return [row for row in rows if row["end"] >= first and row["start"] <= last]
