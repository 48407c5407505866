"""Static files under hashed URLs with a year's cache, compressed answers, one plotly bundle a page."""

import gzip
import hashlib
import os
import re
from pathlib import Path

import brotli
import pytest
from flask import Response, request, stream_with_context

from roadmap import assets
from roadmap.auth.access import public

STATIC = Path(__file__).resolve().parents[1] / "static"
HASHED = re.compile(r'(?:src|href|data-topojson-url)="(/static/v/([0-9a-f]{12})/([^"]+))"')
ANY_STATIC = re.compile(r'(?:src|href|data-[a-z-]+)="(/static/[^"]*)"')
YEAR = "public, max-age=31536000, immutable"


@pytest.fixture
def viewer(client, auth, demo):
    auth.login("viewer")
    return client


def page(client, path: str) -> str:
    response = client.get(path)
    assert response.status_code == 200, path
    return response.get_data(as_text=True)


def static_url(html: str, ending: str) -> str:
    return next(url for url, _digest, name in HASHED.findall(html) if name.endswith(ending))


def hashed_url(viewer, filename: str) -> str:
    """Return a file's hashed URL as pages write it (stylesheets travel inside the pages)."""
    with viewer.application.test_request_context():
        return assets.static_url(filename)


def test_pages_name_every_static_file_by_its_content_hash(viewer):
    for path in ("/", "/gantt", "/posts/map", "/milestones", "/reports/2026-07", "/account"):
        html = page(viewer, path)
        assert HASHED.search(html) or "<script" not in html, path
        for url in ANY_STATIC.findall(html):
            assert url.startswith("/static/v/"), (path, url)
    html = page(viewer, "/")
    for _url, digest, name in HASHED.findall(html):
        if not name.endswith("/"):
            expected = hashlib.sha256((STATIC / name).read_bytes()).hexdigest()[:12]
            # A file in a hashed folder (the map outline plotly.js completes) has its hash.
            folder = assets.folder_digest(str((STATIC / name).parent))
            assert digest in (expected, folder), name


def test_a_hashed_file_is_cached_for_a_year_and_a_plain_one_revalidated(viewer):
    url = hashed_url(viewer, "css/app.css")
    assert url.startswith("/static/v/")
    with viewer.get(url) as hashed:
        assert hashed.status_code == 200
        assert hashed.headers["Cache-Control"] == YEAR
        assert hashed.data == (STATIC / "css/app.css").read_bytes()
    with viewer.get("/static/css/app.css") as plain:
        assert plain.status_code == 200
        assert plain.headers["Cache-Control"] == "no-cache"
    # A page from before a release asks for the old hash: it gets today's file, revalidated.
    with viewer.get("/static/v/000000000000/css/app.css") as stale:
        assert stale.status_code == 200 and stale.headers["Cache-Control"] == "no-cache"
    assert viewer.get("/static/v/000000000000/../config.py").status_code == 404
    assert viewer.get("/static/v/000000000000/css/none.css").status_code == 404


def test_map_outlines_folder_is_hashed_and_its_files_cached_for_a_year(viewer):
    html = page(viewer, "/posts/map")
    folder = re.search(r'data-topojson-url="(/static/v/[0-9a-f]{12}/vendor/topojson/)"', html)
    outlines = viewer.get(folder.group(1) + "africa_50m.json", headers={"Accept-Encoding": "br"})
    assert outlines.status_code == 200
    assert outlines.headers["Cache-Control"] == YEAR
    assert (
        brotli.decompress(outlines.data)
        == (STATIC / "vendor/topojson/africa_50m.json").read_bytes()
    )


def test_static_files_are_sent_compressed_and_revalidate_per_encoding(viewer):
    url = hashed_url(viewer, "vendor/bootstrap/bootstrap.min.css")
    original = (STATIC / "vendor/bootstrap/bootstrap.min.css").read_bytes()
    for encoding, decompress in (("gzip", gzip.decompress), ("br", brotli.decompress)):
        response = viewer.get(url, headers={"Accept-Encoding": encoding})
        assert response.headers["Content-Encoding"] == encoding
        assert "Accept-Encoding" in response.headers["Vary"]
        assert decompress(response.data) == original
        assert len(response.data) < len(original) / 5
        etag = response.headers["ETag"]
        again = viewer.get(url, headers={"Accept-Encoding": encoding, "If-None-Match": etag})
        assert again.status_code == 304
    both = viewer.get(url, headers={"Accept-Encoding": "gzip, deflate, br, zstd"})
    assert both.headers["Content-Encoding"] == "br"
    with viewer.get(url) as identity:
        assert "Content-Encoding" not in identity.headers and identity.data == original


def test_static_answers_carry_no_cookie_even_when_logged_in(viewer):
    url = static_url(page(viewer, "/"), "js/charts.js")
    response = viewer.get(url, headers={"Accept-Encoding": "gzip"})
    assert "Set-Cookie" not in response.headers
    assert "Cookie" not in response.headers["Vary"]
    assert "Cookie" in viewer.get("/milestones").headers["Vary"]  # pages still vary on it


