"""The API refuses what the milestone form refuses, with the same messages; pushes match."""

from datetime import date

import pytest

from roadmap.extensions import db
from roadmap.schedule.models import Milestone


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        (
            {"status": "done", "percent_complete": 100},
            "actual_finish",
            "Enter the actual finish of a done milestone.",
        ),
        ({"actual_start": "2026-12-01"}, "actual_start", "An actual date cannot be in the future."),
        (
            {"current_start": "2026-10-01", "current_end": "2026-09-01"},
            "current_end",
            "The end cannot be before the start.",
        ),
    ],
)
def test_api_gives_the_form_messages(client, ids, headers, change, field, message):
    path = f"/api/v1/milestones/{ids['rehab']}"
    version = client.get(path, headers=headers()).json["version"]
    response = client.patch(path, json={"version": version, **change}, headers=headers())
    assert response.status_code == 422
    assert message in response.json["errors"][field]


def test_api_done_with_actual_finish_is_accepted(client, ids, headers):
    path = f"/api/v1/milestones/{ids['rehab']}"
    version = client.get(path, headers=headers()).json["version"]
    response = client.patch(
        path,
        json={
            "version": version,
            "status": "done",
            "percent_complete": 100,
            "actual_finish": "2026-08-14",
        },
        headers=headers(),
    )
    assert response.status_code == 200, response.json


def test_dates_moved_through_the_api_are_no_longer_pushed_ones(app, client, ids, headers):
    with app.app_context():
        db.session.get(Milestone, ids["handover"]).pushed_by_id = ids["rehab"]
        db.session.commit()
    path = f"/api/v1/milestones/{ids['handover']}"
    version = client.get(path, headers=headers()).json["version"]
    response = client.patch(
        path,
        json={"version": version, "current_start": "2026-10-20", "current_end": "2026-10-20"},
        headers=headers(),
    )
    assert response.status_code == 200, response.json
    with app.app_context():
        handover = db.session.get(Milestone, ids["handover"])
        assert handover.current_start == date(2026, 10, 20)
        assert handover.pushed_by_id is None


@pytest.mark.parametrize(
    ("query", "titles"),
    [
        # today is 2026-08-15: rehab ends 30 September (46 days), hand-over 5 October (51)
        ({"due": 46}, {"Rehabilitate Makalondi"}),
        ({"due": 60}, {"Rehabilitate Makalondi", "Hand over Makalondi"}),
        ({"due": 10}, set()),
        ({"due": 60, "status": "planned"}, {"Hand over Makalondi"}),
    ],
)
def test_due_filter_matches_the_milestones_page(client, auth, ids, headers, query, titles):
    body = client.get("/api/v1/milestones", query_string=query, headers=headers()).json
    assert {item["title"] for item in body["items"]} == titles
    auth.login("viewer")
    page = client.get("/milestones", query_string=query).get_data(as_text=True)
    for title in ("Rehabilitate Makalondi", "Hand over Makalondi", "Mapping"):
        assert (f">{title}<" in page) == (title in titles)


@pytest.mark.parametrize("due", [0, 367, "soon"])
def test_due_out_of_range_is_422(client, ids, headers, due):
    response = client.get("/api/v1/milestones", query_string={"due": due}, headers=headers())
    assert response.status_code == 422


def test_due_is_in_the_openapi_document(client, ids, headers):
    spec = client.get("/api/v1/openapi.json", headers=headers()).json
    parameters = spec["paths"]["/api/v1/milestones"]["get"]["parameters"]
    assert "due" in {parameter["name"] for parameter in parameters}
