"""The report content is rebuilt only when the data (or the day) changes."""

from datetime import date

import pytest

from roadmap.extensions import db
from roadmap.reports import loading
from roadmap.reports.issuing import build_report
from roadmap.schedule.models import Milestone


@pytest.fixture
def builds(monkeypatch):
    """Count the content builds."""
    calls = []
    real = loading.content.build

    def counting(*args):
        calls.append(args[2:])
        return real(*args)

    monkeypatch.setattr(loading.content, "build", counting)
    return calls


def test_a_repeated_view_is_not_rebuilt(app, project, builds):
    with app.test_request_context():
        first = build_report("2026-08", date(2026, 8, 15))
        again = build_report("2026-08", date(2026, 8, 15))
    assert again == first
    assert len(builds) == 1


def test_a_caller_changing_its_copy_does_not_change_the_cache(app, project, builds):
    with app.test_request_context():
        first = build_report("2026-08", date(2026, 8, 15))
        first["milestones"].clear()
        first["figures"]["work_complete"] = -1
        again = build_report("2026-08", date(2026, 8, 15))
    assert again["milestones"] and again["figures"]["work_complete"] >= 0


def test_an_edit_invalidates_it(app, project, builds):
    with app.test_request_context():
        before = build_report("2026-08", date(2026, 8, 15))
        milestone = db.session.get(Milestone, project["formula"])
        milestone.percent_complete, milestone.status = 40, "in_progress"
        db.session.commit()
        after = build_report("2026-08", date(2026, 8, 15))
    assert len(builds) == 2
    assert after["figures"]["work_complete"] > before["figures"]["work_complete"]


def test_another_day_or_month_is_its_own_entry(app, project, builds):
    with app.test_request_context():
        build_report("2026-08", date(2026, 8, 15))
        build_report("2026-08", date(2026, 8, 16))
        build_report("2026-07", date(2026, 8, 15))
        build_report("2026-08", date(2026, 8, 15))
    assert [call[0] for call in builds] == ["2026-08", "2026-08", "2026-07"]
