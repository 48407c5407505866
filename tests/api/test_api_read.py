"""Reading the project through the API, with a token or the session."""

import pytest

LISTS = [
    "/api/v1/milestones",
    "/api/v1/dependencies",
    "/api/v1/posts",
    "/api/v1/workshops",
    "/api/v1/outcomes",
    "/api/v1/reports",
]


def test_project(client, ids, headers):
    response = client.get("/api/v1/project", headers=headers("viewer"))
    assert response.status_code == 200
    assert response.json["code"] == "CBM-TEST"
    assert response.json["budget"] == "2500000.00"


@pytest.mark.parametrize("path", LISTS)
def test_lists_are_paginated(client, ids, headers, path):
    response = client.get(path, query_string={"per_page": 1}, headers=headers("viewer"))
    assert response.status_code == 200
    body = response.json
    assert body["page"] == 1 and body["per_page"] == 1
    assert len(body["items"]) == min(1, body["total"])
    assert body["pages"] == max(1, body["total"])


def test_milestones_have_health_and_slip(client, ids, headers):
    items = client.get("/api/v1/milestones", headers=headers("viewer")).json["items"]
    by_title = {item["title"]: item for item in items}
    assert by_title["Mapping"]["slip_days"] == 16
    assert by_title["Mapping"]["health"] == "on_track"
    # 20 % done of a June–September milestone on 15 August is behind: late.
    assert by_title["Rehabilitate Makalondi"]["health"] == "late"
    assert by_title["Rehabilitate Makalondi"]["late_days"] > 0
    assert by_title["Regional workshop"]["is_point"] is True
    assert by_title["Rehabilitate Makalondi"]["predecessor_ids"] == [ids["mapping"]]
    assert by_title["Rehabilitate Makalondi"]["url"].endswith(f"/milestones/{ids['rehab']}")


@pytest.mark.parametrize(
    "query, titles",
    [
        ({"status": "done"}, {"Mapping", "Regional workshop"}),
        ({"health": "late"}, {"Rehabilitate Makalondi"}),
        ({"country": "NER", "status": "planned"}, {"Hand over Makalondi"}),
    ],
)
def test_milestone_filters(client, ids, headers, query, titles):
    items = client.get("/api/v1/milestones", query_string=query, headers=headers()).json["items"]
    assert {item["title"] for item in items} == titles


def test_milestone_filter_by_workstream(client, ids, headers):
    query = {"workstream": ids["workstream"]}
    items = client.get("/api/v1/milestones", query_string=query, headers=headers()).json["items"]
    assert {item["title"] for item in items} == {"Rehabilitate Makalondi", "Hand over Makalondi"}


def test_posts_with_updates_and_filters(client, ids, headers):
    body = client.get("/api/v1/posts", query_string={"stage": "assessed"}, headers=headers()).json
    assert [post["name"] for post in body["items"]] == ["Makalondi"]
    assert body["items"][0]["updates"][0]["comment"] == "Assessed"
    one = client.get(f"/api/v1/posts/{ids['airport']}", headers=headers()).json
    assert one["kind"] == "airport" and one["updates"] == []


def test_dependencies_of_one_milestone(client, ids, headers):
    body = client.get(
        "/api/v1/dependencies", query_string={"milestone": ids["handover"]}, headers=headers()
    ).json
    assert [(d["predecessor_id"], d["successor_id"], d["lag_days"]) for d in body["items"]] == [
        (ids["rehab"], ids["handover"], 5)
    ]


def test_workshops_and_outcomes(client, ids, headers):
    workshop = client.get(f"/api/v1/workshops/{ids['workshop']}", headers=headers()).json
    assert workshop["participants"] == 7
    assert workshop["outcome_ids"] == [ids["outcome"]]
    outcome = client.get(f"/api/v1/outcomes/{ids['outcome']}", headers=headers()).json
    assert outcome["milestone_ids"] == [ids["rehab"]]
    listed = client.get(
        "/api/v1/outcomes", query_string={"status": "completed"}, headers=headers()
    ).json
    assert listed["total"] == 0


def test_reports_metadata_and_links(client, ids, headers):
    body = client.get("/api/v1/reports", query_string={"per_page": 100}, headers=headers()).json
    months = {item["month"]: item for item in body["items"]}
    # March to August 2026: the months reached by the pinned today.
    assert sorted(months) == ["2026-03", "2026-04", "2026-05", "2026-06", "2026-07", "2026-08"]
    june = months["2026-06"]
    assert june["state"] == "issued" and june["pdf_url"].endswith("/reports/2026-06.pdf")
    assert june["xlsx_url"].endswith("/reports/2026-06.xlsx")
    assert june["issued_versions"][0]["files"][0]["format"] == "pdf"
    assert months["2026-07"]["state"] == "draft"
    one = client.get("/api/v1/reports/2026-06", headers=headers())
    assert one.json["month"] == "2026-06"
    assert client.get("/api/v1/reports/2031-13", headers=headers()).status_code == 404


def test_session_reads_too(client, auth, ids):
    auth.login("viewer")
    assert client.get("/api/v1/project").status_code == 200


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/milestones/999999",
        "/api/v1/posts/999999",
        "/api/v1/workshops/999999",
        "/api/v1/outcomes/999999",
    ],
)
def test_missing_records_are_json_404(client, ids, headers, path):
    response = client.get(path, headers=headers())
    assert response.status_code == 404
    assert set(response.json) >= {"status", "error", "message", "request_id"}


def test_no_project_yet_is_404(client, headers):
    assert client.get("/api/v1/project", headers=headers()).status_code == 404
