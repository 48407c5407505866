"""Bytes a browser transfers for the dashboard, the Gantt and the map: first and repeat visit.

Run: .venv/bin/python benchmarks/page_weight.py   (needs Debian's Chromium at /usr/bin/chromium
or CHROMIUM_PATH, and the built assets: `make assets`). It serves the demo project with
gunicorn from a temporary SQLite database on a free port of 127.0.0.1, logs in through
Chromium (Playwright), then opens each page in a fresh browser context (empty cache, logged
in) and opens it again in the same tab, then in a new tab of the same context (no memory
cache there: the disk cache answers, as on a visit the next day). Every response is counted by the encoded bytes
Chromium reports for it (headers and body as they crossed the wire: compressed bodies count
compressed; a memory or disk cache hit counts 0). 1 KB = 1,000 bytes.

Options: --pages / /gantt  (default: / /gantt /posts/map), --quiet (totals only).
"""

import argparse
import os
import re
import shutil
import socket
import subprocess  # nosec B404 - starts our own server and CLI, no shell
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

# The browser tests' Chromium and launch flags: one list for both.
from tests.browser import CHROMIUM, CHROMIUM_ARGS  # noqa: E402

BIN = ROOT / ".venv" / "bin"
TARGETS = {"/": (600_000, 30_000)}  # first visit, repeat visit (bytes)
PAGES = ("/", "/gantt", "/posts/map")


@dataclass
class Resource:
    url: str
    status: int = 0
    source: str = "network"  # network, memory cache, disk cache
    encoding: str = ""
    encoded: int = 0


@dataclass
class Visit:
    resources: dict = field(default_factory=dict)

    @property
    def total(self) -> int:
        return sum(r.encoded for r in self.resources.values())


