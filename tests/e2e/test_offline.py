"""Readable offline in Chromium: with the network cut, the pages and reports seen still open."""

from pathlib import Path

import pytest

from tests.browser import DEMO_PASSWORDS
from tests.e2e.journey_helpers import wait_charts

pytestmark = pytest.mark.e2e

MONTH = "2026-07"
CONTROLLED = "() => navigator.serviceWorker.controller !== null"
KEPT = """
(name) => caches.has(name).then(found => found
  ? caches.open(name).then(cache => cache.keys()).then(keys => keys.map(r => r.url)) : null)
"""
SHELLS = "() => caches.keys().then(names => names.filter(n => n.startsWith('roadmap-shell-')))"


@pytest.fixture(scope="module")
def issued(live_server):
    """The demo's July report, issued by the demo (its charts left out: no Chromium needed)."""
    live_server.app.config["CHROMIUM_PATH"] = "/nonexistent/chromium"
    return MONTH


@pytest.fixture
def context(browser, live_server):
    """Return a fresh context whose pages may only ask the live server (no routing: that
    would bypass the service worker)."""
    context = browser.new_context(locale="en-GB", viewport={"width": 1280, "height": 900})
    context.outside = []
    context.on(
        "request",
        lambda r: (
            None
            if r.url.startswith((live_server.url, "data:", "blob:"))
            else (context.outside.append(r.url))
        ),
    )
    yield context
    context.close()


