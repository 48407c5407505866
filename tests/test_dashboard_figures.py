"""The dashboard's figures, with a fixed "today"."""

from datetime import date

import pytest

from roadmap.dashboard.figures import (
    MilestoneRow,
    gap_in_words,
    milestone_counts,
    schedule_gap_days,
    time_elapsed,
    work_complete,
    work_planned,
)

START, END = date(2026, 3, 1), date(2027, 2, 28)


def row(id, status, start, end, percent, baseline_start=None, baseline_end=None):
    return MilestoneRow(id, status, start, end, percent, baseline_start, baseline_end)


def test_time_elapsed():
    assert time_elapsed(START, END, date(2026, 2, 1)) == 0
    assert time_elapsed(START, END, date(2027, 3, 5)) == 100
    assert time_elapsed(START, END, date(2026, 8, 30)) == pytest.approx(183 / 365 * 100)


def test_work_complete_is_weighted_by_duration():
    rows = [
        row(1, "done", date(2026, 3, 1), date(2026, 3, 10), 100),  # 10 days
        row(2, "planned", date(2026, 4, 1), date(2026, 4, 30), 0),  # 30 days
        row(3, "cancelled", date(2026, 5, 1), date(2026, 5, 30), 0),  # ignored
    ]
    assert work_complete(rows) == pytest.approx(25.0)


def test_work_planned_follows_the_baseline():
    rows = [
        row(
            1,
            "in_progress",
            date(2026, 3, 1),
            date(2026, 3, 20),
            0,
            date(2026, 3, 1),
            date(2026, 3, 10),
        )
    ]
    assert work_planned(rows, date(2026, 3, 5)) == pytest.approx(50.0)
    assert work_planned(rows, date(2026, 3, 10)) == 100.0


def test_gap_behind_and_ahead():
    # Planned: 100 days, linear. On day 50 only 30 % is done: the plan got there on day 30.
    base = dict(baseline_start=date(2026, 3, 1), baseline_end=date(2026, 6, 8))
    today = date(2026, 4, 19)  # day 50
    behind = [row(1, "in_progress", date(2026, 3, 1), date(2026, 6, 8), 30, **base)]
    assert schedule_gap_days(behind, START, today) == 20
    ahead = [row(1, "in_progress", date(2026, 3, 1), date(2026, 6, 8), 70, **base)]
    assert schedule_gap_days(ahead, START, today) == -20
    on_plan = [row(1, "in_progress", date(2026, 3, 1), date(2026, 6, 8), 50, **base)]
    assert schedule_gap_days(on_plan, START, today) == 0


@pytest.mark.parametrize(
    ("days", "words"),
    [
        (0, "on the baseline"),
        (1, "1 day behind the baseline"),
        (5, "5 days behind the baseline"),
        (21, "3 weeks behind the baseline"),
        (-10, "10 days ahead of the baseline"),
        (-14, "2 weeks ahead of the baseline"),
    ],
)
def test_gap_in_words(app, days, words):
    with app.test_request_context():
        assert gap_in_words(days) == words


def test_milestone_counts():
    today = date(2026, 8, 15)
    rows = [
        row(1, "done", date(2026, 3, 1), date(2026, 3, 10), 100),
        row(2, "in_progress", date(2026, 8, 1), date(2026, 8, 31), 60),  # on schedule, due soon
        row(3, "in_progress", date(2026, 7, 1), date(2026, 8, 10), 80),  # past its end: late
        row(4, "planned", date(2026, 10, 1), date(2026, 10, 30), 0),
        row(5, "cancelled", date(2026, 8, 1), date(2026, 8, 20), 0),
    ]
    assert milestone_counts(rows, today) == {"done": 1, "in_progress": 2, "late": 1, "due_soon": 1}
