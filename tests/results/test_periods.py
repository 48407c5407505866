"""Periods and the share of a target reached, as pure functions."""

from datetime import date

import pytest

from roadmap.results.periods import achievement, periods, status


def test_a_twelve_month_project_has_four_quarters():
    spans = periods(date(2026, 3, 1), date(2027, 2, 28), "quarter")
    assert spans[0] == (date(2026, 3, 1), date(2026, 5, 31))
    assert spans[-1] == (date(2026, 12, 1), date(2027, 2, 28))
    assert len(spans) == 4
    assert len(periods(date(2026, 3, 1), date(2027, 2, 28), "month")) == 12


@pytest.mark.parametrize(
    ("actual", "target", "baseline", "direction", "share"),
    [
        (18, 40, 0, "increase", 0.45),
        (None, 40, 0, "increase", None),
        (30, 20, 50, "decrease", 20 / 30),
        (5, 5, 5, "increase", 1.0),
    ],
)
def test_achievement(actual, target, baseline, direction, share):
    found = achievement(actual, target, baseline, direction)
    assert found == (share if share is None else pytest.approx(share))


def test_status():
    assert [status(s) for s in (None, 0.2, 0.6, 0.95)] == [
        "no_data",
        "off_track",
        "some_progress",
        "on_track",
    ]
