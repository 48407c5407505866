"""`flask send-digest` over a local SMTP server, a server that is down, and the outbox."""

import logging
from datetime import date
from email import message_from_bytes, policy

import pytest
from aiosmtpd.controller import Controller
from sqlalchemy import select, update

from roadmap.auth.models import User
from roadmap.extensions import db
from roadmap.mail.delivery import deliver_pending
from roadmap.mail.models import OutgoingMail
from tests import factories

from .conftest import Inbox, free_port

OVERDUE = "Training of trainers on integrated border management"  # the demo's, on 15 August
OPTED_OUT = "donor@roadmap.example"
FRENCH = "responsable@roadmap.example"


def opt_out(app, email):
    with app.app_context():
        db.session.execute(update(User).where(User.email == email).values(wants_digest=False))
        db.session.commit()


def readers(app) -> set[str]:
    with app.app_context():
        return set(
            db.session.scalars(
                select(User.email).where(User.active.is_(True), User.wants_digest.is_(True))
            )
        )


def mails(app) -> list[OutgoingMail]:
    with app.app_context():
        found = db.session.scalars(select(OutgoingMail).order_by(OutgoingMail.id)).all()
        db.session.expunge_all()
        return found


def text_and_html(message) -> tuple[str, str]:
    text = message.get_body(preferencelist=("plain",)).get_content()
    html = message.get_body(preferencelist=("html",)).get_content()
    return text, html


def test_each_reader_gets_one_digest_in_their_language_and_the_opted_out_none(
    demo, runner, smtp_server
):
    port, inbox = smtp_server
    demo.config["ROADMAP_SMTP_URL"] = f"smtp://127.0.0.1:{port}"
    opt_out(demo, OPTED_OUT)
    wanted = readers(demo)
    result = runner.invoke(args=["send-digest"])
    assert result.exit_code == 0, result.output
    assert f"{len(wanted)} digests queued" in result.output
    assert sorted(r for mail in inbox.received for r in mail["to"]) == sorted(wanted)
    assert inbox.to(OPTED_OUT) == []
    (french,) = inbox.to(FRENCH)
    (english,) = inbox.to("manager@roadmap.example")
    assert "cette semaine" in french["Subject"] and "this week" in english["Subject"]
    text, html = text_and_html(french)
    assert OVERDUE in text and OVERDUE in html
    assert "Jalons dont la fin est passée" in text and "Milestones past their end" not in text
    assert french["Content-Language"] == "fr"
    text, html = text_and_html(english)
    assert "Milestones past their end" in text
    assert "Report waiting to be issued" not in html  # the demo issued every month that ended
    assert "https://roadmap.example.org/milestones/" in html
    assert {mail.status for mail in mails(demo)} == {"sent"}
    # The same week again sends nothing new.
    again = runner.invoke(args=["send-digest"])
    assert again.exit_code == 0 and "0 digests queued" in again.output
    assert len(inbox.received) == len(wanted) and len(mails(demo)) == len(wanted)


def test_a_new_week_brings_a_new_digest(demo, runner, outbox):
    assert runner.invoke(args=["send-digest", "--today", "2026-08-15"]).exit_code == 0
    first = len(mails(demo))
    assert runner.invoke(args=["send-digest", "--today", "2026-08-16"]).exit_code == 0
    assert len(mails(demo)) == first  # Sunday: the same week
    assert runner.invoke(args=["send-digest", "--today", "2026-08-17"]).exit_code == 0
    assert len(mails(demo)) == 2 * first


@pytest.fixture
def overdue(app):
    """A project with one overdue milestone; only the manager wants the digest."""
    with app.app_context():
        stream = factories.workstream()
        factories.milestone(stream, "Mapping report", date(2026, 7, 1), date(2026, 8, 1))
        db.session.execute(
            update(User).where(User.email != "manager@example.org").values(wants_digest=False)
        )
        db.session.commit()
    return app


def test_a_server_that_is_down_leaves_the_digest_queued_until_it_is_up(overdue, runner, caplog):
    port = free_port()  # nothing listens there
    overdue.config["ROADMAP_SMTP_URL"] = f"smtp://127.0.0.1:{port}?timeout=5"
    with caplog.at_level(logging.WARNING, logger="roadmap.mail"):
        result = runner.invoke(args=["send-digest"])
    assert result.exit_code == 0, result.output
    assert "1 digests queued" in result.output and "1 left for a later try" in result.output
    (mail,) = mails(overdue)
    assert (mail.status, mail.attempts) == ("pending", 1)
    assert "cannot reach the SMTP server 127.0.0.1" in mail.last_error
    assert mail.next_attempt_at > mail.created_at
    assert any("mail deferred" in record.getMessage() for record in caplog.records)
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        with overdue.app_context():
            assert deliver_pending(mail.created_at)["sent"] == 0  # not due yet
            assert deliver_pending(mail.next_attempt_at) == {"sent": 1, "deferred": 0, "failed": 0}
            assert deliver_pending(mail.next_attempt_at)["sent"] == 0  # sent once
    finally:
        controller.stop()
    (received,) = inbox.to("manager@example.org")
    assert "Mapping report" in text_and_html(received)[0]
    (mail,) = mails(overdue)
    assert (mail.status, mail.attempts) == ("sent", 2)


def test_without_a_server_the_mails_go_to_the_outbox_whole(overdue, runner, outbox):
    result = runner.invoke(args=["send-digest"])
    assert result.exit_code == 0, result.output
    (path,) = outbox.glob("*.eml")
    message = message_from_bytes(path.read_bytes(), policy=policy.default)
    assert message.get_content_type() == "multipart/alternative"
    assert [part.get_content_type() for part in message.iter_parts()] == [
        "text/plain",
        "text/html",
    ]
    assert message["From"] == "Roadmap <roadmap@example.org>"
    assert message["To"] == "Manager User <manager@example.org>"
    assert message["Date"] and message["Message-ID"].endswith("@example.org>")
    unsubscribe = message["List-Unsubscribe"]
    assert unsubscribe.startswith("<https://roadmap.example.org/unsubscribe/")
    assert unsubscribe.endswith(">")
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    text, html = text_and_html(message)
    assert unsubscribe[1:-1] in text and unsubscribe[1:-1] in html
    assert "https://roadmap.example.org/milestones/" in text


def test_a_dry_run_says_who_would_get_what_and_sends_nothing(overdue, runner, outbox):
    result = runner.invoke(args=["send-digest", "--dry-run"])
    assert result.exit_code == 0, result.output
    assert "manager@example.org (en) would get 2 items" in result.output
    assert "Mapping report https://roadmap.example.org/milestones/" in result.output
    assert "nothing was sent" in result.output
    assert mails(overdue) == [] and not outbox.exists()
    with overdue.app_context():
        assert db.session.scalar(select(User.digest_sent_on).filter_by(role="manager")) is None


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--today", "15/08/2026"], "is not a day written YYYY-MM-DD"),
        (["--today"], "requires an argument"),
    ],
)
def test_a_wrong_argument_is_one_line(runner, args, message):
    result = runner.invoke(args=["send-digest", *args])
    assert result.exit_code == 1 and message in result.output
    assert "Traceback" not in result.output


def test_a_wrong_smtp_address_is_one_line_and_queues_nothing(overdue, runner):
    overdue.config["ROADMAP_SMTP_URL"] = "smtp://mail.example.org:25?tls=1"
    result = runner.invoke(args=["send-digest"])
    assert result.exit_code == 1
    assert "unknown option 'tls'" in result.output and "Traceback" not in result.output
