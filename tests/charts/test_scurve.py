"""The S-curve series: planned from baselines, actual from percent complete."""

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from roadmap.charts.scurve import scurve_figure
from roadmap.schedule import progress
from roadmap.schedule.scurve import scurve_series, week_ends

START, END = date(2026, 3, 1), date(2027, 2, 28)


def test_week_ends_cover_the_project():
    days = week_ends(START, END)
    assert days[0] == date(2026, 3, 7)
    assert days[-1] == END
    assert all((b - a).days == 7 for a, b in zip(days[:-2], days[1:-1], strict=False))


def test_planned_reaches_100_and_never_falls():
    milestones = [
        {
            "status": "planned",
            "percent": 0,
            "start": date(2026, 4, 1),
            "end": date(2026, 4, 30),
            "baseline_start": date(2026, 4, 1),
            "baseline_end": date(2026, 4, 30),
        },
        {"status": "planned", "percent": 0, "start": date(2026, 9, 1), "end": date(2026, 9, 1)},
    ]
    series = scurve_series(milestones, START, END, date(2026, 8, 15))
    assert series.planned[-1] == 100
    assert series.planned == sorted(series.planned)
    assert series.planned[0] == 0


@pytest.mark.parametrize(
    ("milestones", "actual_today"),
    [
        # one 30-day milestone at 50 %: half the work
        (
            [
                {
                    "status": "in_progress",
                    "percent": 50,
                    "start": date(2026, 8, 1),
                    "end": date(2026, 8, 30),
                }
            ],
            50.0,
        ),
        # weighted by duration: 30 days at 100 % and 10 days at 0 % -> 75 %
        (
            [
                {
                    "status": "done",
                    "percent": 100,
                    "start": date(2026, 4, 1),
                    "end": date(2026, 4, 30),
                    "actual_finish": date(2026, 4, 30),
                },
                {
                    "status": "planned",
                    "percent": 0,
                    "start": date(2026, 9, 1),
                    "end": date(2026, 9, 10),
                },
            ],
            75.0,
        ),
        # cancelled work weighs nothing
        (
            [
                {
                    "status": "cancelled",
                    "percent": 0,
                    "start": date(2026, 4, 1),
                    "end": date(2026, 9, 1),
                },
                {
                    "status": "in_progress",
                    "percent": 20,
                    "start": date(2026, 8, 1),
                    "end": date(2026, 8, 30),
                },
            ],
            20.0,
        ),
    ],
)
def test_actual_at_today_is_the_weighted_percent(milestones, actual_today):
    today = date(2026, 8, 15)
    series = scurve_series(milestones, START, END, today)
    index = series.dates.index(today)
    assert series.actual[index] == actual_today
    assert all(value is None for value in series.actual[index + 1 :])
    known = [value for value in series.actual if value is not None]
    assert known == sorted(known)


def test_planned_follows_the_baseline_not_the_forecast():
    milestone = {
        "status": "planned",
        "percent": 0,
        "start": date(2026, 10, 1),
        "end": date(2026, 10, 31),
        "baseline_start": date(2026, 5, 1),
        "baseline_end": date(2026, 5, 31),
    }
    series = scurve_series([milestone], START, END, date(2026, 8, 15))
    assert series.planned[series.dates.index(date(2026, 8, 15))] == 100


def test_figure_has_two_translated_lines():
    series = scurve_series([], START, END, date(2026, 8, 15))
    figure = scurve_figure(series, date(2026, 8, 15), {"planned": "Prévu", "actual": "Réel"})
    assert [trace.name for trace in figure.data] == ["Prévu", "Réel"]
    assert figure.layout.shapes[0].x0 == "2026-08-15"


DAYS = st.dates(date(2026, 1, 1), date(2027, 6, 30))
milestones = st.builds(
    lambda status, percent, start, length, planned, actual: {
        "status": status,
        "percent": percent,
        "start": start,
        "end": start + timedelta(days=length),
        **(
            {"baseline_start": planned, "baseline_end": planned + timedelta(days=length)}
            if planned
            else {}
        ),
        **({"actual_start": start, "actual_finish": actual} if actual else {}),
    },
    st.sampled_from(["planned", "in_progress", "done", "cancelled"]),
    st.integers(0, 100),
    DAYS,
    st.integers(-3, 200),
    st.none() | DAYS,
    st.none() | DAYS,
)


@settings(max_examples=150, deadline=None)
@given(st.lists(milestones, max_size=12), DAYS)
def test_the_series_sums_what_progress_defines_at_each_date(rows, today):
    """One sweep per curve gives what work_planned and work_earned give date by date."""
    series = scurve_series(rows, START, END, today)
    for day, planned, actual in zip(series.dates, series.planned, series.actual, strict=False):
        assert planned == pytest.approx(progress.work_planned(rows, day), abs=0.006)
        if day <= today:
            assert actual == pytest.approx(progress.work_earned(rows, day, today), abs=0.006)
        else:
            assert actual is None
