"""The pages benchmarks/latency.sh and page_cpu.py open, picked from a scale SQLite database.

Run: .venv/bin/python benchmarks/latency_targets.py PATH [YYYY-MM-DD]
Prints one page a line, "who path": who is viewer (the donor), manager, or feed (the
calendar token in the address). Records are the busiest -- the milestone with most
dependencies, the post with most updates, the workshop with most outcomes: a page is only
as fast as its heaviest record -- and the month is the one before today inside the project.
"""

import sqlite3
import sys
from datetime import date

VIEWER = "donor@roadmap.example"
BUSIEST = {
    "MILESTONE_ID": "SELECT m, COUNT(*) FROM (SELECT predecessor_id AS m FROM milestone_dependency"
    " UNION ALL SELECT successor_id FROM milestone_dependency)"
    " GROUP BY m ORDER BY COUNT(*) DESC, m LIMIT 1",
    "POST_ID": "SELECT post_id, COUNT(*) FROM post_update GROUP BY post_id"
    " ORDER BY COUNT(*) DESC, post_id LIMIT 1",
    "WORKSHOP_ID": "SELECT workshop_id, COUNT(*) FROM outcome GROUP BY workshop_id"
    " ORDER BY COUNT(*) DESC, workshop_id LIMIT 1",
}


def report_month(start: date, end: date, on: date) -> str:
    """Return the month before `on` (YYYY-MM), kept inside the project's months."""
    year, month = (on.year, on.month - 1) if on.month > 1 else (on.year - 1, 12)
    first = max(start.replace(day=1), min(date(year, month, 1), end.replace(day=1)))
    return first.strftime("%Y-%m")


def targets(path: str, on: date) -> dict[str, str]:
    """Return the shell variables latency.sh needs."""
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as con:
        found = {name: str(con.execute(sql).fetchone()[0]) for name, sql in BUSIEST.items()}
        start, end = con.execute("SELECT start_date, end_date FROM project").fetchone()
        found["MONTH"] = report_month(date.fromisoformat(start), date.fromisoformat(end), on)
        found["CALENDAR_TOKEN"] = con.execute(
            "SELECT calendar_token FROM user_account WHERE email = ?", (VIEWER,)
        ).fetchone()[0]
    return found


def pages(found: dict[str, str]) -> list[tuple[str, str]]:
    """Return every page a user opens, as (who, path)."""
    milestone, post, workshop, month = (
        found[key] for key in ("MILESTONE_ID", "POST_ID", "WORKSHOP_ID", "MONTH")
    )
    viewer = [
        "/",
        "/milestones",
        "/milestones?page=2",
        f"/milestones/{milestone}",
        "/gantt",
        "/gantt?span=all",
        "/posts",
        f"/posts/{post}",
        "/posts/map",
        "/posts.csv",
        "/workshops",
        f"/workshops/{workshop}",
        "/reports",
        f"/reports/{month}",
        "/history",
        "/api/v1/milestones",
        "/api/v1/posts",
        "/api/v1/posts.geojson",
    ]
    # The manager's pages are those that show him forms (and the edit form itself).
    manager = [
        f"/milestones/{milestone}",
        f"/milestones/{milestone}/edit",
        f"/posts/{post}",
        f"/workshops/{workshop}",
        f"/reports/{month}",
    ]
    return (
        [("viewer", path) for path in viewer]
        + [("feed", f"/calendar.ics?token={found['CALENDAR_TOKEN']}"), ("viewer", "/iati.xml")]
        + [("manager", path) for path in manager]
    )


if __name__ == "__main__":
    day = date.fromisoformat(sys.argv[2]) if len(sys.argv) > 2 else date.today()
    for who, path in pages(targets(sys.argv[1], day)):
        print(who, path)
