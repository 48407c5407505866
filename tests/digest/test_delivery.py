"""The mail queue: a growing delay between attempts, and an end to them."""

from datetime import UTC, datetime, timedelta
from email.message import EmailMessage

from aiosmtpd.controller import Controller
from sqlalchemy import select

from roadmap.extensions import db
from roadmap.mail.delivery import MAX_ATTEMPTS, deliver_pending, enqueue, retry_delay
from roadmap.mail.models import OutgoingMail

from .conftest import free_port

NOW = datetime(2026, 8, 17, 6, 0, tzinfo=UTC)


def queued(app, to="someone@example.org") -> int:
    message = EmailMessage()
    message["From"], message["To"], message["Subject"] = "r@example.org", to, "Hello"
    message.set_content("Body")
    with app.app_context():
        mail = enqueue(message, kind="digest", now=NOW)
        db.session.commit()
        return mail.id


def test_the_delay_grows_with_each_attempt_up_to_six_hours():
    assert [retry_delay(n) for n in (1, 2, 3)] == [
        timedelta(minutes=5),
        timedelta(minutes=15),
        timedelta(minutes=45),
    ]
    assert retry_delay(20) == timedelta(hours=6)


def test_a_server_down_for_good_ends_in_failed_after_the_last_attempt(app):
    app.config["ROADMAP_SMTP_URL"] = f"smtp://127.0.0.1:{free_port()}?timeout=5"
    key = queued(app)
    with app.app_context():
        for _attempt in range(MAX_ATTEMPTS):
            mail = db.session.get(OutgoingMail, key)
            deliver_pending(mail.next_attempt_at)
        mail = db.session.get(OutgoingMail, key)
        assert (mail.status, mail.attempts) == ("failed", MAX_ATTEMPTS)
        assert deliver_pending(NOW + timedelta(days=30)) == {"sent": 0, "deferred": 0, "failed": 0}


class Refuses:
    """A server that knows no recipient."""

    async def handle_RCPT(self, server, session, envelope, address, options):
        return "550 5.1.1 No such user"


def test_an_unknown_recipient_is_given_up_at_once_and_the_others_still_go(app, outbox):
    port = free_port()
    app.config["ROADMAP_SMTP_URL"] = f"smtp://127.0.0.1:{port}"
    key = queued(app, "gone@example.org")
    controller = Controller(Refuses(), hostname="127.0.0.1", port=port)
    controller.start()
    try:
        with app.app_context():
            assert deliver_pending(NOW) == {"sent": 0, "deferred": 0, "failed": 1}
            mail = db.session.get(OutgoingMail, key)
            assert mail.status == "failed" and "550" in mail.last_error
    finally:
        controller.stop()
    # Without a server, the outbox takes what is queued next.
    app.config["ROADMAP_SMTP_URL"] = None
    queued(app)
    with app.app_context():
        assert deliver_pending(NOW)["sent"] == 1
        assert (
            db.session.scalar(select(OutgoingMail.status).order_by(OutgoingMail.id.desc()))
            == "sent"
        )
    assert len(list(outbox.glob("*.eml"))) == 1
