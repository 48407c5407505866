"""Who may use the API, CSRF on cookie writes, and the JSON shape of every error."""

import re

import pytest
from werkzeug.exceptions import TooManyRequests

from roadmap.auth.access import public
from roadmap.auth.models import ApiToken
from roadmap.clock import now_utc
from roadmap.extensions import db

SHAPE = {"status", "error", "message", "request_id"}


def assert_error(response, status):
    assert response.status_code == status
    assert response.mimetype == "application/json"
    assert SHAPE <= set(response.json)
    assert response.json["status"] == status


def test_no_credentials_is_401(client, ids):
    assert_error(client.get("/api/v1/milestones"), 401)


@pytest.mark.parametrize("header", ["Bearer not-a-token", "Basic abc", "Bearer ", "Token x"])
def test_bad_credentials_are_401(client, ids, header):
    assert_error(client.get("/api/v1/project", headers={"Authorization": header}), 401)


def test_revoked_token_is_401(app, client, ids, tokens, headers):
    with app.app_context():
        for token in db.session.scalars(db.select(ApiToken)):
            token.revoked_at = now_utc()
        db.session.commit()
    assert_error(client.get("/api/v1/project", headers=headers()), 401)


def test_token_of_deactivated_user_is_401(app, client, ids, headers):
    from roadmap.auth.models import User

    with app.app_context():
        db.session.scalar(db.select(User).filter_by(role="manager")).active = False
        db.session.commit()
    assert_error(client.get("/api/v1/project", headers=headers()), 401)


def test_token_use_is_recorded(app, client, ids, headers):
    client.get("/api/v1/project", headers=headers())
    with app.app_context():
        used = db.session.scalars(db.select(ApiToken.last_used_at)).all()
        assert any(used)


def test_token_works_only_for_the_api(client, ids, headers):
    # A token opens /api/ and /iati.xml, not the pages.
    response = client.get("/milestones", headers=headers())
    assert response.status_code in (302, 404)


def test_malformed_json_is_400(client, ids, headers):
    response = client.patch(
        f"/api/v1/milestones/{ids['rehab']}",
        data="{not json",
        content_type="application/json",
        headers=headers(),
    )
    assert response.status_code in (400, 422)
    assert SHAPE <= set(response.json)


def test_unknown_path_and_method(client, ids, headers):
    assert_error(client.get("/api/v1/nothing-here", headers=headers()), 404)
    assert_error(client.delete(f"/api/v1/milestones/{ids['rehab']}", headers=headers()), 405)


def test_too_large_is_413(client, ids, headers):
    big = b'{"version": 1, "comment": "' + b"x" * (6 * 1024 * 1024) + b'"}'
    response = client.patch(
        f"/api/v1/posts/{ids['post']}", data=big, content_type="application/json", headers=headers()
    )
    assert_error(response, 413)


def test_bad_query_is_422_by_field(client, ids, headers):
    response = client.get(
        "/api/v1/milestones", query_string={"per_page": 0, "status": "x"}, headers=headers()
    )
    assert_error(response, 422)
    assert set(response.json["errors"]) == {"per_page", "status"}


def test_429_and_500_are_json(app, client):
    def throttled():
        raise TooManyRequests()

    def broken():
        raise RuntimeError("boom")

    app.add_url_rule("/api/v1/_throttled", "throttled", public(throttled))
    app.add_url_rule("/api/v1/_broken", "broken", public(broken))
    assert_error(client.get("/api/v1/_throttled"), 429)
    response = client.get("/api/v1/_broken")
    assert_error(response, 500)
    assert "boom" not in response.get_data(as_text=True)


@pytest.fixture
def csrf_app(app):
    app.config["WTF_CSRF_ENABLED"] = True
    return app


def test_cookie_write_needs_csrf_header(csrf_app, auth, ids):
    client = csrf_app.test_client()
    # Log in through the form with its CSRF token.
    page = client.get("/login")
    token = re.search(
        r'name="csrf_token" type="hidden" value="([^"]+)"', page.get_data(as_text=True)
    )
    assert token, "login form has a CSRF token"
    auth.login_client(client, "manager", csrf_token=token.group(1))
    # The session starts anew at login: the page's token is the one to send.
    account = client.get("/account").get_data(as_text=True)
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', account)
    path = f"/api/v1/milestones/{ids['rehab']}"
    version = client.get(path).json["version"]
    refused = client.patch(path, json={"version": version, "percent_complete": 25})
    assert_error(refused, 400)
    accepted = client.patch(
        path,
        json={"version": version, "percent_complete": 25},
        headers={"X-CSRFToken": token.group(1)},
    )
    assert accepted.status_code == 200


def test_bearer_write_needs_no_csrf(csrf_app, ids, headers):
    client = csrf_app.test_client()
    path = f"/api/v1/milestones/{ids['rehab']}"
    version = client.get(path, headers=headers()).json["version"]
    response = client.patch(
        path, json={"version": version, "percent_complete": 25}, headers=headers()
    )
    assert response.status_code == 200
