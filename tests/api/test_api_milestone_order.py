"""The milestone list cut by the database keeps the API's order: start, position, id."""

from datetime import date, timedelta

from roadmap.extensions import db
from roadmap.schedule.queries import load_rows
from tests import factories

TODAY = date(2026, 8, 15)


def test_pages_follow_start_then_position_then_id(app, client, headers):
    with app.app_context():
        project = factories.project()
        streams = [
            factories.workstream(project, "Works", 1),
            factories.workstream(project, "Training", 0),
        ]
        for n in range(30):
            start = date(2026, 4, 1) + timedelta(days=14 * (n % 4))
            factories.milestone(
                streams[n % 2],
                f"M{n}",
                start,
                start + timedelta(days=9),
                position=(7 * n) % 5,
                country="NER" if n % 3 else "MLI",
            )
        db.session.commit()
        rows = load_rows({}, TODAY)
        expected = [
            row["id"]
            for row in sorted(rows, key=lambda row: (row["start"], row["position"], row["id"]))
        ]
        in_niger = [
            key
            for key in expected
            if next(row for row in rows if row["id"] == key)["country"] == "NER"
        ]
    pages = [
        client.get(
            "/api/v1/milestones", query_string={"per_page": 8, "page": n}, headers=headers("viewer")
        ).get_json()
        for n in (1, 2, 3, 4, 5)
    ]
    assert [page["total"] for page in pages] == [30] * 5 and pages[0]["pages"] == 4
    assert [item["id"] for page in pages for item in page["items"]] == expected
    assert pages[4]["items"] == [] and pages[4]["page"] == 5
    niger = client.get(
        "/api/v1/milestones",
        query_string={"per_page": 50, "country": "NER"},
        headers=headers("viewer"),
    ).get_json()
    assert [item["id"] for item in niger["items"]] == in_niger
