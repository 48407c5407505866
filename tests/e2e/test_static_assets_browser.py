"""Every chart page draws with its own plotly.js bundle, fetched once from hashed, compressed files."""

import pytest
from sqlalchemy import select

from roadmap.extensions import db
from roadmap.workshops.models import Workshop
from tests.browser import DEMO_PASSWORDS, switch_to_french

pytestmark = pytest.mark.e2e

CHART_PAGES = {
    "/": "geo",
    "/gantt": "basic",
    "/posts": "basic",
    "/posts/map": "geo",
    "/reports/2026-07": "geo",
}


def draw(page, url):
    page.goto(url)
    page.wait_for_selector(".js-plotly")
    page.wait_for_selector(".js-plotly:not([data-drawn=true])", state="detached")
    charts = page.locator(".js-plotly").count()
    assert page.locator(".js-plotly .main-svg").count() >= charts, url


@pytest.mark.parametrize("language", ["en", "fr"])
def test_chart_pages_draw_from_hashed_compressed_files(guarded_page, live_server, language):
    with live_server.app.app_context():
        workshop = db.session.scalars(select(Workshop.id)).first()
    pages = {**CHART_PAGES, f"/workshops/{workshop}": "basic"}
    page = guarded_page.page
    responses = []
    page.on("response", lambda response: responses.append(response))
    guarded_page.login("viewer")
    if language == "fr":
        switch_to_french(page)
    for path, bundle in pages.items():
        del responses[:]
        draw(page, live_server.url + path)
        scripts = [r.url for r in responses if "/vendor/plotly/plotly-" in r.url]
        assert [url.rsplit("/", 1)[1] for url in scripts] == [f"plotly-{bundle}.min.js"], path
        for response in (r for r in responses if "/static/" in r.url):
            assert "/static/v/" in response.url
            assert "immutable" in response.headers["cache-control"], response.url
    assert guarded_page.outside_requests == []
    assert guarded_page.console_errors == []


def test_a_second_visit_asks_the_server_for_no_static_file(browser, live_server, caplog):
    # Not the guarded page: intercepting requests turns Chromium's cache off.
    context = browser.new_context()
    page = context.new_page()
    email, password = DEMO_PASSWORDS["viewer"]
    page.goto(f"{live_server.url}/login")
    page.fill("input[name=email]", email)
    page.fill("input[name=password]", password)
    page.click("button[type=submit]")
    page.wait_for_url(lambda url: "/login" not in url)
    draw(page, f"{live_server.url}/posts/map")
    # The service worker's first install fetches the shell: let it finish before counting.
    page.evaluate("navigator.serviceWorker.ready.then(() => true)")
    caplog.clear()
    draw(page, f"{live_server.url}/posts/map")
    draw(page, f"{live_server.url}/")  # the same bundle and outlines as the map page
    tab = context.new_page()  # no memory cache: the disk cache answers
    draw(tab, f"{live_server.url}/posts/map")
    context.close()
    asked = [r.getMessage() for r in caplog.records if "GET /static/" in r.getMessage()]
    assert asked == []
    assert sum("GET /posts/map" in r.getMessage() for r in caplog.records) == 2
