"""Per-request bookkeeping: a request id and the security headers; the safe `next` redirect."""

import uuid
from urllib.parse import urlsplit

from flask import g, request

CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        # plotly.js writes its own style rules at run time.
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data: blob:",
        "font-src 'self' data:",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "frame-ancestors 'none'",
        "form-action 'self'",
    ]
)


def assign_request_id():
    g.request_id = uuid.uuid4().hex[:16]


SECURITY_HEADERS = (
    ("Content-Security-Policy", CONTENT_SECURITY_POLICY),
    ("X-Content-Type-Options", "nosniff"),
    ("Referrer-Policy", "same-origin"),
    ("X-Frame-Options", "DENY"),
    ("Cross-Origin-Opener-Policy", "same-origin"),
)
HSTS = ("Strict-Transport-Security", "max-age=31536000; includeSubDomains")


def add_security_headers(response):
    """Add the security headers a view has not set itself, and no-store to pages."""
    headers = response.headers
    # One pass over the headers set so far, rather than one search per header added.
    present = {name.lower() for name, _value in headers.items()}
    added = [*SECURITY_HEADERS, HSTS] if request.is_secure else list(SECURITY_HEADERS)
    if g.get("request_id"):
        added.append(("X-Request-Id", g.request_id))
    if request.endpoint != "static":
        # Pages carry private project data: no shared or disk caches.
        added.append(("Cache-Control", "no-store"))
    headers.extend([(name, value) for name, value in added if name.lower() not in present])
    return response


def register(app) -> None:
    app.before_request(assign_request_id)
    app.after_request(add_security_headers)


def safe_next(target: str | None, default: str) -> str:
    """Return target when it stays inside this application, else default."""
    if not target:
        return default
    cleaned = "".join(ch for ch in target if ch >= " " and ch != "\x7f")
    if cleaned != target or "\\" in target:
        return default
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return default
    return target
