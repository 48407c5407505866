"""Queue a rendered mail, and deliver the queued mails that are due (the worker's job).

`enqueue` is a command: it adds the mail to the caller's transaction. `deliver_pending`
is a job of its own: it commits each mail's new state as soon as the server has it, so a
crash halfway sends nothing twice and loses nothing. A failed attempt is logged and
tried again later, after a delay that grows with each attempt; after MAX_ATTEMPTS, or
a refusal no retry can help (an unknown recipient), the mail is marked failed.
"""

import logging
from datetime import datetime, timedelta
from email.message import EmailMessage
from email.utils import parseaddr

from flask import current_app
from sqlalchemy import select
from sqlalchemy.orm import undefer

from roadmap.extensions import db
from roadmap.mail import settings
from roadmap.mail.models import OutgoingMail
from roadmap.mail.transport import DeliveryError, outbox_transport, smtp_transport

log = logging.getLogger("roadmap.mail")
MAX_ATTEMPTS = 8
FIRST_DELAY = timedelta(minutes=5)
LONGEST_DELAY = timedelta(hours=6)
BATCH = 200  # mails per run: a long queue drains over a few runs, each one short


def retry_delay(attempts: int) -> timedelta:
    """Return how long to wait after the given number of failed attempts (5 min, 15, 45…)."""
    return min(FIRST_DELAY * 3 ** max(attempts - 1, 0), LONGEST_DELAY)


def enqueue(message: EmailMessage, *, kind: str, user=None, now: datetime) -> OutgoingMail:
    """Queue a composed message for its one recipient; it goes out at the next delivery."""
    _name, recipient = parseaddr(str(message["To"]))
    mail = OutgoingMail(
        kind=kind,
        user_id=user.id if user is not None else None,
        recipient=recipient,
        subject=str(message["Subject"])[:300],
        # Headers set raw (a long List-Unsubscribe) go out as set; the others are folded.
        message=message.as_bytes(policy=message.policy.clone(refold_source="none")),
        next_attempt_at=now,
        created_at=now,
    )
    db.session.add(mail)
    db.session.flush()
    return mail


def deliver_pending(now: datetime) -> dict:
    """Send the queued mails due by `now`; return how many were sent, deferred and failed.

    Commits as it goes (each delivery is a fact outside the database). A server that is
    down defers every due mail to a later attempt; nothing is raised.
    """
    due = db.session.scalars(
        select(OutgoingMail)
        .where(OutgoingMail.status == "pending", OutgoingMail.next_attempt_at <= now)
        .order_by(OutgoingMail.next_attempt_at, OutgoingMail.id)
        .limit(BATCH)
        .options(undefer(OutgoingMail.message))
    ).all()
    counts = {"sent": 0, "deferred": 0, "failed": 0}
    handled = set()
    if not due:
        return counts
    config = current_app.config
    try:
        server = settings.smtp_server(config.get("ROADMAP_SMTP_URL"))
        envelope_from = parseaddr(settings.sender(config))[1]
        if server is None:
            transport = outbox_transport(settings.outbox(config, current_app.instance_path))
        else:
            transport = smtp_transport(server)
        with transport as send:
            for mail in due:
                try:
                    send(envelope_from, mail.recipient, mail.message, f"{mail.id:08d}")
                except DeliveryError as error:
                    counts[_failed(mail, str(error), now, error.permanent)] += 1
                else:
                    mail.status, mail.sent_at, mail.attempts = "sent", now, mail.attempts + 1
                    counts["sent"] += 1
                    log.info("mail sent mail_id=%s kind=%s", mail.id, mail.kind)
                handled.add(mail.id)
                db.session.commit()
    except (DeliveryError, settings.MailSettingsError) as error:
        for mail in due:
            if mail.id not in handled:
                counts[_failed(mail, str(error), now, False)] += 1
        db.session.commit()
    return counts


def _failed(mail: OutgoingMail, error: str, now: datetime, permanent: bool) -> str:
    """Note a failed attempt; return "failed" when it was the last, else "deferred"."""
    mail.attempts += 1
    mail.last_error = error[:2000]
    if permanent or mail.attempts >= MAX_ATTEMPTS:
        mail.status = "failed"
        log.error(
            "mail failed mail_id=%s kind=%s attempts=%s error=%s",
            mail.id,
            mail.kind,
            mail.attempts,
            error,
        )
        return "failed"
    mail.next_attempt_at = now + retry_delay(mail.attempts)
    log.warning(
        "mail deferred mail_id=%s kind=%s attempts=%s retry_at=%s error=%s",
        mail.id,
        mail.kind,
        mail.attempts,
        mail.next_attempt_at.isoformat(),
        error,
    )
    return "deferred"
