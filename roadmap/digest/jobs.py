"""The digest's jobs, for the command line and the background worker; each commits its work.

The worker runs `send_digests(today)` every Monday at 06:00 and `deliver_pending(now)` every
five minutes, which retries what a failing SMTP server left queued (the periodic jobs at the
end). Running either again is harmless: a reader gets one digest a week, a mail is sent
once. Both run inside an app context (`with app.app_context():`).
"""

import logging
from datetime import date

from flask import current_app
from huey import crontab

from roadmap import jobs
from roadmap.clock import now_utc, today
from roadmap.digest.commands import Planned, queue_digests
from roadmap.extensions import db
from roadmap.mail import settings
from roadmap.mail.delivery import deliver_pending
from roadmap.mail.settings import MailSettingsError

__all__ = ["deliver_due_mail", "deliver_pending", "send_digests", "weekly_digest"]

log = logging.getLogger(__name__)


def send_digests(today: date) -> tuple[list[Planned], dict]:
    """Queue this week's digests, commit, then deliver what is due; return both.

    Raises MailSettingsError, queueing nothing, when the mail settings are wrong.
    """
    settings.smtp_server(current_app.config.get("ROADMAP_SMTP_URL"))
    settings.sender(current_app.config)
    now = now_utc()
    try:
        planned = queue_digests(today, now=now)
        db.session.commit()
    except Exception:
        db.session.rollback()
        raise
    return planned, deliver_pending(now)


@jobs.periodic(crontab(day_of_week="1", hour="6", minute="0"))
def weekly_digest() -> None:
    """Queue and send this week's digests, Monday morning (the worker's clock)."""
    try:
        planned, delivered = send_digests(today())
    except MailSettingsError as error:
        log.error("weekly digest not sent: %s", error)
        return
    log.info("weekly digest: %d queued, %s", len(planned), delivered)


@jobs.periodic(crontab(minute="*/5"))
def deliver_due_mail() -> None:
    """Send the mail whose next attempt is due: what a failing server left queued."""
    deliver_pending(now_utc())
