"""Default-deny access rules, applied to every request before its view runs.

Every endpoint needs a logged-in user unless marked @public; changing anything
(any method but GET/HEAD/OPTIONS) needs an editor unless marked @open_to_viewers;
views marked @editor_only or @admin_only are refused to others whatever the method.
"""

import logging
from datetime import datetime

from flask import abort, current_app, g, redirect, request, session, url_for
from flask_login import current_user, logout_user

from roadmap.clock import now_utc

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
log = logging.getLogger("roadmap.access")


def public(view):
    """Let anyone reach this view, logged in or not."""
    view.access_public = True
    return view


def open_to_viewers(view):
    """Let any logged-in user POST here (their own account, language, logout)."""
    view.access_viewers_may_post = True
    return view


def editor_only(view):
    """Refuse this view, even for GET, to users who may not edit."""
    view.access_editor_only = True
    return view


def admin_only(view):
    """Refuse this view to everyone but administrators."""
    view.access_admin_only = True
    return view


def session_expired() -> bool:
    """Tell whether the login in this session is older than the session lifetime."""
    started = session.get("login_at")
    if not started:
        return False
    try:
        started_at = datetime.fromisoformat(started)
    except ValueError:
        return True
    return now_utc() - started_at > current_app.config["PERMANENT_SESSION_LIFETIME"]


def refuse(reason: str):
    """Log the refusal, then answer 403."""
    log.warning(
        "access refused user_id=%s role=%s method=%s path=%r reason=%s",
        current_user.id,
        current_user.role,
        request.method,
        request.path,
        reason,
    )
    g.refusal_logged = True
    abort(403)


def enforce_access():
    """Refuse the request unless the rules above allow it."""
    endpoint = request.endpoint
    if endpoint is None or endpoint == "static":
        return None
    view = current_app.view_functions.get(endpoint)
    if getattr(view, "access_public", False):
        return None
    if current_user.is_authenticated and session_expired():
        log.info("session expired user_id=%s", current_user.id)
        logout_user()
        session.clear()
    if not current_user.is_authenticated:
        if request.blueprint == "api" or request.path.startswith("/api/"):
            abort(401)
        return redirect(url_for("auth.login", next=request.full_path.rstrip("?")))
    if getattr(view, "access_admin_only", False) and not current_user.is_admin:
        refuse("administrators only")
    if not current_user.can_edit:
        if getattr(view, "access_editor_only", False):
            refuse("editors only")
        if request.method not in SAFE_METHODS and not getattr(
            view, "access_viewers_may_post", False
        ):
            refuse("viewers may not change data")
    return None
