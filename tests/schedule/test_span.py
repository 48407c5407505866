"""Which rows the Gantt page opens on: everything, or the quarter around today at scale."""

from datetime import date

import pytest

from roadmap.schedule import span

TODAY = date(2026, 8, 15)


def test_quarter_runs_two_weeks_back_and_eleven_weeks_ahead():
    assert span.quarter(TODAY) == (date(2026, 8, 1), date(2026, 10, 31))


@pytest.mark.parametrize(
    ("asked", "rows", "expected"),
    [
        (None, 0, "all"),
        (None, span.ROWS_AT_ONCE, "all"),
        (None, span.ROWS_AT_ONCE + 1, "quarter"),
        ("all", 5000, "all"),
        ("quarter", 3, "quarter"),
        ("everything", 5000, "quarter"),
        ("", 10, "all"),
    ],
)
def test_chosen_span(asked, rows, expected):
    assert span.chosen_span(asked, rows) == expected


def test_rows_in_keeps_overlapping_rows_in_order():
    rows = [
        {"id": 1, "start": date(2026, 7, 1), "end": date(2026, 7, 31)},  # ends before
        {"id": 2, "start": date(2026, 7, 20), "end": date(2026, 8, 1)},  # ends on the first day
        {"id": 3, "start": date(2026, 10, 31), "end": date(2026, 12, 1)},  # starts on the last
        {"id": 4, "start": date(2026, 11, 1), "end": date(2026, 11, 2)},  # starts after
        {"id": 5, "start": date(2026, 6, 1), "end": date(2026, 12, 31)},  # spans it
    ]
    first, last = span.quarter(TODAY)
    assert [row["id"] for row in span.rows_in(rows, first, last)] == [2, 3, 5]
