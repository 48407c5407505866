"""Helpers shared by the security tests: cookies, CSRF tokens, security headers, uploads."""

import gc
import re
import sys

import pytest

CSRF_FIELD = re.compile(
    r'name="csrf_token"[^>]*value="([^"]+)"|value="([^"]+)"[^>]*name="csrf_token"'
)


def session_cookie(client) -> str | None:
    """Return the value of the client's session cookie, or None."""
    cookie = client.get_cookie("session")
    return cookie.value if cookie else None


def client_with_cookie(app, value: str):
    """Return a fresh client that presents a captured session cookie."""
    other = app.test_client()
    other.set_cookie("session", value)
    return other


def csrf_token(client, path="/login") -> str:
    """Return the CSRF token a page hands out (the session keeps its pair)."""
    html = client.get(path).get_data(as_text=True)
    match = CSRF_FIELD.search(html)
    assert match, f"no csrf_token on {path}"
    return match.group(1) or match.group(2)


def is_logged_in(client) -> bool:
    """Tell whether the client's cookie opens the dashboard."""
    response = client.get("/")
    return response.status_code == 200


@pytest.fixture
def csrf_app(app):
    """The app with CSRF protection on, as in production."""
    app.config["WTF_CSRF_ENABLED"] = True
    return app


SECRET = "s3cr3t-detail-in-the-exception"


def boom():
    raise RuntimeError(SECRET)


boom.access_public = True


@pytest.fixture
def app_with_boom(app):
    """The app with a test-only route that fails (its error must reach only the log)."""
    app.add_url_rule("/_test/boom", "test_boom", boom)
    app.add_url_rule("/api/v1/_test/boom", "test_api_boom", boom)
    return app


REQUIRED_CSP = ("object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'")


def check_security_headers(response, where):
    headers = response.headers
    csp = headers.get("Content-Security-Policy", "")
    directives = {
        part.strip().split(" ")[0]: part.strip() for part in csp.split(";") if part.strip()
    }
    script_src = directives.get("script-src") or directives.get("default-src", "")
    assert (
        script_src and "'unsafe-inline'" not in script_src and "'unsafe-eval'" not in script_src
    ), where
    for directive in REQUIRED_CSP:
        assert directive in csp, (where, directive)
    assert headers.get("X-Content-Type-Options") == "nosniff", where
    assert headers.get("Referrer-Policy") in (
        "same-origin",
        "no-referrer",
        "strict-origin-when-cross-origin",
    ), where
    assert "Strict-Transport-Security" not in headers, where  # plain HTTP: HSTS would be ignored


def _is_abandoned_upload(unraisable) -> bool:
    text = f"{unraisable.exc_value!r} {unraisable.object!r}"
    return isinstance(unraisable.exc_value, ResourceWarning) and (
        "BufferedRandom" in text or "mode='rb+'" in text
    )


@pytest.fixture(autouse=True)
def collect_abandoned_uploads():
    """Collect the temporary files Werkzeug leaves when it refuses or rejects an upload.

    Only those are let through quietly; any other unclosed resource still fails the test.
    """
    yield
    previous = sys.unraisablehook

    def hook(unraisable):
        if not _is_abandoned_upload(unraisable):
            previous(unraisable)

    sys.unraisablehook = hook
    try:
        gc.collect()
    finally:
        sys.unraisablehook = previous
