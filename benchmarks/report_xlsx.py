"""How long the monthly workbook (XLSX) of the scale project takes, from the database to the bytes.

Run: .venv/bin/python benchmarks/report_xlsx.py [DATABASE_FILE]
Without a file, a temporary SQLite database is seeded with `flask seed-scale`
(5,000 milestones, 1,000 posts, 50 workshops, 36 months; about half a minute); with
one, that database is used (and seeded first if the file does not exist yet).

For the last finished month (the one a manager issues: its state is rebuilt from the
history, with an S-curve point for every month before) and the current month, it
prints the best of three cold runs (report content built: rows and history read,
snapshot, content) split into its parts, and the download through the app with the
content cached. Times are wall clock, best of three: the machine is shared.

Target (issue 10): the XLSX at scale size <= 5 s.
"""

import os
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.scale_db import scale_database  # noqa: E402

TARGET = 5.0
REPEATS = 3


def best(action):
    """Return (best wall time of REPEATS runs, last result)."""
    times, result = [], None
    for _ in range(REPEATS):
        started = time.perf_counter()
        result = action()
        times.append(time.perf_counter() - started)
    return min(times), result


def measure(app, month: str, today: date) -> float:
    """Print the parts of a cold workbook of month; return its total."""
    from roadmap.reports import content, loading
    from roadmap.reports.xlsx import render_xlsx

    with app.test_request_context(f"/reports/{month}"):
        read, (rows, entries) = best(lambda: (loading.current_rows(), loading.history_entries()))
        built, report = best(lambda: content.build(rows, entries, month, today))
        written, data = best(lambda: render_xlsx(report, {}))

        def cold():
            app.extensions.pop("report_content_cache", None)
            return render_xlsx(loading.report_content(month, today), {})

        total, _data = best(cold)
        warm, _data = best(lambda: render_xlsx(loading.report_content(month, today), {}))
    print(
        f"{month}: {len(report['milestones'])} milestones, {len(entries)} history entries,"
        f" {len(data) // 1024} KB"
    )
    print(f"  {'read rows and history':<44} {read:6.2f} s")
    print(f"  {'build the content (snapshot, S-curve)':<44} {built:6.2f} s")
    print(f"  {'write the workbook':<44} {written:6.2f} s")
    print(f"  {'with the content cached (same data)':<44} {warm:6.2f} s")
    verdict = "ok" if total <= TARGET else "MISSED"
    print(
        f"  {'XLSX at scale, cold (all of the above)':<44} {total:6.2f} s"
        f"   target <= {TARGET:.0f} s  {verdict}"
    )
    return total


def main(path=None):
    with tempfile.TemporaryDirectory() as scratch:
        url = scale_database(Path(path) if path else Path(scratch) / "scale.sqlite")
        os.environ["DATABASE_URL"] = url
        from config import DevelopmentConfig
        from roadmap import create_app
        from roadmap.clock import today
        from roadmap.months import Month

        app = create_app(DevelopmentConfig)
        with app.app_context():
            day = today()
        current = Month.of(day)
        for month in (current.previous(), current):
            measure(app, month, day)


if __name__ == "__main__":
    main(*sys.argv[1:])
