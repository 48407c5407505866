"""How long downloading an issued monthly report takes (its stored PDF or XLSX), and a 304.

Run: .venv/bin/python benchmarks/report_download.py [requests=200]
Loads the demo project into a temporary SQLite file, issues the July 2026 report
(PDF and XLSX in English and French, charts drawn by Chromium when it is installed),
then downloads the files through the app as a logged-in viewer, in-process with
Flask's test client: the whole request (session, login check, the stored file read
from the database, headers) without the network. Each line gives the median, the
95th percentile and the best of the requests in wall-clock milliseconds, and the mean
CPU time of this process per request; the machine is shared, so the median is the
figure compared with the target.

Target (issue 10): an issued report's download <= 20 ms.
"""

import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import select  # noqa: E402

from config import TestingConfig  # noqa: E402
from roadmap import create_app  # noqa: E402
from roadmap.extensions import db  # noqa: E402

TARGET_MS = 20.0
MONTH = "2026-07"


def timed(label: str, client, path: str, count: int, headers=None) -> float:
    """Print the median, p95 and best time of count requests; return the median."""
    times, size = [], 0
    cpu = time.process_time()
    for _ in range(count):
        started = time.perf_counter()
        response = client.get(path, headers=headers or {})
        times.append((time.perf_counter() - started) * 1000)
        assert response.status_code in (200, 304), (path, response.status_code)
        size = len(response.data)
    cpu_ms = (time.process_time() - cpu) * 1000 / count
    times.sort()
    median, p95 = statistics.median(times), times[int(0.95 * (len(times) - 1))]
    verdict = "ok" if median <= TARGET_MS else "MISSED"
    print(
        f"{label:<34} median {median:6.2f} ms  p95 {p95:6.2f}  best {times[0]:6.2f}"
        f"  cpu {cpu_ms:5.2f}  ({size:>6d} B)   target <= {TARGET_MS:.0f} ms  {verdict}"
    )
    return median


def main(count: int = 200) -> None:
    folder = tempfile.TemporaryDirectory()

    class Settings(TestingConfig):
        SQLALCHEMY_DATABASE_URI = f"sqlite:///{folder.name}/download.sqlite"

    app = create_app(Settings)
    from datetime import date

    from roadmap.auth.models import User
    from roadmap.demo.seed import DEMO_START, load_demo
    from roadmap.reports import issuing

    with app.app_context():
        db.create_all()
        load_demo(DEMO_START)
        manager = db.session.scalar(select(User).where(User.role == "manager"))
        viewer = db.session.scalar(select(User).where(User.role == "viewer"))
        started = time.perf_counter()
        issuing.issue(MONTH, manager, "", date.fromisoformat(app.config["ROADMAP_TODAY"]))
        db.session.commit()
        print(f"issued {MONTH} (2 formats x 2 languages) in {time.perf_counter() - started:.1f} s")
        viewer_id = viewer.get_id()
    client = app.test_client()
    with client.session_transaction() as session:
        session["_user_id"], session["_fresh"] = viewer_id, True
    for fmt in ("pdf", "xlsx"):
        path = f"/reports/{MONTH}.{fmt}"
        etag = client.get(path).headers.get("ETag", "")  # also warms the connection
        timed(f"{fmt.upper()} download (200)", client, path, count)
        timed(
            f"{fmt.upper()} pinned version + language", client, f"{path}?version=1&lang=en", count
        )
        timed(
            f"{fmt.upper()} revalidation (304)",
            client,
            path,
            count,
            headers={"If-None-Match": etag},
        )
    with app.app_context():
        db.engine.dispose()
    folder.cleanup()
    from roadmap.charts import export

    export.shutdown()


if __name__ == "__main__":
    main(*(int(arg) for arg in sys.argv[1:]))
