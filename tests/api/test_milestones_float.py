"""Every milestone of the API carries its total float and whether it is on the critical path."""

from datetime import date

from roadmap.extensions import db
from roadmap.schedule.models import Milestone, Workstream
from tests import factories


def test_every_milestone_has_float_and_critical(app, client, ids, headers):
    with app.app_context():
        works = db.session.get(Workstream, ids["workstream"])
        # Ends on 20 September, fifteen days before the hand-over, the latest finish.
        factories.milestone(works, "Procure equipment", date(2026, 9, 1), date(2026, 9, 20))
        db.session.commit()
    items = client.get("/api/v1/milestones", headers=headers("viewer")).json["items"]
    by_title = {item["title"]: item for item in items}
    assert all("total_float_days" in item and "critical" in item for item in items)
    assert by_title["Rehabilitate Makalondi"]["total_float_days"] == 0
    assert by_title["Hand over Makalondi"]["total_float_days"] == 0
    assert by_title["Hand over Makalondi"]["critical"] is True
    assert by_title["Procure equipment"]["total_float_days"] == 15
    assert by_title["Procure equipment"]["critical"] is False
    # Done milestones have no float and are never critical.
    assert by_title["Mapping"]["total_float_days"] is None
    assert by_title["Mapping"]["critical"] is False

    one = client.get(f"/api/v1/milestones/{ids['rehab']}", headers=headers("viewer")).json
    assert (one["total_float_days"], one["critical"]) == (0, True)
    critical = client.get(
        "/api/v1/milestones", query_string={"critical": "true"}, headers=headers("viewer")
    ).json["items"]
    assert {item["title"] for item in critical} == {"Rehabilitate Makalondi", "Hand over Makalondi"}


def test_float_follows_a_change_of_dates(app, client, ids, headers):
    """Moving the hand-over later gives the milestones before it no float back: it is the end."""
    with app.app_context():
        factories.milestone(
            db.session.get(Workstream, ids["workstream"]),
            "Final report",
            date(2026, 12, 1),
            date(2026, 12, 31),
        )
        db.session.commit()
    items = client.get("/api/v1/milestones", headers=headers()).json["items"]
    by_title = {item["title"]: item for item in items}
    assert by_title["Hand over Makalondi"]["total_float_days"] == 87
    assert by_title["Rehabilitate Makalondi"]["total_float_days"] == 87
    with app.app_context():
        version = db.session.get(Milestone, ids["handover"]).version
    response = client.patch(
        f"/api/v1/milestones/{ids['handover']}",
        json={"version": version, "current_start": "2027-01-10", "current_end": "2027-01-10"},
        headers=headers(),
    )
    assert response.status_code == 200, response.json
    assert response.json["critical"] is True
    items = client.get("/api/v1/milestones", headers=headers()).json["items"]
    by_title = {item["title"]: item for item in items}
    assert by_title["Final report"]["total_float_days"] == 10
    assert by_title["Rehabilitate Makalondi"]["total_float_days"] == 97
