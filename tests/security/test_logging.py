"""ASVS 16: security events are logged, without passwords, and cannot be forged."""

import logging

from sqlalchemy import select

from roadmap.auth.models import User
from roadmap.extensions import db
from roadmap.logging_setup import OneLineFormatter

SECRETS = (
    "manager-pass-2026",
    "viewer-pass-2026",
    "admin-pass-2026",
    "wrong-password-1",
    "new long phrase",
)


def app_lines(caplog):
    return [r for r in caplog.records if r.name.startswith("roadmap")]


def test_security_events_are_logged_without_passwords(app, auth, caplog):
    caplog.set_level(logging.INFO, logger="roadmap")
    client = app.test_client()
    client.post("/login", data={"email": "manager@example.org", "password": "wrong-password-1"})
    auth.login_client(client)
    client.post("/account", data={"name": "Renamed", "language": "fr", "version": "3"})
    client.post(
        "/account/password",
        data={"pw-current_password": "manager-pass-2026", "pw-new_password": "new long phrase"},
    )
    client.post("/logout")
    viewer = app.test_client()
    auth.login_client(viewer, "viewer")
    viewer.get("/users")
    admin = app.test_client()
    auth.login_client(admin, "admin")
    with app.app_context():
        target = db.session.scalar(select(User).where(User.email == "viewer@example.org"))
    admin.post(
        f"/users/{target.id}",
        data={"name": "V", "role": "manager", "active": "y", "version": target.version},
    )
    text = "\n".join(r.getMessage() for r in app_lines(caplog))
    for event in (
        "login failed",
        "login user_id=",
        "password changed",
        "logout user_id=",
        "access refused",
        "account changed",
    ):
        assert event in text, event
    for secret in SECRETS:
        assert secret not in text
    refused = [r for r in app_lines(caplog) if "access refused" in r.getMessage()]
    assert refused[0].levelno == logging.WARNING and "/users" in refused[0].getMessage()


def test_crlf_in_an_email_cannot_forge_a_line(app, client, caplog):
    caplog.set_level(logging.INFO, logger="roadmap")
    forged = "x@example.org\r\n2026-08-15 INFO roadmap.auth login user_id=1"
    client.post("/login", data={"email": forged, "password": "whatever-1234"})
    messages = [r.getMessage() for r in app_lines(caplog)]
    assert any("login failed" in m for m in messages)
    assert not any("\n" in m or "\r" in m for m in messages)


def test_the_formatter_escapes_line_breaks():
    record = logging.LogRecord(
        "roadmap.x", logging.INFO, __file__, 1, "value=%s", ("a\r\nb",), None
    )
    line = OneLineFormatter("%(levelname)s %(message)s").format(record)
    assert line == "INFO value=a\\r\\nb"
