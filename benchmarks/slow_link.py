"""First chart, interactivity and bytes on a Sahel field link: 1 Mbit/s, 300 ms, empty cache.

Run: .venv/bin/python benchmarks/slow_link.py   (needs Debian's Chromium at /usr/bin/chromium
or CHROMIUM_PATH, and the built assets: `make assets`). By default it seeds the demo project
into a temporary SQLite database and serves it with gunicorn (two workers, the development
settings, so charts get their server-drawn first paint) on a free port of 127.0.0.1; with
`--url http://host:port --account EMAIL PASSWORD` it measures a server already running.

It opens each page once unthrottled (so the server's cache holds the page and its
charts' SVG, as after anyone's first visit; the time that took is printed as "server
warm-up"), then, in a fresh logged-in browser context (empty cache) under Chromium's
network emulation (Network.emulateNetworkConditions: 1 Mbit/s down, 512 kbit/s up,
300 ms latency), opens the page and prints:

  bytes        every response's encoded length (headers and compressed body) until the
               page is interactive; "before chart" counts those received by the first chart
  requests     requests made until then
  first chart  ms from navigation to the first frame showing a visible, drawn <svg> chart
               at least 300 px wide (the inline first paint, or plotly.js's)
  interactive  ms until every chart on the page is drawn by plotly.js (hover and zoom)
  repeat       first chart of the same page in a new tab of the same context (its disk cache)

Targets (issue 20): first chart <= 1,500 ms, interactive <= 5,000 ms, bytes before the
first chart <= 120 KB, repeat <= 800 ms. 1 KB = 1,000 bytes.
Options: --pages / /gantt ...  --runs N (each page measured N times)  --url, --account.
"""

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from page_weight import log_in, start_server  # noqa: E402

from tests.browser import CHROMIUM, CHROMIUM_ARGS  # noqa: E402

PAGES = ("/", "/gantt", "/posts/map", "/reports/2026-08", "/workshops/1")
LINK = {
    "offline": False,
    "latency": 300,  # ms added to every request
    "downloadThroughput": 1_000_000 / 8,  # bytes a second
    "uploadThroughput": 512_000 / 8,
}
TARGETS = {"first": 1500, "interactive": 5000, "before": 120_000, "repeat": 800}
TIMEOUT = 60_000  # ms

# Runs in every page before its own scripts: notes when the first chart is on screen and
# when plotly.js has drawn every chart (charts.js sets data-drawn).
WATCH = """
(() => {
  const seen = window.__slowLink = { first: null, interactive: null };
  const drawn = (svg) => {
    const box = svg.getBoundingClientRect();
    // Visible (shown, not hidden), though perhaps below the fold as on the dashboard.
    if (box.width < 300 || box.height < 100 || getComputedStyle(svg).visibility === "hidden") {
      return false;
    }
    return svg.querySelectorAll("path, rect").length >= 3 && svg.querySelector("text") !== null;
  };
  const look = () => {
    if (seen.first === null && [...document.querySelectorAll("svg")].some(drawn)) {
      requestAnimationFrame(() => { if (seen.first === null) seen.first = performance.now(); });
    }
    const charts = document.querySelectorAll(".js-plotly");
    if (seen.interactive === null && document.readyState !== "loading" && charts.length &&
        [...charts].every((c) => c.dataset.drawn === "true")) {
      seen.interactive = performance.now();
    }
  };
  new MutationObserver(look).observe(document, { childList: true, subtree: true, attributes: true });
  document.addEventListener("DOMContentLoaded", look);
})();
"""


@dataclass
class Load:
    finished: dict = field(default_factory=dict)  # request id: (time, encoded bytes)
    # request id: [(time, encoded bytes, decoded bytes)]
    received: dict = field(default_factory=dict)
    started: float | None = None  # the document's request, CDP monotonic seconds
    requests: int = 0

    def total(self) -> int:
        return sum(size for _time, size in self.finished.values())

    def before(self, seconds: float) -> int:
        """Return the bytes received within `seconds` of the navigation."""
        limit = (self.started or 0) + seconds
        count = 0
        for request, chunks in self.received.items():
            done = self.finished.get(request)
            if done and done[0] <= limit:
                count += done[1]
            elif done and chunks and not any(encoded for _at, encoded, _size in chunks):
                # A page's own chunks carry no encoded length (Chromium reports 0): its
                # share of the decoded bytes by then, of its encoded total.
                decoded = sum(size for _at, _encoded, size in chunks)
                early = sum(size for at, _encoded, size in chunks if at <= limit)
                count += round(done[1] * early / decoded) if decoded else 0
            else:
                count += sum(encoded for at, encoded, _size in chunks if at <= limit)
        return count


