"""The calendar feed and the token management on the account page."""

import re
from datetime import date, timedelta

import pytest
from icalendar import Calendar

from roadmap.auth.models import ApiToken, User, hash_token
from roadmap.extensions import db


def calendar_token(app, role="viewer", language=None):
    with app.app_context():
        user = db.session.scalar(db.select(User).filter_by(role=role))
        if language:
            user.language = language
            db.session.commit()
        return user.calendar_token


def events(response):
    calendar = Calendar.from_ical(response.data)
    return {str(event["summary"]): event for event in calendar.walk("VEVENT")}


def test_feed_parses_with_all_day_events(app, client, ids):
    response = client.get("/calendar.ics", query_string={"token": calendar_token(app)})
    assert response.status_code == 200
    assert response.mimetype == "text/calendar"
    found = events(response)
    assert set(found) == {
        "Mapping",
        "Regional workshop",
        "Rehabilitate Makalondi",
        "Hand over Makalondi",
    }
    point = found["Regional workshop"]
    assert point.decoded("dtstart") == date(2026, 7, 29)
    assert point.decoded("dtend") == date(2026, 7, 30)  # exclusive: one all-day event
    span = found["Rehabilitate Makalondi"]
    assert span.decoded("dtstart") == date(2026, 6, 1)
    assert span.decoded("dtend") == date(2026, 9, 30) + timedelta(days=1)
    description = str(span["description"])
    assert "Status: In progress" in description and "Health: Late" in description
    assert description.rstrip().endswith(f"/milestones/{ids['rehab']}")
    assert str(span["url"]).endswith(f"/milestones/{ids['rehab']}")
    assert str(span["uid"]).startswith(f"milestone-{ids['rehab']}@")


def test_feed_follows_the_users_language(app, client, ids):
    token = calendar_token(app, language="fr")
    response = client.get("/calendar.ics", query_string={"token": token})
    assert response.headers["Content-Language"] == "fr"
    description = str(events(response)["Mapping"]["description"])
    assert "Statut" in description or "Status" in description  # French once translated


@pytest.mark.parametrize("token", ["", "wrong", "x" * 200])
def test_bad_token_is_404(client, ids, token):
    assert client.get("/calendar.ics", query_string={"token": token}).status_code == 404


def test_feed_needs_no_login_but_an_active_account(app, client, ids):
    token = calendar_token(app)
    with app.app_context():
        db.session.scalar(db.select(User).filter_by(role="viewer")).active = False
        db.session.commit()
    assert client.get("/calendar.ics", query_string={"token": token}).status_code == 404


def test_regenerating_the_calendar_token_retires_the_old_link(app, client, auth, ids):
    old = calendar_token(app)
    auth.login("viewer")
    response = client.post("/account/calendar-token")
    assert response.status_code == 302
    assert client.get("/calendar.ics", query_string={"token": old}).status_code == 404
    new = calendar_token(app)
    assert new != old
    assert client.get("/calendar.ics", query_string={"token": new}).status_code == 200


def test_account_page_shows_tokens_and_calendar_link(app, client, auth, ids):
    auth.login("viewer")
    page = client.get("/account").get_data(as_text=True)
    assert "API tokens" in page and "/calendar.ics?token=" in page


def test_token_created_once_then_listed_then_revoked(app, client, auth, ids):
    auth.login("viewer")
    response = client.post("/account/tokens", data={"token-name": "donor script"})
    assert response.status_code == 200
    secret = re.search(
        r'id="api-token" type="text" readonly value="([^"]+)"', response.get_data(as_text=True)
    ).group(1)
    with app.app_context():
        stored = db.session.scalar(db.select(ApiToken).filter_by(name="donor script"))
        assert stored.token_hash == hash_token(secret) and secret not in stored.token_hash
        token_id = stored.id
    page = client.get("/account").get_data(as_text=True)
    assert "donor script" in page and secret not in page
    other = client.application.test_client()
    bearer = {"Authorization": f"Bearer {secret}"}
    assert other.get("/api/v1/project", headers=bearer).status_code == 200
    assert client.post(f"/account/tokens/{token_id}/revoke").status_code == 302
    assert other.get("/api/v1/project", headers=bearer).status_code == 401
    client.get("/account")  # shows the flash message once
    assert "donor script" not in client.get("/account").get_data(as_text=True)


def test_nobody_revokes_another_users_token(app, client, auth, ids, tokens):
    with app.app_context():
        manager_token = db.session.scalar(
            db.select(ApiToken).join(User).filter(User.role == "manager")
        ).id
    auth.login("viewer")
    assert client.post(f"/account/tokens/{manager_token}/revoke").status_code == 404


def test_token_needs_a_name(client, auth, ids):
    auth.login("viewer")
    assert client.post("/account/tokens", data={"token-name": ""}).status_code == 302
