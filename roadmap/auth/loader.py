"""How Flask-Login finds the user behind a session cookie."""

import hmac

from flask import g
from flask_babel import lazy_gettext as _l

from roadmap.auth.models import User
from roadmap.extensions import db


def load_user(user_id: str) -> User | None:
    """Return the user named by the session, if their session token still matches."""
    if database_unavailable():
        return None
    ident, _, token = user_id.partition(":")
    if not ident.isdigit() or not token:
        return None
    user = db.session.get(User, int(ident))
    if user is None or not user.active:
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
