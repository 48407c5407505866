"""Milestone pages: list, page, create, edit (with locking), delete, dependencies, baseline."""

import re
from datetime import date

import pytest
from sqlalchemy import select

from roadmap.extensions import db
from roadmap.history import HistoryEntry
from roadmap.schedule.models import Milestone, MilestoneDependency
from tests import factories


@pytest.fixture
def schedule(app):
    """Return ids of a project with two workstreams and three chained milestones."""
    with app.app_context():
        project = factories.project()
        coordination = factories.workstream(project, "Regional coordination", 0)
        works = factories.workstream(project, "Rehabilitation of border posts", 1)
        first = factories.milestone(
            coordination,
            "Mapping report",
            date(2026, 4, 1),
            date(2026, 4, 30),
            country="NER",
            owner="IOM Niger",
        )
        second = factories.milestone(
            coordination,
            "Regional workshop",
            date(2026, 7, 29),
            date(2026, 7, 30),
            percent_complete=100,
            status="done",
            actual_finish=date(2026, 7, 30),
        )
        third = factories.milestone(
            works,
            "Works at Petelkolé",
            date(2026, 8, 1),
            date(2026, 10, 31),
            country="NER",
            percent_complete=10,
            status="in_progress",
        )
        factories.dependency(first, third, lag=5)
        db.session.commit()
        return {
            "project": project.id,
            "ws": coordination.id,
            "works": works.id,
            "first": first.id,
            "second": second.id,
            "third": third.id,
        }


def form_data(ids, **changes):
    data = {
        "title": "Mapping report",
        "description": "",
        "workstream_id": str(ids["ws"]),
        "owner": "IOM Niger",
        "country": "NER",
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
    return data


def test_list_shows_health_slip_and_filters(client, auth, schedule):
    auth.login("viewer")
    page = client.get("/milestones").get_data(as_text=True)
    assert "Mapping report" in page and "Works at Petelkolé" in page
    filtered = client.get(f"/milestones?workstream={schedule['works']}").get_data(as_text=True)
    assert "Works at Petelkolé" in filtered and "Mapping report" not in filtered
    late = client.get("/milestones?health=late").get_data(as_text=True)
    # 2026-08-01..10-31 at 10 % on 2026-08-15: progress date 2026-08-10 lies before today
    assert "Works at Petelkolé" in late and "Regional workshop" not in late
    done = client.get("/milestones?status=done").get_data(as_text=True)
    assert "Regional workshop" in done and "Mapping report" not in done
    by_end = client.get("/milestones?sort=end&dir=desc").get_data(as_text=True)
    assert by_end.index("Works at Petelkolé") < by_end.index("Mapping report")


def test_milestone_page_shows_dependencies_and_history(client, auth, schedule):
    auth.login("viewer")
    page = client.get(f"/milestones/{schedule['third']}").get_data(as_text=True)
    assert "Mapping report" in page  # its predecessor
    assert "Created" in page  # the history entry
    assert client.get("/milestones/999999").status_code == 404


@pytest.mark.parametrize("path", ["/milestones/new", "/milestones/1/edit", "/milestones/baseline"])
def test_viewers_cannot_open_edit_forms(client, auth, schedule, path):
    auth.login("viewer")
    assert client.get(path).status_code == 403


def test_viewer_cannot_post(client, auth, schedule):
    auth.login("viewer")
    assert client.post(f"/milestones/{schedule['first']}/delete").status_code == 403


def test_create_milestone(client, auth, app, schedule):
    auth.login("manager")
    assert client.get("/milestones/new").status_code == 200
    response = client.post("/milestones/new", data=form_data(schedule, title="Training plan"))
    assert response.status_code == 302
    with app.app_context():
        assert db.session.scalar(select(Milestone).where(Milestone.title == "Training plan"))


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"current_end": "2026-03-01"}, "current_end", "The end cannot be before the start."),
        ({"percent_complete": "140"}, "percent_complete", "between 0 and 100"),
        ({"percent_complete": "-1"}, "percent_complete", "between 0 and 100"),
        (
            {"status": "done", "percent_complete": "90", "actual_finish": "2026-04-30"},
            "percent_complete",
            "A done milestone is 100 % complete.",
        ),
        (
            {"status": "done", "percent_complete": "100"},
            "actual_finish",
            "Enter the actual finish of a done milestone.",
        ),
    ],
)
def test_validation_message_beside_the_field(client, auth, schedule, changes, field, message):
    auth.login("manager")
    response = client.post("/milestones/new", data=form_data(schedule, **changes))
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    error_block = page.split(f'id="{field}-error"', 1)[1].split("</div>", 1)[0]
    assert message in error_block
    assert f'aria-describedby="{field}-error"' in page


def test_grant_window_guard_needs_confirmation(client, auth, app, schedule):
    auth.login("manager")
    data = form_data(
        schedule, title="After the end", current_start="2027-02-15", current_end="2027-03-15"
    )
    response = client.post("/milestones/new", data=data)
    assert response.status_code == 200
    assert 'id="outside-warning"' in response.get_data(as_text=True)
    with app.app_context():
        assert not db.session.scalar(select(Milestone).where(Milestone.title == "After the end"))
    response = client.post("/milestones/new", data={**data, "confirm_outside": "y"})
    assert response.status_code == 302
    with app.app_context():
        assert db.session.scalar(select(Milestone).where(Milestone.title == "After the end"))


