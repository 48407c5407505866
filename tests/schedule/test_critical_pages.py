"""The critical path on the pages: the milestones table's float, the Gantt's toggle and outline."""

from datetime import date

import pytest

from roadmap.extensions import db
from tests import factories


@pytest.fixture
def plan(app):
    """Works → hand-over is the critical chain; training floats 16 days; mapping is done."""
    with app.app_context():
        stream = factories.workstream()
        factories.milestone(
            stream,
            "Mapping",
            date(2026, 4, 1),
            date(2026, 4, 30),
            status="done",
            percent_complete=100,
            actual_start=date(2026, 4, 1),
            actual_finish=date(2026, 4, 30),
        )
        works = factories.milestone(stream, "Works", date(2026, 8, 1), date(2026, 8, 31))
        factories.milestone(
            stream, "Handover", date(2026, 9, 5), date(2026, 9, 5), predecessors={works: 5}
        )
        factories.milestone(stream, "Training", date(2026, 8, 1), date(2026, 8, 20))
        db.session.commit()


def cells(html: str, title: str) -> str:
    """Return the table row of the milestone with that title."""
    start = html.index(f">{title}</a>")
    return html[start : html.index("</tr>", start)]


def test_milestones_table_shows_float_and_critical(client, auth, plan):
    auth.login("viewer")
    html = client.get("/milestones").get_data(as_text=True)
    assert "Total float (days)" in html
    assert ">16</td>" in cells(html, "Training")
    assert "Critical" in cells(html, "Works") and "Critical" in cells(html, "Handover")
    assert "Critical" not in cells(html, "Training")
    assert "—</td>\n  </tr>" in cells(html, "Mapping") + "</tr>"
    ordered = client.get("/milestones?sort=float").get_data(as_text=True)
    assert (
        ordered.index(">Works</a>") < ordered.index(">Training</a>") < ordered.index(">Mapping</a>")
    )


def test_critical_path_only(client, auth, plan):
    auth.login("viewer")
    html = client.get("/milestones?critical=1").get_data(as_text=True)
    assert ">Works</a>" in html and ">Handover</a>" in html
    assert ">Training</a>" not in html and ">Mapping</a>" not in html
    assert 'name="critical" value="1" checked' in html
    body = client.get("/gantt?critical=1&format=json").json
    assert body["count"] == 2
    layers = {trace["meta"]["layer"] for trace in body["figure"]["data"]}
    assert "critical" in layers


def test_gantt_outlines_the_critical_path_and_lists_the_float(client, auth, plan):
    auth.login("viewer")
    html = client.get("/gantt").get_data(as_text=True)
    assert "Critical path only" in html
    assert "total float 16 days" in html
    assert "total float 0 days (critical path)" in html
