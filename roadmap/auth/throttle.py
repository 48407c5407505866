"""Failed-login throttling, counted in the database so every worker agrees.

An account's failures first slow its logins down, then lock it: after
LOGIN_SLOWDOWN_AFTER failures within the window, the next attempt waits 1 s, then
2 s, 4 s… (at most LOGIN_SLOWDOWN_CAP) after the last failure; at LOGIN_ATTEMPT_LIMIT
it is locked until the window passes. Nothing sleeps: an attempt too early is refused
and told when to come back, whatever its password, so the wait tells nothing.
"""

import math
from datetime import timedelta

from flask import current_app
from sqlalchemy import delete, func, select

from roadmap.auth.models import LoginAttempt
from roadmap.clock import now_utc
from roadmap.extensions import db


def _window_start():
    return now_utc() - current_app.config["LOGIN_ATTEMPT_WINDOW"]


def is_blocked(email: str, address: str) -> bool:
    """Tell whether this account, or this address across all accounts, has used up its attempts.

    The account's limit is low: guessing one password gets a few tries. The address's is
    high, reached only by trying many accounts: a whole office behind one address shares it,
    and one person's typos must not lock their colleagues out.
    """
    config = current_app.config
    since = _window_start()
    by_email = db.session.scalar(
        select(func.count()).where(LoginAttempt.email == email, LoginAttempt.at >= since)
    )
    by_address = db.session.scalar(
        select(func.count()).where(LoginAttempt.address == address, LoginAttempt.at >= since)
    )
    return by_email >= config["LOGIN_ATTEMPT_LIMIT"] or by_address >= config["LOGIN_ADDRESS_LIMIT"]


def wait_seconds(email: str) -> int:
    """Return how many seconds this account must wait before its next attempt (0: none)."""
    config = current_app.config
    count, last = db.session.execute(
        select(func.count(), func.max(LoginAttempt.at)).where(
            LoginAttempt.email == email, LoginAttempt.at >= _window_start()
        )
    ).one()
    free = config["LOGIN_SLOWDOWN_AFTER"]
    if count < free or last is None:
        return 0
    delay = min(2 ** (count - free), config["LOGIN_SLOWDOWN_CAP"].total_seconds())
    remaining = (last + timedelta(seconds=delay) - now_utc()).total_seconds()
    return max(0, math.ceil(remaining))


def record_failure(email: str, address: str) -> None:
    db.session.add(LoginAttempt(email=email[:254], address=address[:64]))


def clear(email: str, address: str) -> None:
    """Forget this account's failures after a successful login."""
    db.session.execute(delete(LoginAttempt).where(LoginAttempt.email == email))
    # Housekeeping: failures older than the window no longer count for anyone.
    db.session.execute(delete(LoginAttempt).where(LoginAttempt.at < _window_start()))
