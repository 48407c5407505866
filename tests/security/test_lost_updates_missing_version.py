"""Two managers edit the same record: a POST without (or with a stale) version is refused.

WTForms fills a field missing from the request from `obj`; an edit view that builds its
form with `obj=record` on POST would take the stored version for the submitted one and
let the second save overwrite the first. Every edit view must answer 409 instead.
"""

from datetime import date

import pytest

from roadmap.extensions import db
from roadmap.reports.models import MonthlyReport
from roadmap.schedule.models import Milestone
from tests import factories


@pytest.fixture
def two_managers(app, auth):
    """Return two logged-in clients, manager A and manager B."""
    with app.app_context():
        factories.user("manager", email="manager2@example.org", name="Second Manager")
        db.session.commit()
    first, second = app.test_client(), app.test_client()
    for client, email in ((first, "manager@example.org"), (second, "manager2@example.org")):
        response = auth.login_client(client, email=email)
        assert response.status_code == 302
    return first, second


@pytest.fixture
def milestone_ids(app):
    with app.app_context():
        stream = factories.workstream()
        item = factories.milestone(
            stream, "Mapping report", date(2026, 4, 1), date(2026, 4, 30), owner="IOM Niger"
        )
        db.session.commit()
        return {"ws": stream.id, "id": item.id}


def milestone_form(ids, **changes):
    data = {
        "title": "Mapping report",
        "description": "",
        "workstream_id": str(ids["ws"]),
        "owner": "IOM Niger",
        "country": "",
        "post_id": "None",
        "workshop_id": "None",
        "current_start": "2026-04-01",
        "current_end": "2026-04-30",
        "actual_start": "",
        "actual_finish": "",
        "percent_complete": "0",
        "status": "planned",
        "version": "1",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


@pytest.mark.parametrize("stale_version", [None, "1", ""])
def test_milestone_edit_without_or_with_stale_version_gets_409(
    app, two_managers, milestone_ids, stale_version
):
    manager_a, manager_b = two_managers
    url = f"/milestones/{milestone_ids['id']}/edit"
    saved = manager_a.post(url, data=milestone_form(milestone_ids, owner="Amina"))
    assert saved.status_code == 302
    response = manager_b.post(
        url, data=milestone_form(milestone_ids, owner="Boubacar", version=stale_version)
    )
    assert response.status_code == 409
    with app.app_context():
        item = db.session.get(Milestone, milestone_ids["id"])
        assert item.owner == "Amina"
        assert item.version == 2


@pytest.mark.parametrize("stale_version", [None, "1", ""])
def test_narrative_without_or_with_stale_version_gets_409(
    app, two_managers, milestone_ids, stale_version
):
    manager_a, manager_b = two_managers
    data = {"highlights": "A's highlights", "challenges": "", "next_steps": "", "version": ""}
    assert manager_a.post("/reports/2026-07", data=data).status_code == 302  # creates, v1
    assert (
        manager_a.post(
            "/reports/2026-07", data={**data, "highlights": "A again", "version": "1"}
        ).status_code
        == 302
    )  # v2
    mine = {**data, "highlights": "B's highlights", "version": stale_version}
    mine = {key: value for key, value in mine.items() if value is not None}
    response = manager_b.post("/reports/2026-07", data=mine)
    assert response.status_code == 409
    with app.app_context():
        record = db.session.scalar(db.select(MonthlyReport))
        assert record.highlights == "A again"
        assert record.version == 2


def test_post_edit_without_version_gets_409(app, two_managers):
    from roadmap.posts.models import BorderPost

    manager_a, manager_b = two_managers
    with app.app_context():
        post = factories.border_post()
        db.session.commit()
        post_id = post.id
    page = manager_a.get(f"/posts/{post_id}/edit")
    assert page.status_code == 200
    data = {
        "name": "Makalondi",
        "country": "NER",
        "neighbour_country": "BFA",
        "kind": "land",
        "latitude": "12.83",
        "longitude": "1.68",
        "priority": "medium",
        "contractor": "Sahel BTP",
        "estimated_cost": "",
        "spent": "",
        "notes": "",
        "version": "1",
    }
    first = manager_a.post(f"/posts/{post_id}/edit", data=data)
    assert first.status_code == 302, first.get_data(as_text=True)
    second = {**data, "contractor": "Other"}
    del second["version"]
    assert manager_b.post(f"/posts/{post_id}/edit", data=second).status_code == 409
    with app.app_context():
        assert db.session.get(BorderPost, post_id).contractor == "Sahel BTP"
