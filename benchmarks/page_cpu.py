"""CPU time of every page at scale size, in one process: what latency.sh's wrk runs queue behind.

Run: .venv/bin/python benchmarks/page_cpu.py [SCALE_DB] [rounds=5]
SCALE_DB, a scale database to reuse (copied, never changed), made by benchmarks/scale_db.py when
missing; without it one is generated in a scratch folder (about 20 s). Pages and records are
latency.sh's (latency_targets.py).

CPU time (time.process_time) counts this process's own work -- Python, SQLite, compression --
and not the time other programs take the cores from it, so it holds still on a busy machine
where wrk's percentiles do not. Per page: "first", the first request of the page in this process
(templates compiled, caches empty); "first visit", a new address each time (no kept page
answers, data caches hold), best of the rounds; "repeat", the same address again, best of the
rounds. Budget: wrk runs 4 connections on 2 workers, so a request waits for about one other;
a page costing more than half of the 250 ms target cannot meet it even on an idle machine.
"""

import os
import shutil
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
ROOT = Path(__file__).resolve().parents[1]
ACCOUNTS = {
    "viewer": ("donor@roadmap.example", "demo-donor-2026"),
    "manager": ("manager@roadmap.example", "demo-manager-2026"),
}
HEADERS = {"Accept-Encoding": "gzip, deflate, br"}  # a browser's, as latency.sh sends
BUDGET_MS = 125


def cpu_ms(client, path: str) -> float:
    """Return the CPU milliseconds of one GET, checking it answers 200."""
    started = time.process_time()
    response = client.get(path, headers=HEADERS)
    spent = (time.process_time() - started) * 1000
    assert response.status_code == 200, (path, response.status_code)
    return spent


def with_query(path: str, name: str) -> str:
    return f"{path}{'&' if '?' in path else '?'}nocache={name}"


def main(source: Path | None, rounds: int) -> None:
    from latency_targets import pages, targets
    from scale_db import scale_database

    work = Path(tempfile.mkdtemp())
    try:
        copy = work / "scale.sqlite"
        if source is None:
            scale_database(copy, quiet=False)
        else:
            scale_database(source, quiet=False)
            shutil.copy(source, copy)
        os.environ.update(ROADMAP_ENV="development", DATABASE_URL=f"sqlite:///{copy}")
        sys.path.insert(0, str(ROOT))
        os.chdir(ROOT)
        from wsgi import app

        app.config["WTF_CSRF_ENABLED"] = False  # logging in by form post, in process
        clients = {"feed": app.test_client()}
        for who, (email, password) in ACCOUNTS.items():
            clients[who] = app.test_client()
            answer = clients[who].post("/login", data={"email": email, "password": password})
            assert answer.status_code == 302, f"login of {email} failed"
        print(f"CPU ms per request, this process alone; first visit and repeat: best of {rounds}")
        print(
            f"{'who':8} {'path':34} {'first':>7} {'first visit':>12} {'repeat':>7}  "
            f"budget {BUDGET_MS}"
        )
        listed = pages(targets(str(copy), date.today()))
        over = 0
        for who, path in listed:
            client = clients[who]
            first = cpu_ms(client, path)
            visits = min(cpu_ms(client, with_query(path, n)) for n in range(rounds))
            repeat = min(cpu_ms(client, path) for _ in range(rounds))
            verdict = "within" if visits <= BUDGET_MS else "OVER"
            over += verdict == "OVER"
            shown = path.split("token=")[0] + ("token=…" if "token=" in path else "")
            print(f"{who:8} {shown:34} {first:7.1f} {visits:12.1f} {repeat:7.1f}  {verdict}")
        print(f"first visits within {BUDGET_MS} ms of CPU: {len(listed) - over} of {len(listed)}")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main(
        Path(sys.argv[1]) if len(sys.argv) > 1 else None,
        int(sys.argv[2]) if len(sys.argv) > 2 else 5,
    )
