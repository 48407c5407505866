"""A report of a large programme draws the month's milestones, not a chart of thousands."""

import base64
import re
from array import array
from datetime import date, timedelta

from flask_babel import force_locale

from roadmap.reports.figures import _gantt, gantt_window
from roadmap.schedule.span import ROWS_AT_ONCE
from tests import factories

PERIOD_START, AS_OF = date(2026, 10, 1), date(2026, 10, 31)


def report(count: int) -> dict:
    """A report's content with `count` milestones, a fifth of them in or near October."""
    milestones = []
    for number in range(count):
        start = (
            date(2026, 10, 10)
            if number % 5 == 0
            else date(2026, 3, 1) + timedelta(days=number % 150)
        )
        milestones.append(
            {
                "id": number + 1,
                "title": f"Milestone {number + 1}",
                "workstream": "Works",
                "start": start,
                "end": start + timedelta(days=5),
                "status": "planned",
                "percent": 0,
                "baseline_start": start,
                "baseline_end": start + timedelta(days=5),
                "owner": "",
                "slip": 0,
                "health": "on_track",
            }
        )
    return {
        "milestones": milestones,
        "dependencies": [(1, 6)],
        "as_of": AS_OF,
        "period_start": PERIOD_START,
        "posts": [],
        "outcomes": [],
        "project": {"start_date": date(2026, 3, 1), "end_date": date(2027, 2, 28)},
    }


def gantt(app, content):
    with app.test_request_context("/"), force_locale("en"):
        return _gantt(content)


def drawn(figure) -> int:
    """Return how many milestone bars the figure draws."""
    count = 0
    for trace in figure.to_dict()["data"]:
        if trace["meta"]["layer"].startswith("current:"):
            rows = array({"u2": "H", "u4": "I"}[trace["y"]["dtype"]])
            rows.frombytes(base64.b64decode(trace["y"]["bdata"]))
            count += len(rows)
    return count


def test_a_small_project_draws_every_milestone(app):
    content = report(ROWS_AT_ONCE)
    assert gantt_window(content) is None
    assert drawn(gantt(app, content)) == ROWS_AT_ONCE


def test_a_large_programme_draws_the_month_and_the_next(app):
    content = report(1000)
    window = gantt_window(content)
    assert window == {
        "first": PERIOD_START,
        "last": AS_OF + timedelta(days=31),
        "shown": 200,
        "total": 1000,
    }
    figure = gantt(app, content)
    assert drawn(figure) == 200
    assert list(figure.layout.xaxis.range) == ["2026-10-01", "2026-12-02"]


def test_the_report_page_says_what_its_chart_shows_and_links_to_the_whole(app, client, auth):
    factories.add_milestones(app, 400)  # over 300 days from 2026-03-01
    auth.login("viewer")
    page = client.get("/reports/2026-07").get_data(as_text=True)
    note = re.search(r'<p class="chart-note">(.*?)</p>', page, re.S).group(1)
    assert re.search(
        r"The chart shows the \d+ milestones active from Jul 1, 2026 to "
        r"Aug 31, 2026, of 400\.",
        note,
    )
    assert 'href="/gantt?span=all"' in note
    french = client.get("/reports/2026-07?lang=fr").get_data(as_text=True)
    assert "Le diagramme montre les" in french and "sur 400." in french