def test_second_of_two_concurrent_edits_gets_409(client, auth, app, schedule):
    auth.login("manager")
    url = f"/milestones/{schedule['first']}/edit"
    # Both people opened the form at version 1.
    assert 'name="version" type="hidden" value="1"' in client.get(url).get_data(as_text=True)
    first = client.post(url, data=form_data(schedule, owner="Amina", version="1"))
    assert first.status_code == 302
    second = client.post(url, data=form_data(schedule, owner="Boubacar", version="1"))
    assert second.status_code == 409
    page = second.get_data(as_text=True)
    assert "Amina" in page and "Boubacar" in page
    with app.app_context():
        milestone = db.session.get(Milestone, schedule["first"])
        assert milestone.owner == "Amina"
        assert milestone.version == 2


def test_moving_an_end_pushes_successors_and_says_who(client, auth, app, schedule):
    auth.login("manager")
    url = f"/milestones/{schedule['first']}/edit"
    response = client.post(url, data=form_data(schedule, current_end="2026-08-10"))
    assert response.status_code == 302
    with app.app_context():
        third = db.session.get(Milestone, schedule["third"])
        # starts no earlier than 2026-08-10 + 5 days; keeps its 92-day duration
        assert (third.current_start, third.current_end) == (date(2026, 8, 15), date(2026, 11, 14))
        assert third.pushed_by_id == schedule["first"]
        assert third.baseline_start is None
    page = client.get(f"/milestones/{schedule['third']}").get_data(as_text=True)
    assert "pushed later by its predecessor" in page


def test_dependency_cycle_is_refused_with_its_path(client, auth, app, schedule):
    auth.login("manager")
    # third already follows first; making first follow third closes the loop.
    response = client.post(
        f"/milestones/{schedule['first']}/dependencies",
        data={"predecessor_id": str(schedule["third"]), "lag_days": "0"},
    )
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    error = re.search(r'<div id="predecessor_id-error"[^>]*>(.*?)</div>', page).group(1)
    assert "would make a cycle" in error
    assert "Works at Petelkolé → Mapping report → Works at Petelkolé" in error
    with app.app_context():
        assert db.session.scalar(select(db.func.count()).select_from(MilestoneDependency)) == 1


def test_add_and_remove_dependency(client, auth, app, schedule):
    auth.login("manager")
    response = client.post(
        f"/milestones/{schedule['third']}/dependencies",
        data={"predecessor_id": str(schedule["second"]), "lag_days": "-3"},
    )
    assert response.status_code == 302
    with app.app_context():
        dependency = db.session.scalar(
            select(MilestoneDependency).where(
                MilestoneDependency.predecessor_id == schedule["second"]
            )
        )
        assert dependency.lag_days == -3
        dependency_id = dependency.id
    client.post(f"/milestones/{schedule['third']}/dependencies/{dependency_id}/delete")
    with app.app_context():
        assert db.session.get(MilestoneDependency, dependency_id) is None


def test_baseline_then_rebaseline_needs_a_reason(client, auth, app, schedule):
    auth.login("manager")
    assert client.get("/milestones/baseline").status_code == 200
    assert client.post("/milestones/baseline", data={}).status_code == 302
    with app.app_context():
        first = db.session.get(Milestone, schedule["first"])
        assert first.baseline_start == first.current_start
        assert first.baseline_end == first.current_end
    client.post(
        f"/milestones/{schedule['first']}/edit",
        data=form_data(schedule, current_end="2026-05-10", version="2"),
    )
    refused = client.post("/milestones/baseline", data={"reason": " "})
    assert refused.status_code == 200
    assert "Give the reason" in refused.get_data(as_text=True)
    with app.app_context():
        assert db.session.get(Milestone, schedule["first"]).baseline_end == date(2026, 4, 30)
    page = client.get("/milestones").get_data(as_text=True)
    assert "+10" in page  # slip of the mapping report
    response = client.post("/milestones/baseline", data={"reason": "Donor approved delay"})
    assert response.status_code == 302
    with app.app_context():
        assert db.session.get(Milestone, schedule["first"]).baseline_end == date(2026, 5, 10)
        reasons = db.session.scalars(
            select(HistoryEntry.reason).where(HistoryEntry.entity == "milestone")
        ).all()
        assert "Donor approved delay" in reasons


def test_delete_milestone(client, auth, app, schedule):
    auth.login("manager")
    assert client.post(f"/milestones/{schedule['third']}/delete").status_code == 302
    with app.app_context():
        assert db.session.get(Milestone, schedule["third"]) is None


def test_extension_warning_in_the_last_month(client, auth, app, schedule):
    auth.login("viewer")
    page = client.get(f"/milestones/{schedule['first']}").get_data(as_text=True)
    assert "extension must be requested" not in page
    app.config["ROADMAP_TODAY"] = "2027-02-10"
    page = client.get(f"/milestones/{schedule['first']}").get_data(as_text=True)
    assert "extension must be requested" in page


def test_fields_without_help_or_errors_carry_no_empty_aria_attributes(client, auth):
    auth.login("manager")
    response = client.get("/milestones/new")
    assert response.status_code == 200 and 'name="title"' in response.get_data(as_text=True)
    page = response.get_data(as_text=True)
    assert 'aria-describedby="None"' not in page and 'aria-invalid="None"' not in page
