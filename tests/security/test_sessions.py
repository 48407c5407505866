"""ASVS 7: a new session at login; logout, password change and deactivation end every session."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from sqlalchemy import select

from roadmap.auth.models import User
from roadmap.extensions import db

from .conftest import client_with_cookie, csrf_token, is_logged_in, session_cookie

T0 = datetime(2026, 8, 15, 8, 0, tzinfo=UTC)


def user(app, role):
    with app.app_context():
        return db.session.scalar(select(User).where(User.email == f"{role}@example.org"))


def test_login_issues_a_new_session(app, client, auth):
    client.get("/login")
    with client.session_transaction() as planted:
        planted["csrf_token"] = "attacker-chosen"
        planted["marker"] = "from before login"
    before = session_cookie(client)
    assert auth.login().status_code == 302
    after = session_cookie(client)
    assert after and after != before
    with client.session_transaction() as current:
        assert "marker" not in current
        assert current.get("csrf_token") != "attacker-chosen"
    # The cookie the attacker captured (or planted) before login opens nothing.
    assert not is_logged_in(client_with_cookie(app, before))
    assert is_logged_in(client_with_cookie(app, after))


def test_logout_ends_the_session_for_a_replayed_cookie(app, client, auth):
    auth.login()
    captured = session_cookie(client)
    assert is_logged_in(client_with_cookie(app, captured))
    assert client.post("/logout").status_code == 302
    assert not is_logged_in(client)
    replay = client_with_cookie(app, captured)
    response = replay.get("/")
    assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_logout_ends_every_other_session_of_the_user(app, auth):
    first, second = app.test_client(), app.test_client()
    auth.login_client(first)
    auth.login_client(second)
    first.post("/logout")
    assert not is_logged_in(second)


def test_password_change_ends_other_sessions_and_keeps_this_one(app, auth):
    here, elsewhere = app.test_client(), app.test_client()
    auth.login_client(here, "viewer")
    auth.login_client(elsewhere, "viewer")
    captured = session_cookie(here)
    response = here.post(
        "/account/password",
        data={
            "pw-current_password": "viewer-pass-2026",
            "pw-new_password": "a new long passphrase",
        },
    )
    assert response.status_code == 302
    assert is_logged_in(here)
    assert not is_logged_in(elsewhere)
    assert not is_logged_in(client_with_cookie(app, captured))


def test_deactivation_ends_every_session(app, auth):
    victim, admin = app.test_client(), app.test_client()
    auth.login_client(victim, "viewer")
    captured = session_cookie(victim)
    auth.login_client(admin, "admin")
    target = user(app, "viewer")
    response = admin.post(
        f"/users/{target.id}",
        data={"name": target.name, "role": "viewer", "language": "", "version": target.version},
    )
    assert response.status_code == 302
    assert not user(app, "viewer").active
    assert not is_logged_in(victim)
    assert not is_logged_in(client_with_cookie(app, captured))
    refused = auth.login_client(app.test_client(), "viewer")
    assert refused.status_code == 200  # refused, not logged in


def test_a_cookie_for_another_token_is_refused(app, client, auth):
    auth.login()
    with client.session_transaction() as current:
        ident = current["_user_id"].partition(":")[0]
        current["_user_id"] = f"{ident}:forged-token"
    assert not is_logged_in(client)


@pytest.mark.parametrize(
    ("elapsed", "still_in"),
    [(timedelta(hours=7, minutes=59), True), (timedelta(hours=8, minutes=1), False)],
)
def test_sessions_expire_after_eight_hours(app, client, auth, elapsed, still_in):
    with time_machine.travel(T0, tick=False) as clock:
        auth.login()
        assert is_logged_in(client)
        clock.move_to(T0 + elapsed)
        assert is_logged_in(client) is still_in


def test_activity_does_not_extend_the_eight_hours(app, client, auth):
    with time_machine.travel(T0, tick=False) as clock:
        auth.login()
        for hour in range(1, 8):
            clock.move_to(T0 + timedelta(hours=hour))
            assert is_logged_in(client)
        clock.move_to(T0 + timedelta(hours=8, minutes=1))
        assert not is_logged_in(client)


def test_an_unchanged_session_is_not_signed_again(app, client, auth):
    auth.login()
    client.get("/")  # the page's CSRF token is stored once
    answer = client.get("/")
    assert answer.status_code == 200
    assert "Set-Cookie" not in answer.headers
    assert is_logged_in(client)


def test_the_login_cookie_already_holds_the_form_token(app, client, auth):
    """Chromium's offline worker fetches the pages it keeps (the Gantt) with the cookie the
    login set, while the dashboard loads. Had each answer made its own form token, the one
    landing last would replace the token the dashboard's forms hold and the next form posted
    from the dashboard would be refused (400)."""
    auth.login()
    login_cookie = session_cookie(client)
    with client.session_transaction() as current:
        assert current.get("csrf_token")
    app.config["WTF_CSRF_ENABLED"] = True
    token = csrf_token(client, "/")  # the dashboard's forms
    worker = client_with_cookie(app, login_cookie)
    assert worker.get("/gantt").status_code == 200
    client.set_cookie("session", session_cookie(worker))  # the worker's answer lands last
    response = client.post("/language", data={"language": "fr", "csrf_token": token})
    assert response.status_code == 302
    with client.session_transaction() as current:
        assert current.get("language") == "fr"
