"""Work complete and work planned: one definition for the dashboard, the report and the S-curve."""

from contextlib import contextmanager
from datetime import date

import pytest
from flask import template_rendered

from roadmap.dashboard.figures import MilestoneRow
from roadmap.demo.seed import DEMO_START, load_demo
from roadmap.reports.issuing import build_report
from roadmap.schedule import progress
from roadmap.schedule.models import Project
from roadmap.schedule.queries import load_rows
from roadmap.schedule.scurve import scurve_series

D = date
DEMO_TODAY = date(2026, 8, 15)  # TestingConfig pins the same day


def ms(status, percent, start, end, baseline=None, actual=(None, None)):
    """Return a plain milestone row as the schedule's queries give it."""
    b_start, b_end = baseline or (None, None)
    return {
        "status": status,
        "percent": percent,
        "start": start,
        "end": end,
        "baseline_start": b_start,
        "baseline_end": b_end,
        "actual_start": actual[0],
        "actual_finish": actual[1],
    }


@pytest.mark.parametrize(
    ("rows", "expected"),
    [
        ([], 0.0),
        # 10 days done, 30 days not started: weighted by duration
        (
            [
                ms("done", 100, D(2026, 3, 1), D(2026, 3, 10)),
                ms("planned", 0, D(2026, 4, 1), D(2026, 4, 30)),
            ],
            25.0,
        ),
        # cancelled work weighs nothing
        (
            [
                ms("cancelled", 0, D(2026, 3, 1), D(2026, 12, 31)),
                ms("in_progress", 40, D(2026, 4, 1), D(2026, 4, 30)),
            ],
            40.0,
        ),
        # the weight is the BASELINE duration, not the current (slipped) one:
        # 10 baseline days at 100 % + 10 baseline days at 0 % (though now 90 days long)
        (
            [
                ms("done", 100, D(2026, 3, 1), D(2026, 3, 10), (D(2026, 3, 1), D(2026, 3, 10))),
                ms(
                    "in_progress", 0, D(2026, 3, 1), D(2026, 5, 29), (D(2026, 3, 1), D(2026, 3, 10))
                ),
            ],
            50.0,
        ),
        # a point milestone weighs one day
        (
            [
                ms("done", 100, D(2026, 7, 29), D(2026, 7, 29)),
                ms("planned", 0, D(2026, 8, 1), D(2026, 8, 1)),
            ],
            50.0,
        ),
        # done counts as complete whatever percent was typed
        ([ms("done", 80, D(2026, 3, 1), D(2026, 3, 10))], 100.0),
        # no percent recorded yet counts as none done
        ([ms("planned", None, D(2026, 3, 1), D(2026, 3, 10))], 0.0),
    ],
)
def test_work_complete(rows, expected):
    assert progress.work_complete(rows) == pytest.approx(expected)


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (D(2026, 2, 28), 0.0),  # before anything starts
        (D(2026, 3, 1), 5.0),  # day 1 of the first 10-day baseline: 1 of 20 weighted days
        (D(2026, 3, 5), 25.0),
        (D(2026, 3, 10), 50.0),  # the first baseline is over
        (D(2026, 4, 5), 75.0),  # half the second (baseline 1-10 April, now slipped to May)
        (D(2026, 4, 10), 100.0),
        (D(2026, 12, 31), 100.0),
    ],
)
def test_work_planned_follows_the_baseline(day, expected):
    rows = [
        ms("done", 100, D(2026, 3, 1), D(2026, 3, 10), (D(2026, 3, 1), D(2026, 3, 10))),
        ms("in_progress", 10, D(2026, 5, 1), D(2026, 5, 10), (D(2026, 4, 1), D(2026, 4, 10))),
        ms("cancelled", 0, D(2026, 3, 1), D(2026, 3, 10)),
    ]
    assert progress.work_planned(rows, day) == pytest.approx(expected)


def test_complete_and_planned_use_the_same_weights():
    # Everything exactly on plan: the two figures agree, even with slipped current dates.
    rows = [
        ms("done", 100, D(2026, 3, 1), D(2026, 3, 30), (D(2026, 3, 1), D(2026, 3, 10))),
        ms("planned", 0, D(2026, 6, 1), D(2026, 6, 2), (D(2026, 4, 1), D(2026, 4, 30))),
    ]
    on = D(2026, 3, 31)
    assert progress.work_complete(rows) == pytest.approx(progress.work_planned(rows, on))


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (D(2026, 3, 31), 0.0),  # before it began
        (D(2026, 4, 10), 10 / 30 * 60),  # 10 of 30 days since the actual start, 60 % earned
        (D(2026, 4, 30), 60.0),  # today: exactly the work complete
        (D(2026, 6, 1), 60.0),
    ],
)
def test_work_earned_reaches_the_work_complete_today(day, expected):
    rows = [ms("in_progress", 60, D(2026, 4, 1), D(2026, 6, 30), actual=(D(2026, 4, 1), None))]
    assert progress.work_earned(rows, day, D(2026, 4, 30)) == pytest.approx(expected)


def test_objects_and_mappings_give_the_same_figures():
    row = MilestoneRow(
        1, "in_progress", D(2026, 3, 1), D(2026, 3, 20), 30, D(2026, 3, 1), D(2026, 3, 10)
    )
    plain = ms("in_progress", 30, D(2026, 3, 1), D(2026, 3, 20), (D(2026, 3, 1), D(2026, 3, 10)))
    assert progress.work_from(row) == progress.work_from(plain)


@contextmanager
def captured_context(app):
    """Record the context of every template rendered."""
    seen = []

    def record(sender, template, context, **extra):
        seen.append(context)

    template_rendered.connect(record, app)
    try:
        yield seen
    finally:
        template_rendered.disconnect(record, app)


def test_dashboard_report_and_scurve_agree_on_the_demo(app, client, auth):
    app.config["CHROMIUM_PATH"] = "/nonexistent/chromium"
    with app.app_context():
        load_demo(DEMO_START)
    auth.login("viewer")
    with captured_context(app) as seen:
        assert client.get("/").status_code == 200
    dashboard = next(c for c in seen if "complete" in c and "planned" in c)
    with app.test_request_context():
        report = build_report("2026-08", DEMO_TODAY)
        project = Project.current()
        series = scurve_series(
            load_rows({}, DEMO_TODAY), project.start_date, project.end_date, DEMO_TODAY
        )
    last_actual = [value for value in series.actual if value is not None][-1]
    assert series.dates[series.actual.index(last_actual)] == DEMO_TODAY
    assert round(dashboard["complete"], 1) == report["figures"]["work_complete"]
    assert round(last_actual, 1) == report["figures"]["work_complete"]
    assert report["scurve"]["actual"][5] == report["figures"]["work_complete"]  # August
    assert round(dashboard["planned"], 1) == report["figures"]["planned_complete"]
    # The demo is a little behind its baseline: the dashboard must not say otherwise.
    assert dashboard["gap_days"] > 0
