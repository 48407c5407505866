"""The service worker script, its shell list, the offline page, and what logging out clears."""

import json
import re

import pytest

from roadmap.offline.shell import REPORT_FILES, shell_files

CONFIG = re.compile(r"^const CONFIG = (\{.*\});$", re.MULTILINE)
PAGE_ASSETS = re.compile(r'(?:src|href)="(/static/v/[0-9a-f]{12}/[^"]+)"')
FOLDER_ASSETS = re.compile(r'data-topojson-url="(/static/v/[0-9a-f]{12}/[^"]+/)"')
BANNER = re.compile(r'<div id="offline-banner"[^>]*>')


@pytest.fixture
def viewer(client, auth, demo):
    auth.login("viewer")
    return client


def worker_config(client) -> dict:
    response = client.get("/sw.js")
    assert response.status_code == 200
    return json.loads(CONFIG.search(response.get_data(as_text=True)).group(1))


def test_worker_is_served_at_the_root_as_javascript_revalidated_each_time(client):
    response = client.get("/sw.js")
    assert response.status_code == 200  # before logging in: the login page registers it
    assert response.mimetype == "text/javascript"
    assert response.headers["Service-Worker-Allowed"] == "/"
    assert response.headers["Cache-Control"] == "no-cache"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    again = client.get("/sw.js", headers={"If-None-Match": response.headers["ETag"]})
    assert again.status_code == 304


def test_worker_is_the_same_for_everyone_and_names_no_user(client, auth, demo):
    anonymous = client.get("/sw.js").get_data()
    auth.login("manager")
    assert client.get("/sw.js").get_data() == anonymous
    assert b"@example.org" not in anonymous


def test_shell_lists_every_hashed_file_the_pages_load(viewer):
    config = worker_config(viewer)
    shell = set(config["shell"]) | set(config["on_use"])
    for path in ("/", "/gantt", "/posts/map", "/reports/2026-07", "/account"):
        html = viewer.get(path).get_data(as_text=True)
        used = set(PAGE_ASSETS.findall(html))
        assert used, path
        assert used <= shell, (path, used - shell)
        for folder in FOLDER_ASSETS.findall(html):
            assert any(url.startswith(folder) and url != folder for url in shell), folder


def test_shell_urls_are_real_immutable_files(viewer):
    config = worker_config(viewer)
    # The big files are kept once used; the rest is fetched at install.
    assert any("/plotly-basic.min.js" in url for url in config["on_use"])
    assert any("/vendor/topojson/africa_50m.json" in url for url in config["on_use"])
    assert not [url for url in config["shell"] if "/plotly-" in url or "/topojson/" in url]
    assert any(url.endswith("/js/offline.js") for url in config["shell"])
    for url in config["shell"] + config["on_use"]:
        response = viewer.get(url)
        assert response.status_code == 200, url
        assert "immutable" in response.headers["Cache-Control"], url
        response.close()  # a file sent as it is stays open until then
    assert not [url for url in config["shell"] + config["on_use"] if url.endswith((".br", ".gz"))]


def test_worker_keeps_the_dashboard_and_gantt_and_knows_the_offline_pages(client):
    config = worker_config(client)
    assert config["kept_pages"] == ["/", "/gantt"]
    assert config["login"] == "/login"
    assert set(config["offline_pages"]) == {"en", "fr"}
    for url in config["offline_pages"].values():
        assert client.get(url).status_code == 200
    assert re.fullmatch(r"[0-9a-f]{12}", config["version"])
    assert config["patience_ms"] == 10_000


def test_the_worker_is_told_the_patience_set(app, client):
    app.config["ROADMAP_OFFLINE_PATIENCE_MS"] = 2500
    assert worker_config(client)["patience_ms"] == 2500


def test_report_files_rule_matches_downloads_only():
    assert re.search(REPORT_FILES, "/reports/2026-07.pdf")
    assert re.search(REPORT_FILES, "/reports/2026-07.xlsx")
    assert not re.search(REPORT_FILES, "/reports/2026-07")
    assert not re.search(REPORT_FILES, "/reports/2026-07/issue")
    assert not re.search(REPORT_FILES, "/api/v1/reports/2026-07.pdf")


def test_shell_files_are_the_stylesheets_and_scripts_not_their_compressed_copies(tmp_path):
    for name in ("css/a.css", "js/b.js", "js/b.js.gz", "js/b.js.br", "js/.hidden.js", "x.png"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x")
    (tmp_path / ".cache").mkdir()
    (tmp_path / ".cache" / "c.js").write_text("x")
    assert shell_files(str(tmp_path)) == ["css/a.css", "js/b.js"]


@pytest.mark.parametrize(
    ("language", "heading"), [("en", "You are offline"), ("fr", "Vous êtes hors ligne")]
)
def test_offline_page_in_each_language(client, language, heading):
    response = client.get(f"/offline?lang={language}")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert f'<html lang="{language}">' in html
    assert heading in html
    assert response.headers["Cache-Control"] == "no-cache"
    assert re.search(r'<script src="/static/v/[0-9a-f]{12}/js/offline.js"></script>', html)


def test_offline_page_refuses_an_unknown_language(client):
    assert client.get("/offline?lang=de").status_code == 404
    assert '<html lang="en">' in client.get("/offline").get_data(as_text=True)


@pytest.mark.parametrize(
    ("language", "message"),
    [("en", "Offline — data as of {time}"), ("fr", "Hors ligne — données du {time}")],
)
def test_pages_carry_the_hidden_banner_and_register_the_worker(viewer, language, message):
    viewer.post("/language", data={"language": language})
    html = viewer.get("/").get_data(as_text=True)
    banner = BANNER.search(html).group(0)
    assert 'role="status"' in banner
    assert " hidden " in banner
    assert f'data-message="{message}"' in banner
    assert html.count('data-offline-since=""') == 1  # the one mark the worker fills in
    assert re.search(r'src="/static/v/[0-9a-f]{12}/js/offline.js" data-worker="/sw.js"', html)


def test_logout_clears_what_the_browser_keeps(viewer):
    response = viewer.post("/logout")
    assert response.status_code == 302
    assert response.headers["Clear-Site-Data"] == '"cache"'
