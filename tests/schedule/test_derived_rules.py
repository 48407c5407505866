"""Rules defined once: slip, late days, health of a milestone, progress weights, the project."""

from datetime import date

import pytest

from roadmap.dashboard.figures import time_elapsed
from roadmap.extensions import db
from roadmap.reports.content import elapsed_share
from roadmap.reports.curve import complete_at
from roadmap.schedule import progress
from roadmap.schedule.health import LATE, ON_TRACK, health, late_days, slip_days
from roadmap.schedule.models import Milestone, Project

TODAY = date(2026, 8, 15)


def milestone(**fields) -> Milestone:
    values = dict(
        status="in_progress",
        current_start=date(2026, 8, 1),
        current_end=date(2026, 8, 31),
        percent_complete=40,
        baseline_start=None,
        baseline_end=None,
    )
    values.update(fields)
    return Milestone(**values)


@pytest.mark.parametrize(
    ("end", "baseline_end", "expected"),
    [
        (date(2026, 9, 10), date(2026, 9, 1), 9),
        (date(2026, 8, 25), date(2026, 9, 1), -7),
        (date(2026, 9, 1), date(2026, 9, 1), 0),
        (date(2026, 9, 1), None, None),
    ],
)
def test_slip_is_the_end_against_its_baseline(end, baseline_end, expected):
    assert slip_days(end, baseline_end) == expected
    assert milestone(current_end=end, baseline_end=baseline_end).slip_days == expected


def test_late_days_count_the_work_behind_the_progress_date():
    # 31 days, 40 % done: the work reaches 13 August, two days before today.
    assert late_days(date(2026, 8, 1), date(2026, 8, 31), 40, TODAY) == 2
    # Past its end, the days behind stop at the day after the end.
    assert late_days(date(2026, 7, 1), date(2026, 7, 10), 0, TODAY) == 10
    assert late_days(date(2026, 8, 1), date(2026, 8, 31), 80, TODAY) == 0


@pytest.mark.parametrize("status", ["done", "cancelled"])
def test_finished_work_is_never_late(status):
    assert late_days(date(2026, 7, 1), date(2026, 7, 10), 0, TODAY, status) == 0
    item = milestone(status=status, current_end=date(2026, 8, 10), percent_complete=0)
    assert item.late_days(TODAY) == 0
    assert item.health(TODAY) == ON_TRACK


def test_a_milestone_tells_its_own_health_by_the_shared_rule():
    item = milestone()
    assert item.health(TODAY) == LATE
    assert item.late_days(TODAY) == 2
    assert item.health(TODAY) == health(
        item.status, item.current_start, item.current_end, 40, TODAY, None
    )
    assert milestone(percent_complete=60).health(TODAY) == ON_TRACK


@pytest.mark.parametrize(
    ("dates", "expected"),
    [
        ((date(2026, 3, 1), date(2026, 3, 10), None, None), 10),
        ((date(2026, 3, 5), date(2026, 3, 20), date(2026, 3, 1), date(2026, 3, 10)), 10),
        ((date(2026, 3, 1), date(2026, 3, 1), None, None), 1),
    ],
)
def test_a_milestone_weighs_its_baseline_days(dates, expected):
    assert progress.weight(*dates) == expected
    start, end, baseline_start, baseline_end = dates
    work = progress.Work("planned", 0, start, end, baseline_start, baseline_end)
    assert work.weight == expected


@pytest.mark.parametrize(
    ("status", "percent", "expected"),
    [("done", 20, 1.0), ("in_progress", 35, 0.35), ("planned", None, 0.0), ("planned", 140, 1.0)],
)
def test_done_fraction(status, percent, expected):
    assert progress.done_fraction(status, percent) == expected


def test_the_report_curve_weighs_as_the_progress_rules_do():
    rows = [
        {
            "status": "done",
            "percent_complete": 100,
            "current_start": date(2026, 3, 1),
            "current_end": date(2026, 3, 31),
            "baseline_start": date(2026, 3, 1),
            "baseline_end": date(2026, 3, 20),
        },
        {
            "status": "in_progress",
            "percent_complete": 30,
            "current_start": date(2026, 4, 1),
            "current_end": date(2026, 4, 30),
        },
        {
            "status": "cancelled",
            "percent_complete": 0,
            "current_start": date(2026, 4, 1),
            "current_end": date(2026, 9, 30),
        },
    ]
    state = {"milestone": dict(enumerate(rows))}
    works = [
        progress.Work(
            row["status"],
            row["percent_complete"],
            row["current_start"],
            row["current_end"],
            row.get("baseline_start"),
            row.get("baseline_end"),
        )
        for row in rows
    ]
    assert complete_at(state, TODAY) == round(progress.work_complete(works), 1)


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2026, 2, 1), 0.0),
        (date(2026, 3, 1), 10.0),
        (date(2026, 3, 5), 50.0),
        (date(2026, 3, 10), 100.0),
        (date(2026, 4, 1), 100.0),
    ],
)
def test_time_elapsed_is_one_rule_for_the_dashboard_and_the_report(day, expected):
    start, end = date(2026, 3, 1), date(2026, 3, 10)
    assert progress.time_elapsed(start, end, day) == expected
    assert time_elapsed(start, end, day) == expected
    assert elapsed_share(start, end, day) == expected


def test_the_current_project_is_the_first_one(app):
    with app.app_context():
        assert Project.current() is None
        for code in ("FIRST", "SECOND"):
            db.session.add(
                Project(
                    name=code.title(),
                    code=code,
                    donor="Japan",
                    implementing_org="IOM",
                    start_date=date(2026, 3, 1),
                    end_date=date(2027, 2, 28),
                )
            )
        db.session.commit()
        assert Project.current().code == "FIRST"
