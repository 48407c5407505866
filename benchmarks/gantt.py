"""Time our Gantt figure against plotly.express.timeline on the same generated rows.

Run: .venv/bin/python benchmarks/gantt.py   (needs pandas, installed only for this:
.venv/bin/pip install pandas). For 50, 500 and 5,000 milestones it prints the best
CPU time of several runs for building the figure and serialising it with
`fig.to_json()`, and the JSON size. Ours is the full chart (baseline, done part,
late part, diamonds, dependency arrows, today line, hover text); px.timeline draws
plain bars coloured by status. The px time is given with and without building its
DataFrame. The runs take turns, so a busy machine slows both alike.

The rows are what the Gantt page passes the figure: milestone rows as
`schedule.queries.load_rows` returns them, health included.

Target (issue 10): ours at 5,000 milestones ≤ 0.5 × px.timeline (DataFrame included).
"""

import random
import sys
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from roadmap.charts.gantt import gantt_figure  # noqa: E402
from roadmap.schedule.health import health  # noqa: E402

TODAY = date(2026, 8, 15)
PROJECT_START = date(2026, 3, 1)
SIZES = (50, 500, 5000)
REPEATS = 15
TARGET = 0.5
STATUSES = ("planned", "in_progress", "done", "cancelled")


def generate(n: int, seed: int = 20260301):
    """Return n milestone rows in 5 workstreams, and about n/2 dependencies."""
    rnd = random.Random(seed)
    rows, dependencies = [], []
    for i in range(n):
        start = PROJECT_START + timedelta(days=rnd.randint(0, 330))
        end = start + timedelta(days=rnd.choice((0, 7, 21, 45, 90)))
        slip = rnd.choice((0, 0, 3, 10))
        percent, status = rnd.choice((0, 10, 40, 75, 100)), rnd.choice(STATUSES)
        baseline_end = max(start, end - timedelta(days=slip))
        rows.append(
            {
                "id": i + 1,
                "title": f"Milestone {i + 1}: rehabilitation works at border post {i % 97}",
                "workstream": f"Workstream {1 + i * 5 // n}",
                "start": start,
                "end": end,
                "baseline_start": start,
                "baseline_end": baseline_end,
                "percent": percent,
                "status": status,
                "owner": "IOM Niger",
                "slip": (end - baseline_end).days,
                "health": health(status, start, end, percent, TODAY, baseline_end),
            }
        )
        if i and rnd.random() < 0.5:
            dependencies.append((rnd.randint(max(1, i - 20), i), i + 1))
    return rows, dependencies


def best(*fns):
    """Return the shortest CPU time of REPEATS runs of each fn, and the results.

    The functions take turns, so a machine that gets busier slows them alike; each
    turn runs its function once untimed first, so both start with warm caches.
    """
    times, results = [float("inf")] * len(fns), [None] * len(fns)
    for _ in range(REPEATS):
        for i, fn in enumerate(fns):
            fn()
            started = time.process_time()
            results[i] = fn()
            times[i] = min(times[i], time.process_time() - started)
    return times, results


def ours(rows, dependencies):
    return gantt_figure(rows, TODAY, dependencies=dependencies).to_json()


def px_frame(rows):
    import pandas as pd

    return pd.DataFrame(
        {
            "Task": [f"{row['id']} {row['title']}" for row in rows],
            "Start": [row["start"].isoformat() for row in rows],
            "Finish": [(row["end"] + timedelta(days=1)).isoformat() for row in rows],
            "Status": [row["status"] for row in rows],
        }
    )


def px_figure(frame):
    import plotly.express as px

    return px.timeline(frame, x_start="Start", x_end="Finish", y="Task", color="Status").to_json()


def main():
    try:
        import pandas  # noqa: F401
    except ImportError:
        sys.exit("pandas is needed for the comparison: .venv/bin/pip install pandas")
    # Warm both paths (imports, validator caches) before timing anything.
    warm_rows, warm_deps = generate(20)
    ours(warm_rows, warm_deps)
    px_figure(px_frame(warm_rows))

    header = (
        f"{'milestones':>10} {'ours s':>8} {'ours KB':>8} {'px s':>8} "
        f"{'px+df s':>8} {'px KB':>8} {'ours/px':>8} {'ours/px+df':>10}"
    )
    print(header)
    for n in SIZES:
        rows, dependencies = generate(n)
        frame = px_frame(rows)
        (ours_time, px_time, px_df_time), (ours_json, px_json, _) = best(
            lambda rows=rows, dependencies=dependencies: ours(rows, dependencies),
            lambda frame=frame: px_figure(frame),
            lambda rows=rows: px_figure(px_frame(rows)),
        )
        ratio = ours_time / px_df_time
        print(
            f"{n:>10} {ours_time:>8.3f} {len(ours_json) / 1024:>8.0f} {px_time:>8.3f} "
            f"{px_df_time:>8.3f} {len(px_json) / 1024:>8.0f} {ours_time / px_time:>8.2f} "
            f"{ratio:>10.2f}"
        )
    verdict = "met" if ratio <= TARGET else "NOT met"
    print(
        f"target at {SIZES[-1]} milestones: ours/px+df <= {TARGET}; measured {ratio:.2f} ({verdict})"
    )


if __name__ == "__main__":
    main()
