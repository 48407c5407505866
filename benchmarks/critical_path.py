"""Time the critical path (total float of every milestone) on a generated plan.

Run: .venv/bin/python benchmarks/critical_path.py [N]   (default 5,000 milestones).
The plan has N milestones in workstream-like chains with about two links per
milestone (lags from -5 to +10 days), a tenth of them done, with dates made
consistent by the scheduler as the app keeps them. It prints the median and best
wall time of `total_floats` over several runs, in milliseconds.

Target (issue 21): well under 100 ms at 5,000 milestones.
"""

import random
import statistics
import sys
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from roadmap.schedule.critical import total_floats  # noqa: E402
from roadmap.schedule.scheduling import Span, push_successors  # noqa: E402

REPEATS = 21
START = date(2026, 3, 1)


def generate(n: int, seed: int = 20260301):
    """Return the spans of n milestones and their links, consistent with the start rule."""
    rnd = random.Random(seed)
    spans, links = {}, []
    for key in range(n):
        start = START + timedelta(days=rnd.randint(0, 330))
        status = "done" if rnd.random() < 0.1 else rnd.choice(("planned", "in_progress"))
        spans[key] = Span(start, start + timedelta(days=rnd.randint(0, 30)), status)
        for pred in {rnd.randint(max(0, key - 50), key - 1) for _ in range(2)} if key else ():
            links.append((pred, key, rnd.randint(-5, 10)))
    for key, push in push_successors(spans, links, list(spans)).items():
        spans[key] = Span(push.start, push.end, spans[key].status)
    return spans, links


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 5000
    spans, links = generate(n)
    times = []
    for _ in range(REPEATS):
        began = time.perf_counter()
        floats = total_floats(spans, links)
        times.append((time.perf_counter() - began) * 1000)
    critical = sum(1 for value in floats.values() if value is not None and value <= 0)
    print(f"{n} milestones, {len(links)} links, {critical} critical")
    print(f"total_floats: median {statistics.median(times):.1f} ms, best {min(times):.1f} ms")


if __name__ == "__main__":
    main()
