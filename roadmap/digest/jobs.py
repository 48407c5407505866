"""The digest's jobs, for the command line and the background worker; each commits its work.

The worker runs `send_digests(today)` once a week and `deliver_pending(now)` every few
minutes (it retries what a failing SMTP server left queued). Running either again is
harmless: a reader gets one digest a week, a mail is sent once. Both run inside an app
context (`with app.app_context():`).
"""

from datetime import date

from flask import current_app

from roadmap.clock import now_utc
from roadmap.digest.commands import Planned, queue_digests
from roadmap.extensions import db
from roadmap.mail import settings
from roadmap.mail.delivery import deliver_pending

__all__ = ["deliver_pending", "send_digests"]


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