def test_pages_and_api_answers_are_compressed(viewer):
    for path in ("/milestones", "/api/v1/milestones", "/posts.csv", "/api/v1/posts.geojson"):
        plain = viewer.get(path)
        packed = viewer.get(path, headers={"Accept-Encoding": "gzip"})
        assert packed.headers["Content-Encoding"] == "gzip", path
        assert "Accept-Encoding" in packed.headers["Vary"]
        body = gzip.decompress(packed.data)
        if path == "/milestones":  # the page carries a fresh CSRF token each time
            body, plain_body = (re.sub(rb'value="[^"]{40,}"', b"", b) for b in (body, plain.data))
        else:
            plain_body = plain.data
        assert body == plain_body, path


def test_tiny_answers_and_report_files_are_not_compressed(viewer):
    health = viewer.get("/healthz", headers={"Accept-Encoding": "gzip"})
    assert len(health.data) < 500 and "Content-Encoding" not in health.headers
    for path, kind in (
        ("/reports/2026-07.pdf", "application/pdf"),
        ("/reports/2026-07.xlsx", "spreadsheetml"),
    ):
        response = viewer.get(path, headers={"Accept-Encoding": "gzip, br"})
        assert response.status_code == 200 and kind in response.mimetype
        assert "Content-Encoding" not in response.headers, path


def test_streams_are_not_compressed(app, client):
    def stream():
        return Response(stream_with_context(iter([b"x" * 2000, b"y" * 2000])), mimetype="text/csv")

    app.add_url_rule("/_test/stream", "test_stream", public(stream))
    response = client.get("/_test/stream", headers={"Accept-Encoding": "gzip"})
    assert "Content-Encoding" not in response.headers
    assert response.data == b"x" * 2000 + b"y" * 2000


def test_compression_keeps_the_page_validators(app, client):
    def tagged(weak):
        def view():
            response = Response("<p>same page</p>" * 200, mimetype="text/html")
            response.set_etag("v1", weak=weak)
            return response.make_conditional(request)

        return public(view)

    app.add_url_rule("/_test/strong", "test_strong", tagged(False))
    app.add_url_rule("/_test/weak", "test_weak", tagged(True))
    strong = client.get("/_test/strong", headers={"Accept-Encoding": "gzip"})
    assert strong.headers["Content-Encoding"] == "gzip"
    assert strong.headers["ETag"] == '"v1:gzip"'  # a strong tag names its encoding
    again = client.get(
        "/_test/strong", headers={"Accept-Encoding": "gzip", "If-None-Match": '"v1:gzip"'}
    )
    assert again.status_code == 304
    weak = client.get("/_test/weak", headers={"Accept-Encoding": "gzip"})
    assert weak.headers["Content-Encoding"] == "gzip" and weak.headers["ETag"] == 'W/"v1"'
    again = client.get(
        "/_test/weak", headers={"Accept-Encoding": "gzip", "If-None-Match": 'W/"v1"'}
    )
    assert again.status_code == 304


BUNDLES = {
    "/": "geo",  # the map beside bar and scatter charts
    "/posts/map": "geo",
    "/reports/2026-07": "geo",
    "/gantt": "basic",
    "/posts": "basic",
    "/milestones": None,
    "/history": None,
    "/project": None,
}


@pytest.mark.parametrize("path", BUNDLES)
def test_each_page_loads_only_the_plotly_bundle_it_needs(viewer, path):
    html = page(viewer, path)
    bundles = re.findall(r"vendor/plotly/plotly-?([a-z]*)\.min\.js", html)
    expected = BUNDLES[path]
    assert bundles == ([expected] if expected else [])
    assert ("js/charts.js" in html) == bool(expected)


def test_workshop_page_loads_the_basic_bundle(viewer, demo):
    from sqlalchemy import select

    from roadmap.extensions import db
    from roadmap.workshops.models import Workshop

    with demo.app_context():
        workshop_id = db.session.scalars(select(Workshop.id)).first()
    html = page(viewer, f"/workshops/{workshop_id}")
    assert re.findall(r"vendor/plotly/(plotly-[a-z]+)\.min\.js", html) == ["plotly-basic"]


def test_the_french_plotly_locale_comes_only_with_charts_in_french(viewer):
    viewer.post("/language", data={"language": "fr", "next": "/"})
    assert "vendor/plotly/locales/fr.js" in page(viewer, "/gantt")
    assert "locales/fr.js" not in page(viewer, "/milestones")
    viewer.post("/language", data={"language": "en", "next": "/"})
    assert "locales/fr.js" not in page(viewer, "/gantt")


def test_precompressed_files_are_used_only_when_fresh(tmp_path):
    source = tmp_path / "a.js"
    source.write_bytes(b"var a = 1;" * 300)
    sibling = tmp_path / "a.js.gz"
    sibling.write_bytes(b"made by make assets")
    assert assets.compressed_body(str(source), "gzip", "d1") == b"made by make assets"
    source.write_bytes(b"var b = 2;" * 300)
    stamp = sibling.stat().st_mtime
    os.utime(source, (stamp + 10, stamp + 10))  # the file is newer than its .gz
    assert gzip.decompress(assets.compressed_body(str(source), "gzip", "d2")) == b"var b = 2;" * 300


def test_digests_are_computed_once_per_release(app, monkeypatch):
    calls = []
    real = assets.file_digest
    monkeypatch.setattr(assets, "file_digest", lambda path: calls.append(path) or real(path))
    with app.test_request_context():
        first = assets.static_url("js/charts.js")
        assert assets.static_url("js/charts.js") == first
    assert len(calls) == 1
