"""Browser fixtures: a live server with the demo project and a Chromium that may only talk to it."""

import os
import threading
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from werkzeug.serving import make_server

from config import TestingConfig
from roadmap import create_app
from roadmap.extensions import db
from tests.databases import is_postgresql, temporary_database

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
SCREENSHOTS = Path(__file__).parent / "e2e" / "screenshots"
DEMO_PASSWORDS = {
    "manager": ("manager@roadmap.example", "demo-manager-2026"),
    "viewer": ("donor@roadmap.example", "demo-donor-2026"),
    "admin": ("admin@roadmap.example", "demo-admin-2026"),
    "responsable": ("responsable@roadmap.example", "demo-responsable-2026"),  # works in French
}


@dataclass
class LiveServer:
    url: str
    app: object
    outside_requests: list = field(default_factory=list)


def _config(database_url: str):
    class LiveConfig(TestingConfig):
        SQLALCHEMY_DATABASE_URI = database_url
        WTF_CSRF_ENABLED = True  # the browser goes through CSRF as in production

    return LiveConfig


@pytest.fixture(scope="module")
def live_database(tmp_path_factory):
    """Return a database of the server's own: PostgreSQL when the suite runs on it."""
    base = os.environ.get("TEST_DATABASE_URL")
    if is_postgresql(base):
        with temporary_database(base) as url:
            yield url
    else:
        yield f"sqlite:///{tmp_path_factory.mktemp('live') / 'roadmap.sqlite'}"


@pytest.fixture(scope="module")
def live_server(live_database):
    """Serve the app with a fresh demo database on a free port of 127.0.0.1."""
    from roadmap.demo.seed import DEMO_START, load_demo

    app = create_app(_config(live_database))
    with app.app_context():
        db.create_all()
        load_demo(DEMO_START)
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield LiveServer(url=f"http://127.0.0.1:{server.server_port}", app=app)
    server.shutdown()
    thread.join(timeout=5)
    with app.app_context():
        db.engine.dispose()


@pytest.fixture(scope="module")
def browser():
    """Launch Debian's Chromium; a missing browser fails the test, never skips it."""
    from playwright.sync_api import sync_playwright

    assert os.access(CHROMIUM, os.X_OK), f"Chromium is required at {CHROMIUM}"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


class PageGuard:
    """Abort every request that leaves 127.0.0.1 and collect console errors."""

    def __init__(self, page, base_url):
        self.page = page
        self.base_url = base_url
        self.outside_requests = []
        self.console_errors = []
        page.route("**/*", self._route)
        page.on("console", self._console)
        page.on("pageerror", lambda error: self.console_errors.append(str(error)))

    def _route(self, route):
        url = route.request.url
        if url.startswith(self.base_url) or url.startswith("data:") or url.startswith("blob:"):
            route.continue_()
        else:
            self.outside_requests.append(url)
            route.abort()

    def _console(self, message):
        if message.type == "error":
            self.console_errors.append(message.text)

    def login(self, role="manager"):
        email, password = DEMO_PASSWORDS[role]
        self.page.goto(f"{self.base_url}/login")
        self.page.fill("input[name=email]", email)
        self.page.fill("input[name=password]", password)
        self.page.click("button[type=submit]")
        self.page.wait_for_url(lambda url: "/login" not in url)

    def screenshot(self, name):
        SCREENSHOTS.mkdir(exist_ok=True)
        self.page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


@pytest.fixture
def guarded_page(browser, live_server):
    """Return a PageGuard on a fresh browser context (own cookies), English by default."""
    context = browser.new_context(locale="en-GB", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    guard = PageGuard(page, live_server.url)
    yield guard
    context.close()


def switch_to_french(page) -> None:
    """Press the header's language switch and wait for the page it sends back.

    Waiting for the load state alone can return before the form's navigation has begun.
    """
    with page.expect_navigation():
        page.click("nav button[name=language][value=fr]")
    assert page.locator("html").get_attribute("lang") == "fr"
