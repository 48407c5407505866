"""Managers update milestones and posts through the API: versions, validation, side effects."""

from datetime import date

import pytest

from roadmap.extensions import db
from roadmap.history import HistoryEntry
from roadmap.posts.models import BorderPost, PostUpdate
from roadmap.schedule.models import Milestone


def version_of(client, path, headers):
    return client.get(path, headers=headers).json["version"]


def test_milestone_patch_pushes_successors(app, client, ids, headers):
    path = f"/api/v1/milestones/{ids['rehab']}"
    version = version_of(client, path, headers())
    response = client.patch(
        path,
        json={"version": version, "current_end": "2026-10-20", "percent_complete": 40},
        headers=headers(),
    )
    assert response.status_code == 200, response.json
    assert response.json["current_end"] == "2026-10-20"
    assert response.json["version"] == version + 1
    assert response.json["slip_days"] == 20
    with app.app_context():
        handover = db.session.get(Milestone, ids["handover"])
        # rehab now ends 20 October; lag 5 days: the hand-over moves to 25 October.
        assert handover.current_start == date(2026, 10, 25)
        assert handover.pushed_by_id == ids["rehab"]
        entries = db.session.scalars(
            db.select(HistoryEntry).filter_by(entity="milestone", entity_id=ids["rehab"])
        ).all()
        assert any("percent_complete" in entry.changes for entry in entries)


def test_stale_milestone_gets_409_with_current_record(client, ids, headers):
    path = f"/api/v1/milestones/{ids['rehab']}"
    version = version_of(client, path, headers())
    assert (
        client.patch(
            path, json={"version": version, "percent_complete": 30}, headers=headers()
        ).status_code
        == 200
    )
    response = client.patch(
        path, json={"version": version, "percent_complete": 35}, headers=headers()
    )
    assert response.status_code == 409
    body = response.json
    assert body["status"] == 409 and body["error"] == "stale" and body["request_id"]
    assert body["current"]["percent_complete"] == 30
    assert body["current"]["version"] == version + 1
    # What changed since the version sent, and which of the fields sent it touches.
    assert body["changed"] == {"percent_complete": 30}
    assert body["conflicts"] == ["percent_complete"]


def test_a_stale_write_names_what_changed_across_versions(client, ids, headers):
    path = f"/api/v1/milestones/{ids['rehab']}"
    version = version_of(client, path, headers())
    first = client.patch(
        path, json={"version": version, "current_end": "2026-10-20"}, headers=headers()
    )
    assert first.status_code == 200
    second = client.patch(
        path, json={"version": version + 1, "percent_complete": 40}, headers=headers()
    )
    assert second.status_code == 200 and second.json["version"] == version + 2
    response = client.patch(
        path, json={"version": version, "percent_complete": 45}, headers=headers()
    )
    assert response.status_code == 409
    body = response.json
    assert body["changed"] == {"current_end": "2026-10-20", "percent_complete": 40}
    assert body["conflicts"] == ["percent_complete"]  # the end date needs no decision
    again = client.patch(
        path,
        json={"version": body["current"]["version"], "percent_complete": 45},
        headers=headers(),
    )
    assert again.status_code == 200 and again.json["current_end"] == "2026-10-20"


@pytest.mark.parametrize(
    "change, field",
    [
        ({"current_start": "2026-10-01", "current_end": "2026-09-01"}, "current_end"),
        ({"status": "done", "percent_complete": 50}, "percent_complete"),
        ({"actual_finish": "2027-01-01"}, "actual_finish"),
        ({"percent_complete": 101}, "percent_complete"),
        ({"status": "finished"}, "status"),
        ({"title": "renamed"}, "title"),
        ({"current_end": "not a date"}, "current_end"),
    ],
)
def test_invalid_milestone_change_is_422_by_field(client, ids, headers, change, field):
    path = f"/api/v1/milestones/{ids['rehab']}"
    version = version_of(client, path, headers())
    response = client.patch(path, json={"version": version, **change}, headers=headers())
    assert response.status_code == 422
    body = response.json
    assert body["status"] == 422 and body["error"] == "unprocessable_entity"
    assert field in body["errors"] and all(isinstance(m, str) for m in body["errors"][field])


def test_version_is_required(client, ids, headers):
    response = client.patch(
        f"/api/v1/milestones/{ids['rehab']}", json={"percent_complete": 5}, headers=headers()
    )
    assert response.status_code == 422
    assert "version" in response.json["errors"]


def test_post_patch_writes_a_dated_update(app, client, ids, headers):
    path = f"/api/v1/posts/{ids['post']}"
    version = version_of(client, path, headers())
    response = client.patch(
        path,
        json={"version": version, "stage": "designed", "progress": 30, "comment": "Plans approved"},
        headers=headers(),
    )
    assert response.status_code == 200, response.json
    assert response.json["stage"] == "designed"
    latest = response.json["updates"][0]
    assert latest == {
        **latest,
        "date": "2026-08-15",
        "stage": "designed",
        "progress": 30,
        "comment": "Plans approved",
        "author": "Manager User",
    }
    with app.app_context():
        assert db.session.scalar(db.select(db.func.count(PostUpdate.id))) == 2


def test_post_moving_back_needs_a_reason(app, client, ids, headers):
    path = f"/api/v1/posts/{ids['post']}"
    version = version_of(client, path, headers())
    response = client.patch(
        path, json={"version": version, "stage": "identified"}, headers=headers()
    )
    assert response.status_code == 422
    assert "reason" in response.json["errors"]
    response = client.patch(
        path,
        json={"version": version, "stage": "identified", "reason": "Assessment redone"},
        headers=headers(),
    )
    assert response.status_code == 200
    with app.app_context():
        entry = db.session.scalars(
            db.select(HistoryEntry)
            .filter_by(entity="border_post", entity_id=ids["post"])
            .order_by(HistoryEntry.id.desc())
        ).first()
        assert entry.reason == "Assessment redone"


def test_post_rules_of_the_posts_feature_apply(client, ids, headers):
    path = f"/api/v1/posts/{ids['post']}"
    version = version_of(client, path, headers())
    response = client.patch(
        path, json={"version": version, "stage": "completed", "progress": 90}, headers=headers()
    )
    assert response.status_code == 422
    assert "progress" in response.json["errors"]


def test_stale_post_is_409(app, client, ids, headers):
    path = f"/api/v1/posts/{ids['post']}"
    version = version_of(client, path, headers())
    with app.app_context():
        post = db.session.get(BorderPost, ids["post"])
        post.contractor = "Someone else's edit"
        db.session.commit()
    response = client.patch(path, json={"version": version, "progress": 15}, headers=headers())
    assert response.status_code == 409
    assert response.json["current"]["contractor"] == "Someone else's edit"
    assert response.json["changed"] == {"contractor": "Someone else's edit"}
    assert response.json["conflicts"] == []


def test_viewer_token_cannot_write(client, ids, headers):
    path = f"/api/v1/milestones/{ids['rehab']}"
    version = version_of(client, path, headers("viewer"))
    response = client.patch(
        path, json={"version": version, "percent_complete": 30}, headers=headers("viewer")
    )
    assert response.status_code == 403
    assert response.json["error"] == "forbidden"


def test_admin_token_can_write(client, ids, headers):
    path = f"/api/v1/posts/{ids['post']}"
    version = version_of(client, path, headers("admin"))
    response = client.patch(
        path, json={"version": version, "progress": 12}, headers=headers("admin")
    )
    assert response.status_code == 200
