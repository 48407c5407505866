"""How long the results framework of the scale project takes to build, cold.

Run: .venv/bin/python benchmarks/results_framework.py [DATABASE_FILE]
Without a file, a temporary SQLite database is seeded with `flask seed-scale` (see
scale_db.py; the generated project has a small results framework with every computed
indicator); with one, that database is used (and seeded first if it does not exist).

Prints the best of three cold builds (indicators read, the counted records and their
history read, each period's end rebuilt) for today and for the last month's end, the
day the monthly report and the dashboard card ask for. Wall clock: the machine is
shared.
"""

import os
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.scale_db import scale_database  # noqa: E402

REPEATS = 3


def best(action) -> float:
    times = []
    for _ in range(REPEATS):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return min(times)


def main(path=None):
    with tempfile.TemporaryDirectory() as scratch:
        url = scale_database(Path(path) if path else Path(scratch) / "scale.sqlite")
        os.environ["DATABASE_URL"] = url
        from config import DevelopmentConfig
        from roadmap import create_app
        from roadmap.clock import today
        from roadmap.months import Month
        from roadmap.results import framework

        app = create_app(DevelopmentConfig)
        with app.test_request_context("/results"):
            day = today()
            for label, as_of in (
                ("today", day),
                ("last month's end", Month.of(day).start - timedelta(days=1)),
            ):
                count = sum(len(r["indicators"]) for r in framework._framework(as_of))
                took = best(lambda as_of=as_of: framework._framework(as_of))
                print(f"{label:<20} {as_of.isoformat()}  {count} indicators  {took:6.2f} s")


if __name__ == "__main__":
    main(*sys.argv[1:])
