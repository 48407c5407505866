"""ASVS 15/OWASP: `next` never sends the user outside the application."""

from urllib.parse import urlsplit

import pytest

from roadmap.security import safe_next

BASE = [
    "//evil.example",
    "/\\evil.example",
    "\\\\evil.example",
    "https://evil.example",
    "javascript:alert(1)",
    "http:evil.example",
    "///evil.example",
    "/\\/evil.example",
    "https:/evil.example",
    "//evil.example/%2F..",
    "data:text/html,<script>alert(1)</script>",
]
PAYLOADS = (
    BASE
    + [
        variant
        for payload in BASE
        for ch in ("\t", "\n", "\r")
        for variant in (
            payload[:1] + ch + payload[1:],
            payload[:2] + ch + payload[2:],
            ch + payload,
        )
    ]
    + [" " + payload for payload in BASE]
    + [payload + " " for payload in BASE[:3]]
)


def inside(location: str) -> bool:
    parts = urlsplit(location)
    return (
        parts.scheme in ("", "http")
        and parts.netloc in ("", "localhost")
        and not any(ch in location for ch in "\\\t\r\n")
    )


@pytest.mark.parametrize("payload", PAYLOADS)
def test_safe_next_refuses(payload):
    assert safe_next(payload, "/") == "/"


@pytest.mark.parametrize("target", ["/milestones?status=late", "/posts/3", "/"])
def test_safe_next_keeps_local_paths(target):
    assert safe_next(target, "/x") == target


def test_login_next_lands_inside(app):
    for payload in PAYLOADS:
        client = app.test_client()
        response = client.post(
            "/login",
            query_string={"next": payload},
            data={"email": "viewer@example.org", "password": "viewer-pass-2026"},
        )
        assert response.status_code == 302
        assert inside(response.headers["Location"]), payload


def test_language_switch_next_lands_inside(app, client, auth):
    auth.login("viewer")
    for payload in PAYLOADS:
        response = client.post("/language", data={"language": "fr", "next": payload})
        assert response.status_code == 302
        assert inside(response.headers["Location"]), payload


def test_login_redirect_after_refusal_keeps_a_local_next(client):
    response = client.get("/history?x=1")
    assert response.status_code == 302
    target = response.headers["Location"]
    assert inside(target)
