"""Per-request bookkeeping: a request id and the security headers."""

import uuid

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


def add_security_headers(response):
    headers = response.headers
    headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
    headers.setdefault("X-Content-Type-Options", "nosniff")
    headers.setdefault("Referrer-Policy", "same-origin")
    headers.setdefault("X-Frame-Options", "DENY")
    headers.setdefault("Cross-Origin-Opener-Policy", "same-origin")
    if request.is_secure:
        headers.setdefault("Strict-Transport-Security", "max-age=31536000; includeSubDomains")
    if g.get("request_id"):
        headers.setdefault("X-Request-Id", g.request_id)
    if request.endpoint != "static" and "Cache-Control" not in headers:
        # Pages carry private project data: no shared or disk caches.
        headers["Cache-Control"] = "no-store"
    return response


def register(app) -> None:
    app.before_request(assign_request_id)
    app.after_request(add_security_headers)
