"""How Flask-Login finds the user behind a session cookie."""

import hmac

from flask import g
from flask_babel import lazy_gettext as _l
from sqlalchemy import select, true

from roadmap.auth.models import User
from roadmap.data_version import keep_data_version, latest_entry
from roadmap.extensions import db


def load_user(user_id: str) -> User | None:
    """Return the user named by the session, if their session token still matches."""
    if database_unavailable():
        return None
    ident, _, token = user_id.partition(":")
    if not ident.isdigit() or not token:
        return None
    # The data version comes with the account in one query: nearly every page needs both.
    latest = latest_entry().subquery()
    row = db.session.execute(
        select(User, latest.c.id, latest.c.at)
        .outerjoin(latest, true())
        .where(User.id == int(ident))
    ).first()
    if row is None:
        return None
    user, latest_id, latest_at = row
    keep_data_version(latest_id, latest_at)
    if not user.active:
        return None
    if not hmac.compare_digest(user.session_token, token):
        return None
    g.user_id = user.id  # for the request's log line (request_log.py)
    return user


def database_unavailable() -> bool:
    """Tell whether this request found the database away (errors.py): load no user then."""
    return g.get("database_unavailable", False)


def configure(login_manager) -> None:
    login_manager.user_loader(load_user)
    login_manager.login_view = "auth.login"
    login_manager.login_message = _l("Please log in to see this page.")
    login_manager.login_message_category = "info"
    login_manager.session_protection = "basic"
