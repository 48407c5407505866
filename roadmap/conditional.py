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
from datetime import datetime

from flask import current_app, make_response, request, session
from flask_babel import get_locale
from flask_login import current_user
from flask_wtf.csrf import generate_csrf
from werkzeug.http import http_date

from roadmap.caching import fetch, keep, key_of
from roadmap.clock import today
from roadmap.data_version import data_version
from roadmap.release import release

PAGE_CACHE_CONTROL = "private, no-cache"
# Rendered pages are kept in the one cache by validator, none bigger than this.
PAGE_KEPT_BYTES = 2 * 1024 * 1024
# Session values a page can show or embed (user and token, login times, language, CSRF).
SESSION_KEYS = ("_user_id", "login_at", "previous_login_at", "language", "csrf_token")


def page_validator() -> str:
    """Return the validator of the page this request asks for, without building it.

    It names the login id and the role, so a page made for one role is never served
    to another, and the language the page is written in.
    """
    user = (current_user.get_id(), current_user.role) if current_user.is_authenticated else None
    locale = str(get_locale())
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
        key = key_of("page", etag)
        if (kept := fetch(key)) is not None:
            return _answer_kept(etag, kept)
        response = make_response(view(*args, **kwargs))
        if response.status_code != 200 or session.get("_flashes") or response.is_streamed:
            return response
        body = response.get_data()
        # Only the body and its type are kept: a view that sets other headers is not.
        plain = set(response.headers.keys()) <= {"Content-Type", "Content-Length"}
        if plain and len(body) <= PAGE_KEPT_BYTES:
            keep(key, (response.content_type, body))
        return _tagged(response, etag)

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
