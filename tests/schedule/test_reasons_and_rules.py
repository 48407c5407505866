"""The reason for a milestone change, and the rules the form shares with the API."""

from datetime import date

import pytest
from sqlalchemy import select

from roadmap.extensions import db
from roadmap.history import HistoryEntry
from roadmap.reports.loading import history_entries
from roadmap.reports.snapshot import last_reason
from roadmap.schedule.rules import milestone_problems

from .test_views import form_data, schedule  # noqa: F401  (fixture)

TODAY = date(2026, 8, 15)
LATER = date(2027, 1, 1)


def entries_of(milestone_id):
    return db.session.scalars(
        select(HistoryEntry)
        .filter_by(entity="milestone", entity_id=milestone_id)
        .order_by(HistoryEntry.id)
    ).all()


def test_edit_form_offers_the_reason_with_help(client, auth, schedule):  # noqa: F811
    auth.login("manager")
    page = client.get(f"/milestones/{schedule['first']}/edit").get_data(as_text=True)
    assert 'name="reason"' in page
    assert 'aria-describedby="reason-help"' in page
    assert "If you move the end later, say why" in page


def test_reason_is_recorded_for_the_edit_and_pushes_say_who(  # noqa: F811
    client, auth, app, schedule
):
    auth.login("manager")
    url = f"/milestones/{schedule['first']}/edit"
    response = client.post(
        url, data=form_data(schedule, current_end="2026-08-10", reason="  Rains closed the road  ")
    )
    assert response.status_code == 302
    with app.app_context():
        edited = entries_of(schedule["first"])[-1]
        assert edited.reason == "Rains closed the road"
        pushed = entries_of(schedule["third"])[-1]
        assert "current_end" in pushed.changes
        assert pushed.reason == ""  # the editor's reason is not the successor's
        entries = history_entries()
        after = pushed.at.replace(year=2100)
        assert last_reason(entries, "milestone", schedule["first"], after, "current_end") == (
            "Rains closed the road"
        )
        assert last_reason(entries, "milestone", schedule["third"], after, "current_end") == (
            "Pushed by Mapping report"
        )


def test_no_reason_leaves_the_entry_without_one(client, auth, app, schedule):  # noqa: F811
    auth.login("manager")
    url = f"/milestones/{schedule['first']}/edit"
    assert client.post(url, data=form_data(schedule, owner="Amina")).status_code == 302
    with app.app_context():
        assert entries_of(schedule["first"])[-1].reason == ""


def values(**changes):
    base = {
        "current_start": date(2026, 4, 1),
        "current_end": date(2026, 4, 30),
        "actual_start": None,
        "actual_finish": None,
        "percent_complete": 0,
        "status": "planned",
    }
    return {**base, **changes}


@pytest.mark.parametrize(
    ("changes", "fields"),
    [
        ({}, set()),
        ({"current_end": date(2026, 3, 1)}, {"current_end"}),
        (
            {
                "status": "done",
                "percent_complete": 90,
                "actual_start": date(2026, 4, 1),
                "actual_finish": date(2026, 4, 30),
            },
            {"percent_complete"},
        ),
        (
            {"status": "done", "percent_complete": 100, "actual_start": date(2026, 4, 1)},
            {"actual_finish"},
        ),
        ({"actual_start": LATER}, {"actual_start"}),
        ({"actual_start": date(2026, 4, 1), "actual_finish": LATER}, {"actual_finish"}),
        ({"actual_finish": date(2026, 4, 30)}, {"actual_start"}),
        ({"actual_start": date(2026, 5, 1), "actual_finish": date(2026, 4, 30)}, {"actual_finish"}),
        (
            {
                "status": "done",
                "percent_complete": 100,
                "actual_start": date(2026, 4, 1),
                "actual_finish": TODAY,
            },
            set(),
        ),
    ],
)
def test_milestone_problems(app, changes, fields):
    with app.test_request_context():
        assert set(milestone_problems(values(**changes), TODAY)) == fields


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        (
            {"actual_start": "2026-04-01", "actual_finish": "2026-12-01"},
            "actual_finish",
            "An actual date cannot be in the future.",
        ),
        ({"actual_start": "2026-12-01"}, "actual_start", "An actual date cannot be in the future."),
        (
            {"actual_finish": "2026-04-30"},
            "actual_start",
            "A milestone that finished must have started.",
        ),
    ],
)
def test_form_refuses_what_the_api_refuses(  # noqa: F811
    client, auth, schedule, changes, field, message
):
    auth.login("manager")
    response = client.post("/milestones/new", data=form_data(schedule, **changes))
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert message in page.split(f'id="{field}-error"', 1)[1].split("</div>", 1)[0]
