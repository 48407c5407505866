"""Dragging a bar in Chromium: preview, save, successors moved, undo back to the dates."""

from datetime import timedelta

import pytest
from sqlalchemy import select

from roadmap.extensions import db
from roadmap.history import HistoryEntry
from roadmap.schedule.models import Milestone, MilestoneDependency

OPEN = ("planned", "in_progress")
# The screen box of a milestone's bar, found by the id the page gave each point.
BAR_BOX = """
(id) => {
  const gd = document.getElementById('gantt');
  for (let i = 0; i < gd._fullData.length; i++) {
    const trace = gd._fullData[i];
    if (!/^current:/.test((trace.meta && trace.meta.layer) || '')) { continue; }
    const j = (trace.customdata || []).findIndex((point) => point && point[0] === id);
    if (j < 0) { continue; }
    const paths = gd.calcdata[i][0].node3.node().querySelectorAll('g.point > path');
    const box = paths[j].getBoundingClientRect();
    const area = gd.querySelector('.nsewdrag').getBoundingClientRect();
    const range = gd.layout.xaxis.range.map((v) => Date.parse(String(v).length <= 10 ? v + 'T00:00:00Z' : String(v).replace(' ', 'T') + 'Z'));
    return {x: box.x, y: box.y, width: box.width, height: box.height,
            pixelsPerDay: area.width / ((range[1] - range[0]) / 86400000)};
  }
  return null;
}
"""


def a_link_to_move(live_server):
    """Return (milestone, successor, lag) for an open milestone whose successor is open."""
    with live_server.app.app_context():
        query = (
            select(Milestone, MilestoneDependency.lag_days, MilestoneDependency.successor_id)
            .join(MilestoneDependency, MilestoneDependency.predecessor_id == Milestone.id)
            .where(Milestone.status.in_(OPEN), Milestone.current_end > Milestone.current_start)
            .order_by(Milestone.id)
        )
        for milestone, lag, successor_id in db.session.execute(query):
            successor = db.session.get(Milestone, successor_id)
            if (
                successor.status in OPEN
                and (milestone.current_end - milestone.current_start).days >= 10
            ):
                db.session.expunge_all()
                return milestone, successor, lag
    raise AssertionError("the demo has no open milestone with an open successor")


def dates_of(live_server, key):
    with live_server.app.app_context():
        record = db.session.get(Milestone, key)
        return record.current_start, record.current_end


@pytest.mark.e2e
def test_drag_a_bar_preview_save_and_undo(guarded_page, live_server):
    guard = guarded_page
    milestone, successor, lag = a_link_to_move(live_server)
    # Far enough for the successor to be pushed: past its start by ten days.
    days = (successor.current_start - (milestone.current_end + timedelta(days=lag))).days + 10
    guard.login("manager")
    page = guard.page
    page.goto(f"{live_server.url}/gantt?span=all")
    page.wait_for_selector("#gantt[data-drawn='true']")
    page.get_by_role("button", name="Move bars").click()
    box = page.evaluate(BAR_BOX, milestone.id)
    assert box is not None
    x, y = box["x"] + box["width"] * 0.4, box["y"] + box["height"] / 2
    page.mouse.move(x, y)
    page.mouse.move(x + 1, y)  # plotly marks the bar hovered
    page.wait_for_timeout(100)
    page.mouse.down()
    page.mouse.move(x + days * box["pixelsPerDay"], y, steps=8)
    page.mouse.up()

    panel = page.locator("#gantt-move-panel")
    save = panel.get_by_role("button", name="Save the move")
    save.wait_for(state="visible")
    assert successor.title in panel.locator(".js-moves").inner_text()
    assert dates_of(live_server, milestone.id) == (milestone.current_start, milestone.current_end)

    save.click()
    undo = panel.get_by_role("button", name="Undo")
    undo.wait_for(state="visible")
    moved = dates_of(live_server, milestone.id)
    assert moved[0] > milestone.current_start
    assert (moved[1] - moved[0]) == (milestone.current_end - milestone.current_start)
    pushed = dates_of(live_server, successor.id)
    assert pushed[0] > successor.current_start  # the successor moved with it

    undo.click()
    page.wait_for_function(
        "() => document.querySelector('#gantt-move-panel .js-move-text').textContent"
        ".includes('undone')"
    )
    assert dates_of(live_server, milestone.id) == (milestone.current_start, milestone.current_end)
    assert dates_of(live_server, successor.id) == (successor.current_start, successor.current_end)
    with live_server.app.app_context():
        reasons = db.session.scalars(
            select(HistoryEntry.reason)
            .filter_by(entity="milestone", entity_id=milestone.id, action="update")
            .order_by(HistoryEntry.id)
        ).all()
    assert reasons[-2:] == ["Moved in the Gantt chart", "Undo of a move in the Gantt chart"]
    page.goto(f"{live_server.url}/history")
    assert "Undo of a move in the Gantt chart" in page.content()
    assert guard.console_errors == [] and guard.outside_requests == []


@pytest.mark.e2e
def test_viewers_get_no_move_button(guarded_page, live_server):
    guarded_page.login("viewer")
    guarded_page.page.goto(f"{live_server.url}/gantt")
    assert guarded_page.page.locator("#gantt-move-toggle").count() == 0
