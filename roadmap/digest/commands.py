"""The one way the digest's bookkeeping changes: the week each reader got theirs.

`queue_digests` is a command (see roadmap/commands.py): it queues this week's digest for
every reader who wants one and has not had it yet, in the caller's transaction. The
worker calls `send_digests(today)` weekly (jobs.py), which queues, commits and delivers.
Whether a reader wants it is the account's choice (User.choose_digest).
"""

from dataclasses import dataclass
from datetime import date, datetime

from flask import current_app
from sqlalchemy import or_, select, update

from roadmap.auth.models import User
from roadmap.digest import content, loading, message
from roadmap.extensions import db
from roadmap.mail import delivery, settings


@dataclass(frozen=True)
class Planned:
    """A reader's digest this week, rendered in the reader's language."""

    user: User
    digest: content.Digest
    rendered: message.Rendered


def readers() -> list[User]:
    """Return the active accounts that want the digest, by e-mail."""
    return db.session.scalars(
        select(User).where(User.active.is_(True), User.wants_digest.is_(True)).order_by(User.email)
    ).all()


def plan_digests(today: date) -> list[Planned]:
    """Return this week's digest for every reader who wants one and has not had it yet.

    Nobody is sent an empty digest.
    """
    facts = loading.load_facts(today)
    if facts is None:
        return []
    link = message.linker(settings.base_url(current_app.config))
    digest = content.build_digest(facts, today, link)
    if digest.is_empty:
        return []
    return [
        Planned(user, digest, message.render(digest, user, link))
        for user in readers()
        if not content.same_week(user.digest_sent_on, today)
    ]


def queue_digests(today: date, *, now: datetime) -> list[Planned]:
    """Queue this week's digests (see plan_digests); return those queued.

    Each reader is marked as served by an UPDATE that only a reader not yet served this
    week matches: two runs at once (two workers) queue each digest once.
    """
    queued = []
    for each in plan_digests(today):
        # Bookkeeping, not an edit: the account's version (and an open form) stays as it is.
        marked = db.session.execute(
            update(User)
            .where(
                User.id == each.user.id,
                or_(User.digest_sent_on.is_(None), User.digest_sent_on < content.week_of(today)),
            )
            .values(digest_sent_on=today),
            execution_options={"synchronize_session": False},
        )
        if marked.rowcount != 1:
            continue
        mail = message.compose(each.rendered, each.user, now=now)
        delivery.enqueue(mail, kind="digest", user=each.user, now=now)
        queued.append(each)
    db.session.flush()
    return queued
