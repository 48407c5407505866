"""Conditional GET for expensive pages: a repeat visit with nothing changed costs a 304.

The validator (a weak ETag) is computed before the view runs, from everything the
page depends on: the data version (the latest history entry, which every change to
project data writes in its own transaction), the release, the address and its query
string, the language, today, the user and role, and this session's login and CSRF
token. A page rendered for one session is therefore never revalidated for another:
a browser holding a page whose logout form carries an old session's CSRF token gets
a fresh page instead of a 304.

Pages are per user and behind login: `Cache-Control: private, no-cache` lets only
the browser keep them, and makes it ask every time. Last-Modified (the data's last
change) is sent, but If-Modified-Since alone earns no 304: a time cannot tell a
language, a user or a session apart. Browsers send If-None-Match with it anyway.
"""

import functools
import hashlib
import hmac
from datetime import datetime
from pathlib import Path

from flask import current_app, make_response, request, session
from flask_babel import get_locale
from flask_login import current_user
from flask_wtf.csrf import generate_csrf
from sqlalchemy import bindparam, select, true
from werkzeug.http import http_date

from roadmap.auth.access import session_expired
from roadmap.auth.models import User
from roadmap.caching import cache
from roadmap.clock import today
from roadmap.data_version import data_version, keep_data_version, latest_entry
from roadmap.extensions import db
from roadmap.i18n import choose_locale

PAGE_CACHE_CONTROL = "private, no-cache"
# Rendered pages kept per process, by validator: a few megabytes, none bigger than a tenth.
PAGE_CACHE_BYTES = 16 * 1024 * 1024
# Session values a page can show or embed (user and token, login times, language, CSRF).
SESSION_KEYS = ("_user_id", "login_at", "previous_login_at", "language", "csrf_token")
# What a deployment changes: code, templates, translations, static files and their pins.
RELEASE_PARTS = ("roadmap", "templates", "static", "package-lock.json", "pyproject.toml")
_release: dict[str, str] = {}


def release() -> str:
    """Return a digest of the files that make up this release (read once per process)."""
    root = Path(current_app.root_path).parent
    key = str(root)
    if key not in _release:
        digest = hashlib.sha256()
        for part in RELEASE_PARTS:
            path = root / part
            files = sorted(path.rglob("*")) if path.is_dir() else [path]
            for file in files:
                if file.is_file() and "__pycache__" not in file.parts:
                    # Name, size and time: cheap, and any edit or new build changes them.
                    stat = file.stat()
                    name = file.relative_to(root)
                    digest.update(f"{name}:{stat.st_size}:{stat.st_mtime_ns}\n".encode())
        _release[key] = digest.hexdigest()[:16]
    return _release[key]


def page_validator() -> str:
    """Return the validator of the page this request asks for, without building it."""
    user = (current_user.get_id(), current_user.role) if current_user.is_authenticated else None
    return _validator(user, str(get_locale()))


def _validator(user: tuple | None, locale: str) -> str:
    """Return the validator of this request's page for that (login id, role) and language."""
    csrf_on = current_app.config.get("WTF_CSRF_ENABLED", True)
    if csrf_on and "_user_id" in session and "csrf_token" not in session:
        # The session's token exists before it is read below, as after a render; once it
        # exists, signing it again here (what generate_csrf does) would change nothing read.
        generate_csrf()
    parts = (
        release(),
        data_version(),
        request.host_url,
        request.path,
        request.query_string,
        locale,
        today().isoformat(),
        user,
        tuple(str(session.get(name)) for name in SESSION_KEYS),
    )
    return hashlib.sha256(repr(parts).encode()).hexdigest()[:32]


def last_modified() -> datetime | None:
    """Return when project data last changed, if ever."""
    at = data_version()[1]
    return datetime.fromisoformat(at) if at else None