def wait_until(page, expression: str, timeout_ms: int = 15_000):
    """Wait until a script's promise resolves truthy (wait_for_function takes no promise)."""
    for _ in range(timeout_ms // 100):
        if page.evaluate(expression):
            return
        page.wait_for_timeout(100)
    raise AssertionError(f"never true: {expression}")


def log_in(page, url, role):
    email, password = DEMO_PASSWORDS[role]
    page.goto(f"{url}/login")
    # The worker installs on the first page (the login), while the reader types.
    page.wait_for_function(CONTROLLED)
    page.fill("input[name=email]", email)
    page.fill("input[name=password]", password)
    page.click("button[type=submit]")
    page.wait_for_url(lambda address: "/login" not in address)
    page.wait_for_function(CONTROLLED)


def test_pages_and_reports_seen_open_offline(context, live_server, issued):
    page = context.new_page()
    url = live_server.url
    log_in(page, url, "manager")
    page.goto(f"{url}/")
    wait_charts(page)
    page.goto(f"{url}/gantt")
    page.wait_for_selector("#gantt[data-drawn='true']")
    page.goto(f"{url}/reports/{issued}")
    with page.expect_download() as online:
        page.click(f"a[href='/reports/{issued}.pdf']")
    online_pdf = Path(online.value.path()).read_bytes()
    assert online_pdf.startswith(b"%PDF")
    # Copies are kept once their answer has all arrived, just after the page has it.
    kept = f"({KEPT})('roadmap-reports').then(urls => urls && urls.join())"
    wait_until(page, f"{kept}.then(urls => urls === '{url}/reports/{issued}.pdf')")
    wait_until(page, f"({KEPT})('roadmap-pages').then(urls => urls && urls.length === 2)")

    context.set_offline(True)
    for path, chart in (("/", ".js-plotly"), ("/gantt", "#gantt")):
        page.goto(url + path)
        banner = page.get_by_role("status").filter(has_text="Offline — data as of")
        assert banner.is_visible(), path
        page.wait_for_selector(f"{chart}[data-drawn='true']")
        assert page.locator("nav").is_visible()

    page.goto(f"{url}/posts")  # never opened: the worker's offline page
    assert page.get_by_role("heading", name="You are offline").is_visible()
    with page.expect_download() as offline:
        page.get_by_role("link", name=f"Report {issued} (PDF)").click()
    assert Path(offline.value.path()).read_bytes() == online_pdf
    assert page.get_by_role("link", name="Dashboard").is_visible()

    page.goto(f"{url}/")
    page.fill("#as_of", "2026-08-01")
    page.click("#as-of-form button[type=submit]")
    note = page.locator("#as-of-form .offline-note")
    assert note.inner_text() == (
        "This needs a connection: nothing was sent, and what you typed is still here."
    )
    assert note.get_attribute("role") == "alert"
    assert page.input_value("#as_of") == "2026-08-01"
    assert page.url == f"{url}/"

    # The browser thinks it is online, but the link is down: the worker keeps the page.
    page.evaluate("Object.defineProperty(navigator, 'onLine', {get: () => true})")
    page.click("nav button[name=language][value=fr]")
    page.wait_for_selector("nav form .offline-note")
    assert page.locator("html").get_attribute("lang") == "en"

    context.set_offline(False)
    page.goto(f"{url}/")
    page.click("nav form[action='/logout'] button")
    page.wait_for_url(f"{url}/login")
    page.wait_for_function(CONTROLLED)
    assert page.evaluate(KEPT, "roadmap-pages") in (None, [])
    assert page.evaluate(KEPT, "roadmap-reports") in (None, [])
    assert len(page.evaluate(SHELLS)) == 1  # the shell holds no project data: it stays
    assert context.outside == []


def test_french_reader_sees_the_banner_and_offline_page_in_french(context, live_server):
    page = context.new_page()
    url = live_server.url
    log_in(page, url, "responsable")
    page.goto(f"{url}/")
    wait_charts(page)
    assert page.locator("html").get_attribute("lang") == "fr"
    context.set_offline(True)
    page.goto(f"{url}/")
    banner = page.locator("#offline-banner")
    assert banner.get_attribute("role") == "status"
    assert banner.inner_text().startswith("Hors ligne — données du ")
    page.goto(f"{url}/workshops")
    assert page.locator("html").get_attribute("lang") == "fr"
    assert page.get_by_role("heading", name="Vous êtes hors ligne").is_visible()
    assert context.outside == []


def test_a_release_replaces_the_shell_and_the_pages_kept_with_it(context, live_server, monkeypatch):
    from roadmap.offline import views

    page = context.new_page()
    url = live_server.url
    log_in(page, url, "viewer")
    page.goto(f"{url}/gantt")
    page.wait_for_selector("#gantt[data-drawn='true']")
    [old] = page.evaluate(SHELLS)
    with live_server.app.app_context():
        released = dict(views.worker_config(), version="0123456789ab")
    monkeypatch.setattr(views, "worker_config", lambda: released)
    page.evaluate("navigator.serviceWorker.getRegistration().then(r => r.update())")
    wait_until(page, f"({SHELLS})().then(names => names.join() === 'roadmap-shell-0123456789ab')")
    assert old != "roadmap-shell-0123456789ab"
    # The pages kept named the old shell's files: they go with it.
    wait_until(page, "caches.has('roadmap-pages').then(found => !found)")


SHELL_KEPT = """
() => caches.keys().then(names => names.find(n => n.startsWith('roadmap-shell-')))
  .then(name => name ? caches.open(name).then(c => c.keys()).then(k => k.map(r => r.url)) : [])
"""


def test_the_plotly_bundle_a_page_used_is_kept_not_the_others(browser, context, live_server):
    page = context.new_page()
    url = live_server.url
    log_in(page, url, "viewer")
    # The same login in a context with no worker: its first page is one no worker serves.
    fresh = browser.new_context(storage_state=context.storage_state())
    try:
        page = fresh.new_page()
        page.goto(f"{url}/gantt")  # the page tells the worker it registers what it used
        page.wait_for_selector("#gantt[data-drawn='true']")
        wait_until(page, f"({SHELL_KEPT})().then(urls => urls.some(u => /plotly-basic/.test(u)))")
        kept = page.evaluate(SHELL_KEPT)
    finally:
        fresh.close()
    assert any(u.endswith("/js/gantt.js") for u in kept), kept
    assert not [u for u in kept if "plotly-geo" in u or "/topojson/" in u]


HANG_S = 30  # longer than the test waits: the answer never comes in time


def test_a_link_that_hangs_shows_the_kept_page_after_a_while(context, live_server, monkeypatch):
    """The network answers nothing at all (neither page nor error): the kept Gantt opens."""
    import threading
    import time

    monkeypatch.setitem(live_server.app.config, "ROADMAP_OFFLINE_PATIENCE_MS", 1500)
    page = context.new_page()
    url = live_server.url
    log_in(page, url, "manager")
    page.goto(f"{url}/gantt")
    page.wait_for_selector("#gantt[data-drawn='true']")
    gantt_kept = f"urls => urls && urls.includes('{url}/gantt')"
    wait_until(page, f"({KEPT})('roadmap-pages').then({gantt_kept})")

    released = threading.Event()
    gantt = live_server.app.view_functions["schedule.gantt"]

    def hanging(*args, **kwargs):
        released.wait(HANG_S)
        return gantt(*args, **kwargs)

    monkeypatch.setitem(live_server.app.view_functions, "schedule.gantt", hanging)
    try:
        started = time.monotonic()
        page.goto(f"{url}/gantt", timeout=15_000)
        waited = time.monotonic() - started
        banner = page.get_by_role("status").filter(has_text="Offline — data as of")
        assert banner.is_visible()
        page.wait_for_selector("#gantt[data-drawn='true']")
        assert 1.5 <= waited < 10, waited
    finally:
        released.set()
    # Another page than the two kept has no copy: it waits for its answer as before.
    page.goto(f"{url}/posts")
    assert page.get_by_role("heading", name="Border posts").is_visible()
