"""The milestones API as of a day: the plan as it stood then, late news included."""

from datetime import date

from sqlalchemy import select

from roadmap.auth.models import User
from roadmap.extensions import db
from roadmap.schedule import commands
from roadmap.schedule.models import Milestone

from .conftest import at


def record_progress_late(app, milestone_id):
    """On 14 October, enter that the milestone reached 60 % on 12 August."""
    with app.test_request_context(), at("2026-10-14"):
        milestone = db.session.get(Milestone, milestone_id)
        commands.update_milestone(
            milestone,
            {"percent_complete": 60, "status": "in_progress"},
            by=db.session.scalar(select(User).where(User.role == "manager")),
            expected_version=milestone.version,
            today=date(2026, 10, 14),
            effective_on=date(2026, 8, 12),
        )
        db.session.commit()


def listed(client, query: str) -> dict:
    answer = client.get(f"/api/v1/milestones?{query}")
    assert answer.status_code == 200, answer.get_json()
    return {row["id"]: row for row in answer.get_json()["items"]}


def test_a_past_day_shows_the_facts_effective_by_then(app, client, auth, project):
    record_progress_late(app, project["formula"])
    app.config["ROADMAP_TODAY"] = "2026-10-14"
    auth.login("viewer")
    august = listed(client, "as_of=2026-08-31")[project["formula"]]
    assert (august["percent_complete"], august["status"]) == (60, "in_progress")
    assert august["health"] == "late" and august["late_days"] > 0  # due 25 August, not done
    before = listed(client, "as_of=2026-08-11")[project["formula"]]
    assert (before["percent_complete"], before["status"]) == (0, "planned")
    assert listed(client, "as_of=2026-08-31&status=planned").get(project["formula"]) is None
    assert project["formula"] in listed(client, "as_of=2026-08-11&status=planned")


def test_a_later_day_is_today_and_the_same_shape_as_the_list(app, client, auth, project):
    app.config["ROADMAP_TODAY"] = "2026-10-14"
    auth.login("viewer")
    now = listed(client, "")
    later = listed(client, "as_of=2027-01-31")
    assert later.keys() == now.keys()
    for key, row in now.items():
        assert later[key].keys() == row.keys()
        assert later[key]["percent_complete"] == row["percent_complete"]
        assert later[key]["predecessor_ids"] == row["predecessor_ids"]


def test_a_milestone_not_yet_created_is_not_listed(app, client, auth, project):
    app.config["ROADMAP_TODAY"] = "2026-10-14"
    auth.login("viewer")
    assert listed(client, "as_of=2026-06-01") == {}  # everything was entered on 10 June


def test_a_day_that_is_no_date_is_refused_by_the_parameter(app, client, auth, project):
    auth.login("viewer")
    answer = client.get("/api/v1/milestones?as_of=2026-02-30")
    assert answer.status_code == 422
    assert "as_of" in str(answer.get_json())