def conditional(view):
    """Answer a GET with 304 when the browser's copy is still current; tag fresh pages.

    A page is rendered once per validator: the same validator asked for again without
    If-None-Match (a reload that bypasses the browser's cache, a second tab) gets the
    page kept from the first rendering, which is what a new rendering would produce.
    """

    @functools.wraps(view)
    def wrapper(*args, **kwargs):
        if request.method not in ("GET", "HEAD"):
            return view(*args, **kwargs)
        if session.get("_flashes"):
            # A pending message is shown once: this page must not be revalidated later.
            return view(*args, **kwargs)
        etag = page_validator()
        if request.if_none_match.contains_weak(etag):
            return _answer_kept(etag, None)
        pages = cache("page_cache")
        if (kept := pages.fetch(etag)) is not None:
            return _answer_kept(etag, kept)
        response = make_response(view(*args, **kwargs))
        if response.status_code != 200 or session.get("_flashes") or response.is_streamed:
            return response
        body = response.get_data()
        # Only the body and its type are kept: a view that sets other headers is not.
        plain = set(response.headers.keys()) <= {"Content-Type", "Content-Length"}
        if plain and len(body) <= PAGE_CACHE_BYTES // 10:
            pages.keep(etag, (response.content_type, body), len(body), PAGE_CACHE_BYTES)
        return _tagged(response, etag)

    wrapper.kept_pages = True
    return wrapper


def _tagged(response, etag: str):
    """Give a page its validator, its last change and its caching rule."""
    response.set_etag(etag, weak=True)
    modified = last_modified()
    if modified is not None:
        response.headers["Last-Modified"] = http_date(modified)
    response.headers["Cache-Control"] = PAGE_CACHE_CONTROL
    return response


def _answer_kept(etag: str, kept: tuple | None):
    """Answer 304 when kept is None (the browser holds the page), else the kept page."""
    if kept is None:
        response = current_app.response_class(status=304)
    else:
        response = current_app.response_class(kept[1], content_type=kept[0])
    return _tagged(response, etag)


@functools.cache
def _account_query():
    """Return the query of account_and_data_version, built once (then only its key is made)."""
    users, latest = User.__table__, latest_entry().subquery()
    return (
        select(
            users.c.active,
            users.c.session_token,
            users.c.role,
            users.c.language,
            latest.c.id,
            latest.c.at,
        )
        .select_from(users.outerjoin(latest, true()))
        .where(users.c.id == bindparam("user_id"))
    )


def account_and_data_version(user_id: int):
    """Return the account's active flag, session token, role and language, in one query
    with the data version (which this request then reuses); None when no such account.
    """
    # Straight from the engine: the request's ORM session (and its transaction) is
    # needed only if the page must be built.
    with db.engine.connect().execution_options(single_read=True) as connection:
        row = connection.execute(_account_query(), {"user_id": user_id}).first()
    if row is None:
        return None
    keep_data_version(row.id, row.at)
    return row


def kept_page():
    """Answer a repeat request for a @conditional page before the user is loaded.

    Runs before every other request hook. A logged-in GET of a page marked
    @conditional whose validator matches the browser's copy (304) or a page kept by
    this process is answered from one query — the account's state and the data
    version together — instead of loading the user (an ORM query), then the data
    version (another), then the validator. The account is checked as Flask-Login
    and the access rules check it: active, the session's token still the account's,
    the login not expired. The validator names the login id and the role, so a page
    kept for a role is never served to another; anything else (no kept page, an API
    token, a pending message, a changed account) goes on to the usual path, which
    reuses the data version read here.
    """
    if request.method not in ("GET", "HEAD") or "Authorization" in request.headers:
        return None
    view = current_app.view_functions.get(request.endpoint)
    login = session.get("_user_id")
    if not getattr(view, "kept_pages", False) or not login or session.get("_flashes"):
        return None
    ident, _, token = login.partition(":")
    if not ident.isdigit() or not token or session_expired():
        return None
    if current_app.login_manager._session_protection_failed():  # as Flask-Login does first
        return None
    account = account_and_data_version(int(ident))
    if account is None or not account.active:
        return None
    if not hmac.compare_digest(account.session_token, token):
        return None
    etag = _validator((login, account.role), choose_locale(lambda: account.language))
    if request.if_none_match.contains_weak(etag):
        return _answer_kept(etag, None)
    kept = cache("page_cache").fetch(etag)
    return None if kept is None else _answer_kept(etag, kept)
