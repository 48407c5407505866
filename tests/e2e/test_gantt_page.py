"""The Gantt page in Chromium: one bar per milestone, zoom, filters, no outside request."""

import re

import pytest
from sqlalchemy import func, select

from roadmap.extensions import db
from roadmap.schedule.models import Milestone

# For each milestone trace (bars and diamonds), how many shapes plotly.js drew.
COUNT_DRAWN = """
() => {
  const gd = document.getElementById('gantt');
  let drawn = 0, data = 0;
  gd._fullData.forEach((trace, i) => {
    const layer = (trace.meta && trace.meta.layer) || '';
    if (!/^(current|point):/.test(layer)) { return; }
    data += trace._length || 0;
    const cd = gd.calcdata[i];
    if (!cd || !cd[0] || !cd[0].node3) { return; }
    const node = cd[0].node3.node();
    drawn += node.querySelectorAll(trace.type === 'bar' ? 'g.point > path' : 'path.point').length;
  });
  return {drawn, data};
}
"""


def milestone_count(live_server, **where):
    with live_server.app.app_context():
        query = select(func.count()).select_from(Milestone)
        for name, value in where.items():
            query = query.where(getattr(Milestone, name) == value)
        return db.session.scalar(query)


@pytest.mark.e2e
def test_gantt_draws_one_bar_per_milestone_offline(guarded_page, live_server):
    guard = guarded_page
    guard.login("viewer")
    page = guard.page
    page.goto(f"{live_server.url}/gantt")
    page.wait_for_selector("#gantt[data-drawn='true']")
    expected = milestone_count(live_server)
    assert expected > 0
    counts = page.evaluate(COUNT_DRAWN)
    assert counts == {"drawn": expected, "data": expected}
    # the today line, the legend and at least one dependency arrow are drawn
    assert page.locator("#gantt .shapelayer path").count() >= 1
    assert page.locator("#gantt .legend .traces").count() >= 4
    guard.screenshot("gantt-project")

    # Zoom without reload: the axis range changes, the page stays.
    page.evaluate("window.__same_page = true")
    page.get_by_role("button", name="Month").click()
    page.wait_for_function(
        "() => document.getElementById('gantt').layout.xaxis.range[0].startsWith('2026-08-08')"
    )

    # Filter without reload: only done milestones are drawn.
    page.select_option("#f-status", "done")
    done = milestone_count(live_server, status="done")
    page.wait_for_function(f"() => document.getElementById('gantt').dataset.count === '{done}'")
    assert page.evaluate("window.__same_page") is True
    assert page.evaluate(COUNT_DRAWN)["drawn"] == done
    assert "status=done" in page.url

    guard.screenshot("gantt")
    assert guard.outside_requests == []
    assert guard.console_errors == []


# Show the hover label of the first row of the first bar trace with a baseline; return its text.
HOVER_FIRST_PLANNED_BAR = """
() => {
  const gd = document.getElementById('gantt');
  const index = gd._fullData.findIndex((trace) => trace.meta && /^current:[a-z_]+$/.test(trace.meta.layer)
                                                  && trace._length > 0);
  Plotly.Fx.hover(gd, [{curveNumber: index, pointNumber: 0}]);
  return (gd.querySelector('.hoverlayer') || {}).textContent || '';
}
"""


@pytest.mark.e2e
def test_gantt_hover_speaks_the_readers_language(guarded_page, live_server):
    guard = guarded_page
    guard.login("responsable")
    page = guard.page
    page.goto(f"{live_server.url}/gantt")
    page.wait_for_selector("#gantt[data-drawn='true']")
    label = page.evaluate(HOVER_FIRST_PLANNED_BAR)
    # dates as a French reader writes them: "1 sept. 2026 – 27 nov. 2026"
    months = "janv.|févr.|mars|avr.|mai|juin|juil.|août|sept.|oct.|nov.|déc."
    assert re.search(rf"Dates: \d+ ({months}) 2026 – \d+ ({months}) 2026", label), label
    for text in ("Statut", "Référence", "Glissement", "Réalisé", "Situation"):
        assert text in label, (text, label)
    assert "%{" not in label
    assert guard.console_errors == []
