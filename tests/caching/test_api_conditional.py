"""The API's lists answer 304 to a client that holds the current copy."""

import pytest
from sqlalchemy import select

from roadmap.auth.models import ApiToken, User, hash_token
from roadmap.extensions import db
from roadmap.schedule.models import Milestone

LISTS = [
    "/api/v1/milestones",
    "/api/v1/milestones?status=done",
    "/api/v1/posts",
    "/api/v1/workshops",
    "/api/v1/outcomes",
    "/api/v1/dependencies",
    "/api/v1/reports",
    "/api/v1/workstreams",
]


@pytest.fixture
def bearer(demo):
    """Return the Authorization header of a token of the manager."""
    secret = "test-token-manager-conditional-0123456789abcdef"
    with demo.app_context():
        user = db.session.scalar(select(User).where(User.email == "manager@example.org"))
        db.session.add(ApiToken(user=user, name="script", token_hash=hash_token(secret)))
        db.session.commit()
    return {"Authorization": f"Bearer {secret}"}


@pytest.mark.parametrize("path", LISTS)
def test_a_list_asked_again_is_a_304(demo, bearer, path):
    client = demo.test_client()
    first = client.get(path, headers=bearer)
    assert first.status_code == 200 and first.is_json
    assert first.headers["Cache-Control"] == "private, no-cache"
    assert "Set-Cookie" not in first.headers  # a script's request starts no session
    again = client.get(path, headers={**bearer, "If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304


def test_a_write_through_the_api_changes_the_list(demo, bearer):
    client = demo.test_client()
    first = client.get("/api/v1/milestones", headers=bearer)
    with demo.app_context():
        milestone = db.session.scalar(select(Milestone).where(Milestone.status == "in_progress"))
        path, version = f"/api/v1/milestones/{milestone.id}", milestone.version
    assert (
        client.patch(
            path, json={"version": version, "percent_complete": 77}, headers=bearer
        ).status_code
        == 200
    )
    again = client.get(
        "/api/v1/milestones", headers={**bearer, "If-None-Match": first.headers["ETag"]}
    )
    assert again.status_code == 200
    assert any(item["percent_complete"] == 77 for item in again.json["items"])


def test_each_token_owner_has_its_own_validator(demo, bearer, login_as):
    cookie_client = login_as("viewer")
    tagged = demo.test_client().get("/api/v1/posts", headers=bearer).headers["ETag"]
    other = cookie_client.get("/api/v1/posts", headers={"If-None-Match": tagged})
    assert other.status_code == 200 and other.headers["ETag"] != tagged