def recorder(context, page) -> callable:
    """Emulate the link on the page's tab and return a function that starts a new Load."""
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.emulateNetworkConditions", LINK)
    current = {"load": Load()}

    def sent(event):
        load = current["load"]
        if event["request"]["url"].startswith("http"):
            load.requests += 1
            if load.started is None and event.get("type") == "Document":
                load.started = event["timestamp"]

    def received(event):
        chunks = current["load"].received.setdefault(event["requestId"], [])
        chunks.append(
            (event["timestamp"], int(event.get("encodedDataLength", 0)), int(event["dataLength"]))
        )

    def finished(event):
        load = current["load"]
        load.finished[event["requestId"]] = (event["timestamp"], int(event["encodedDataLength"]))
        load.received.setdefault(event["requestId"], [])

    cdp.on("Network.requestWillBeSent", sent)
    cdp.on("Network.dataReceived", received)
    cdp.on("Network.loadingFinished", finished)

    def start() -> Load:
        current["load"] = Load()
        return current["load"]

    return start


def visit(page, start, url) -> tuple[Load, dict]:
    """Open url and return its load and the page's times (ms) once it is interactive."""
    load = start()
    page.goto(url, wait_until="load", timeout=TIMEOUT)
    page.wait_for_function(
        "window.__slowLink && window.__slowLink.first !== null && "
        "window.__slowLink.interactive !== null",
        timeout=TIMEOUT,
        polling=100,
    )
    page.wait_for_load_state("networkidle", timeout=TIMEOUT)
    return load, page.evaluate("window.__slowLink")


def measure(browser, state, url) -> dict:
    """Measure one page: first visit with an empty cache, then a repeat in a new tab."""
    context = browser.new_context(
        storage_state=state, viewport={"width": 1280, "height": 900}, bypass_csp=True
    )
    context.add_init_script(WATCH)
    page = context.new_page()
    load, seen = visit(page, recorder(context, page), url)
    tab = context.new_page()
    _again, repeat = visit(tab, recorder(context, tab), url)
    context.close()
    return {
        "bytes": load.total(),
        "before": load.before(seen["first"] / 1000),
        "requests": load.requests,
        "first": seen["first"],
        "interactive": seen["interactive"],
        "repeat": repeat["first"],
    }


def warm(browser, state, url) -> float:
    """Open the page on an unthrottled link; return the seconds the first opening took.

    Four times: each gunicorn worker keeps its own cache (no ROADMAP_CACHE_URL).
    """
    times = []
    for _ in range(4):
        context = browser.new_context(storage_state=state, bypass_csp=True)  # no 304
        began = time.perf_counter()
        context.new_page().goto(url, wait_until="domcontentloaded", timeout=TIMEOUT * 2)
        times.append(time.perf_counter() - began)
        context.close()
    return times[0]


def mark(value, key) -> str:
    return "" if value <= TARGETS[key] else " !"


def report(path: str, runs: list[dict]) -> None:
    median = {key: statistics.median(run[key] for run in runs) for key in runs[0]}
    print(
        f"{path:<18} {median['bytes'] / 1000:>8.1f} {median['before'] / 1000:>8.1f}"
        f"{mark(median['before'], 'before'):2} {median['requests']:>4.0f}"
        f" {median['first']:>8.0f}{mark(median['first'], 'first'):2}"
        f" {median['interactive']:>8.0f}{mark(median['interactive'], 'interactive'):2}"
        f" {median['repeat']:>7.0f}{mark(median['repeat'], 'repeat'):2}"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", nargs="+", default=list(PAGES))
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--url", help="a running server (default: start one on the demo)")
    parser.add_argument("--account", nargs=2, metavar=("EMAIL", "PASSWORD"))
    args = parser.parse_args()
    if args.url and not args.account:
        parser.error("--url needs --account EMAIL PASSWORD")
    from playwright.sync_api import sync_playwright

    work = server = None
    if args.url:
        base, account = args.url.rstrip("/"), tuple(args.account)
    else:
        work = Path(tempfile.mkdtemp(prefix="slow-link-"))
        server, base, account = start_server(work)
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            state = log_in(browser, base, account)
            for path in args.pages:
                print(f"server warm-up {path}: {warm(browser, state, base + path):.2f} s")
            print(f"\n1 Mbit/s down, 512 kbit/s up, 300 ms; median of {args.runs} run(s)")
            print("page                   bytes   before  req    first   interactive  repeat")
            print("                        (KB)     (KB)          (ms)        (ms)     (ms)")
            for path in args.pages:
                report(path, [measure(browser, state, base + path) for _ in range(args.runs)])
            print("\n! marks a target missed:", ", ".join(f"{k} {v:,}" for k, v in TARGETS.items()))
            browser.close()
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=30)
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