class Recorder:
    """Collect each response's encoded length from the Chrome DevTools Protocol."""

    def __init__(self, context, page):
        self.cdp = context.new_cdp_session(page)
        self.visit = Visit()
        self.cdp.send("Network.enable")
        self.cdp.send("Network.setCacheDisabled", {"cacheDisabled": False})
        self.cdp.on("Network.requestWillBeSent", self._sent)
        self.cdp.on("Network.requestServedFromCache", self._from_cache)
        self.cdp.on("Network.responseReceived", self._received)
        self.cdp.on("Network.responseReceivedExtraInfo", self._wire_status)
        self.cdp.on("Network.loadingFinished", self._finished)

    def start(self) -> Visit:
        self.visit = Visit()
        return self.visit

    def _resource(self, event) -> Resource | None:
        return self.visit.resources.get(event["requestId"])

    def _sent(self, event):
        url = event["request"]["url"]
        if url.startswith("http"):
            self.visit.resources[event["requestId"]] = Resource(url)

    def _from_cache(self, event):
        if resource := self._resource(event):
            resource.source = "memory cache"

    def _received(self, event):
        if resource := self._resource(event):
            response = event["response"]
            resource.status = resource.status or response["status"]
            if response.get("fromDiskCache"):
                resource.source = "disk cache"
            headers = {k.lower(): v for k, v in response.get("headers", {}).items()}
            resource.encoding = headers.get("content-encoding", "")

    def _wire_status(self, event):
        # The status as sent (a revalidated page reaches the page as 200, crossed as 304).
        if resource := self._resource(event):
            resource.status = event["statusCode"]

    def _finished(self, event):
        if resource := self._resource(event):
            cached = resource.source != "network"
            resource.encoded = 0 if cached else int(event["encodedDataLength"])


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(work: Path):
    """Seed the demo into a fresh SQLite database and serve it; return (process, url, login)."""
    env = {
        **os.environ,
        "ROADMAP_ENV": "development",
        "DATABASE_URL": f"sqlite:///{work / 'weight.sqlite'}",
        "CHROMIUM_PATH": CHROMIUM,
    }
    flask = [str(BIN / "flask"), "--app", "wsgi"]
    subprocess.run([*flask, "db", "upgrade"], cwd=ROOT, env=env, check=True, capture_output=True)  # nosec B603
    seeded = subprocess.run(  # nosec B603
        [*flask, "seed-demo"], cwd=ROOT, env=env, check=True, capture_output=True, text=True
    ).stdout
    email, password = re.search(r"^\s+(\S+) / (\S+) / manager$", seeded, re.M).groups()
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    log = open(work / "gunicorn.log", "w")  # noqa: SIM115 - closed with the process
    server = subprocess.Popen(  # nosec B603
        [
            str(BIN / "gunicorn"),
            "--workers",
            "2",
            "--bind",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
            "wsgi:app",
        ],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    for _ in range(200):
        try:
            with urllib.request.urlopen(f"{url}/healthz", timeout=1):  # nosec B310 - loopback
                break
        except OSError:
            time.sleep(0.1)
    else:
        server.terminate()
        sys.exit(f"gunicorn did not start; see {work / 'gunicorn.log'}")
    return server, url, (email, password)


def log_in(browser, url, account) -> dict:
    """Log in once and return the cookies, so each measured context starts logged in."""
    context = browser.new_context()
    page = context.new_page()
    page.goto(f"{url}/login")
    page.fill("input[name=email]", account[0])
    page.fill("input[name=password]", account[1])
    page.click("button[type=submit]")
    page.wait_for_url(lambda current: "/login" not in current)
    state = context.storage_state()
    context.close()
    return state


def open_page(page, url):
    page.goto(url, wait_until="networkidle")
    # Every chart drawn, so lazily fetched files (map outlines) are counted too.
    # (a selector, not a JS predicate: the pages' CSP forbids eval)
    page.wait_for_selector(".js-plotly:not([data-drawn=true])", state="detached", timeout=30_000)
    page.wait_for_load_state("networkidle")


def measure(browser, base, state, paths):
    """Open the paths in one fresh context, then the first again in the same tab and in a new
    tab (whose memory cache is empty: what a visit the next day costs); return the visits."""
    context = browser.new_context(storage_state=state, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    recorder = Recorder(context, page)
    visits = []
    for path in [*paths, paths[0]]:
        visit = recorder.start()
        open_page(page, base + path)
        visits.append(visit)
    tab = context.new_page()
    tab_recorder = Recorder(context, tab)
    visits.append(tab_recorder.start())
    open_page(tab, base + paths[0])
    context.close()
    return visits


def kb(n: int) -> str:
    return f"{n / 1000:,.1f} KB"


def show(title: str, visit: Visit, base: str, quiet: bool):
    print(f"  {title}: {kb(visit.total)}")
    if quiet:
        return
    for r in sorted(visit.resources.values(), key=lambda r: -r.encoded):
        where = r.source if r.source != "network" else (r.encoding or "identity")
        print(f"      {r.encoded:>9,d} B  {r.status:>3}  {where:<12}  {r.url.removeprefix(base)}")


def verdict(value: int, limit: int) -> str:
    return f"(target <= {kb(limit)}: {'met' if value <= limit else 'MISSED'})"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", nargs="+", default=list(PAGES))
    parser.add_argument("--quiet", action="store_true")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    work = Path(tempfile.mkdtemp(prefix="page-weight-"))
    server, base, account = start_server(work)
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            state = log_in(browser, base, account)
            summary = []
            for path in args.pages:
                first, repeat, tab = measure(browser, base, state, [path])
                print(f"{path}")
                show("first visit (empty cache)", first, base, args.quiet)
                show("repeat visit (same context, same tab)", repeat, base, args.quiet)
                show("repeat visit in a new tab (disk cache)", tab, base, args.quiet)
                summary.append((path, first.total, repeat.total, tab.total))
            if len(args.pages) > 1:
                visits = measure(browser, base, state, args.pages)
                session = sum(v.total for v in visits[:-2])
                print(f"one session, {' then '.join(args.pages)}: {kb(session)}")
            browser.close()
    finally:
        server.terminate()
        server.wait(timeout=30)
        shutil.rmtree(work, ignore_errors=True)

    print("\nSummary (encoded bytes over the wire, 1 KB = 1,000 bytes)")
    for path, first, repeat, tab in summary:
        targets = TARGETS.get(path)
        first_note = verdict(first, targets[0]) if targets else ""
        repeat_note = verdict(repeat, targets[1]) if targets else ""
        print(f"  {path:<12} first visit             {kb(first):>12}  {first_note}")
        print(f"  {'':<12} repeat visit            {kb(repeat):>12}  {repeat_note}")
        print(f"  {'':<12} repeat visit, new tab   {kb(tab):>12}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
