"""Resident memory of each gunicorn worker after 1,000 mixed requests at scale size.

Run: .venv/bin/python benchmarks/memory.py [DATABASE_FILE] [--requests N]
Without a file, a temporary SQLite database is seeded with `flask seed-scale`
(5,000 milestones, 1,000 posts, 50 workshops, 36 months; about half a minute); with
one, that database is used (and seeded first if the file does not exist yet).

Gunicorn runs as `make run` runs it (2 workers, sync, development settings, no
access log), on a free local port. One client logs in as the manager and sends the
requests from two threads, round-robin over pages, API lists and the CSV export;
then the script reads each worker's VmRSS (and VmHWM, its peak) from
/proc/<pid>/status. Chromium is not asked for (no PDF here) and would not count.

Target (issue 10): a worker stays under 150 MB resident after 1,000 mixed requests.
"""

import http.cookiejar
import os
import re
import signal
import socket
import subprocess  # nosec B404 - runs our own gunicorn
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.scale_db import ROOT, scale_database  # noqa: E402

TARGET_MB = 150
REQUESTS = 1000
THREADS = 2
MANAGER = ("manager@roadmap.example", "demo-manager-2026")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def status_mb(pid: int) -> dict:
    """Return {VmRSS, VmHWM} of a process in MB."""
    found = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        name, _colon, value = line.partition(":")
        if name in ("VmRSS", "VmHWM"):
            found[name] = int(value.split()[0]) / 1024
    return found


def workers(master: int) -> list[int]:
    """Return the pids of the gunicorn master's children."""
    children = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                text = (entry / "status").read_text()
            except OSError:
                continue
            if re.search(rf"^PPid:\s+{master}$", text, re.MULTILINE):
                children.append(int(entry.name))
    return sorted(children)


class Client:
    """A logged-in browser session (cookies kept), on the standard library alone."""

    def __init__(self, base: str):
        self.base = base
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
        )

    def get(self, path: str) -> tuple[int, bytes]:
        try:
            with self.opener.open(self.base + path, timeout=120) as response:  # nosec B310
                return response.status, response.read()
        except urllib.error.HTTPError as error:
            return error.code, error.read()

    def login(self, email: str, password: str) -> None:
        _status, page = self.get("/login")
        token = re.search(rb'name="csrf_token"[^>]*value="([^"]+)"', page)
        form = {
            "email": email,
            "password": password,
            "csrf_token": token.group(1).decode() if token else "",
        }
        request = urllib.request.Request(
            self.base + "/login", data=urllib.parse.urlencode(form).encode(), method="POST"
        )
        with self.opener.open(request, timeout=60) as response:  # nosec B310
            if response.url.rstrip("/").endswith("/login"):
                raise SystemExit("could not log in as the manager")


def paths(client: Client) -> list[str]:
    """Return the mix: pages, a report page, API lists and the CSV export."""
    _status, listing = client.get("/api/v1/workshops")
    workshop = re.search(rb'"id":\s*(\d+)', listing)
    _status, reports = client.get("/reports")
    months = re.findall(rb'href="/reports/(\d{4}-\d{2})"', reports)
    mix = [
        "/",
        "/gantt",
        "/milestones",
        "/posts",
        "/posts/map",
        "/workshops",
        "/api/v1/milestones",
        "/api/v1/posts",
        "/api/v1/workshops",
        "/api/v1/outcomes",
        "/posts.csv",
        "/reports",
    ]
    if workshop:
        mix.append(f"/workshops/{workshop.group(1).decode()}")
    if months:
        mix.append(f"/reports/{months[len(months) // 2].decode()}")
    return mix


def hammer(client: Client, mix: list[str], total: int) -> dict:
    """Send total requests round-robin from THREADS threads; return {status: count}."""
    counts: dict = {}
    lock = threading.Lock()
    sent = iter(range(total))

    def work():
        for n in sent:
            status, _body = client.get(mix[n % len(mix)])
            with lock:
                counts[status] = counts.get(status, 0) + 1

    threads = [threading.Thread(target=work) for _ in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return counts


def main(argv):
    total = REQUESTS
    if "--requests" in argv:
        total = int(argv[argv.index("--requests") + 1])
    files = [arg for arg in argv if not arg.startswith("--") and not arg.isdigit()]
    with tempfile.TemporaryDirectory() as scratch:
        url = scale_database(Path(files[0]) if files else Path(scratch) / "scale.sqlite")
        port = free_port()
        env = {**os.environ, "DATABASE_URL": url, "ROADMAP_ENV": "development"}
        server = subprocess.Popen(  # nosec B603 - our own gunicorn, as `make run` starts it
            [
                str(ROOT / ".venv" / "bin" / "gunicorn"),
                "--workers",
                "2",
                "--bind",
                f"127.0.0.1:{port}",
                "wsgi:app",
            ],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            client = Client(f"http://127.0.0.1:{port}")
            for _ in range(100):
                try:
                    client.get("/healthz")
                    break
                except OSError:
                    time.sleep(0.2)
            started = {pid: status_mb(pid) for pid in workers(server.pid)}
            client.login(*MANAGER)
            mix = paths(client)
            began = time.perf_counter()
            counts = hammer(client, mix, total)
            took = time.perf_counter() - began
            print(f"{total} requests over {len(mix)} paths in {took:.0f} s; statuses {counts}")
            print("paths: " + " ".join(mix))
            worst = 0.0
            for pid in workers(server.pid):
                now = status_mb(pid)
                before = started.get(pid, {}).get("VmRSS", float("nan"))
                worst = max(worst, now["VmRSS"])
                print(
                    f"worker {pid}: resident {now['VmRSS']:6.1f} MB (peak {now['VmHWM']:6.1f},"
                    f" at start {before:6.1f})"
                )
            verdict = "ok" if worst < TARGET_MB else "MISSED"
            print(
                f"{'largest worker after the requests':<44} {worst:6.1f} MB"
                f"   target < {TARGET_MB} MB  {verdict}"
            )
        finally:
            server.send_signal(signal.SIGTERM)
            server.wait(timeout=30)


if __name__ == "__main__":
    main(sys.argv[1:])
