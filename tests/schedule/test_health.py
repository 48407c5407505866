from datetime import date

import pytest

from roadmap.schedule.health import AT_RISK, LATE, ON_TRACK, health, progress_date

TODAY = date(2026, 8, 15)


@pytest.mark.parametrize(
    ("status", "start", "end", "percent", "baseline_end", "expected"),
    [
        # finished or cancelled work is never late
        ("done", date(2026, 3, 1), date(2026, 4, 1), 100, None, ON_TRACK),
        ("cancelled", date(2026, 3, 1), date(2026, 4, 1), 10, None, ON_TRACK),
        # unfinished past its end
        ("in_progress", date(2026, 7, 1), date(2026, 8, 14), 90, None, LATE),
        # Redmine's rule: 31 days, 50 % done -> progress date 2026-08-16, not before today
        ("in_progress", date(2026, 8, 1), date(2026, 8, 31), 50, None, ON_TRACK),
        # 31 days, 40 % done -> progress date 2026-08-13 lies before today
        ("in_progress", date(2026, 8, 1), date(2026, 8, 31), 40, None, LATE),
        # not started yet: cannot be behind
        ("planned", date(2026, 9, 1), date(2026, 10, 1), 0, None, ON_TRACK),
        # starts today with nothing done: on schedule
        ("planned", TODAY, date(2026, 12, 1), 0, None, ON_TRACK),
        # forecast end later than the baseline: at risk
        ("planned", date(2026, 9, 1), date(2026, 10, 10), 0, date(2026, 10, 1), AT_RISK),
        # ends within two weeks with under half done, not yet behind
        ("planned", date(2026, 8, 20), date(2026, 8, 25), 0, None, AT_RISK),
        # ending today, unfinished, and behind by the progress date
        ("in_progress", date(2026, 8, 1), TODAY, 50, None, LATE),
    ],
)
def test_health(status, start, end, percent, baseline_end, expected):
    assert health(status, start, end, percent, TODAY, baseline_end) == expected


def test_progress_date_of_a_point_milestone():
    assert progress_date(TODAY, TODAY, 0) == TODAY
    assert progress_date(TODAY, TODAY, 100) == date(2026, 8, 16)
