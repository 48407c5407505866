"""ASVS 5: files are chosen by month or id only, sent as attachments that are not cached."""

import re

import pytest

from .conftest import check_security_headers

SAFE_NAME = re.compile(r'attachment; filename="?[A-Za-z0-9._-]+"?(;|$)')
BAD_PATHS = [
    "/reports/..%2F..%2Fetc%2Fpasswd.pdf",
    "/reports/%2e%2e%2f%2e%2e%2fconfig.py.pdf",
    "/reports/%2e%2e.pdf",
    "/reports/../config.py",
    "/reports/..%5c..%5cwsgi.pdf",
    "/reports//etc/passwd.pdf",
    "/reports/%2Fetc%2Fpasswd.pdf",
    "/reports/2026-13.pdf",
    "/reports/2026-00.xlsx",
    "/reports/1999-01.pdf",
    "/reports/2031-01.pdf",
    "/reports/2026-7.pdf",
    "/reports/2026-07%00.pdf",
    "/reports/2026-07.pdf.exe",
    "/reports/2026-07.PDF",
    "/static/../config.py",
    "/static/..%2F..%2Fconfig.py",
    "/static/%2e%2e/wsgi.py",
    "/static//etc/passwd",
    "/posts/..%2F1",
    "/posts/1%2F..%2F..%2Fconfig.py",
]


@pytest.fixture
def demo_client(app, client, auth):
    from roadmap.demo.seed import DEMO_START, load_demo

    app.config["CHROMIUM_PATH"] = "/nonexistent/chromium"  # PDFs without charts: fast
    with app.app_context():
        load_demo(DEMO_START)
    auth.login("viewer")
    return client


# August is a draft on the pinned today (the demo issued July): a draft is never kept.
@pytest.mark.parametrize("path", ["/reports/2026-08.pdf", "/reports/2026-08.xlsx", "/posts.csv"])
def test_downloads_are_private_attachments(app, demo_client, path):
    if not any(
        rule.rule.startswith(path.split("2026")[0].rstrip("/") or path)
        for rule in app.url_map.iter_rules()
    ):
        pytest.skip(f"{path}: no such route yet")
    response = demo_client.get(path)
    assert response.status_code == 200, path
    assert SAFE_NAME.match(response.headers.get("Content-Disposition", "")), response.headers
    assert "no-store" in response.headers.get("Cache-Control", "")
    check_security_headers(response, path)
    response.close()


def test_paths_outside_the_catalogue_give_404(demo_client):
    for path in BAD_PATHS:
        response = demo_client.get(path, follow_redirects=True)  # "//" is merged by a 308 first
        assert response.status_code == 404, (path, response.status_code)
        assert b"SECRET_KEY" not in response.data and b"root:" not in response.data
        response.close()
