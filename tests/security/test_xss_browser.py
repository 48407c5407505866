"""In Chromium, what users type shows as text on every page and chart hover: nothing runs, the CSP holds.

The payloads are written straight into the demo data of the live server (through the app
context, as a form would save them), then a manager opens every page that shows them.
"""

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from sqlalchemy import select

from roadmap.extensions import db

# The browser fixtures live with the browser tests; this module borrows them.

pytestmark = pytest.mark.e2e

SCRIPT = "<script>alert(1)</script>"
IMG = '"><img src=x onerror=alert(1)>'
JS = "javascript:alert(1)"

# field -> saved value: each payload with a short marker saying where it was put.
VALUES = {
    "milestone.title": f"{SCRIPT} MS-TITLE",
    "milestone.owner": f"{IMG} MS-OWNER",
    "milestone.description": f"{JS} MS-DESC",
    "milestone2.title": f"{IMG} MS2-TITLE",
    "milestone3.title": f"{JS} MS3-TITLE",
    "workstream.name": f"{IMG} WS-NAME",
    "post.name": f"{SCRIPT} POST-NAME",
    "post.contractor": f"{IMG} POST-CONTRACTOR",
    "post.notes": f"{JS} POST-NOTES",
    "post2.name": f"{IMG} POST2-NAME",
    "update.comment": f"{IMG} UPDATE-COMMENT",
    "outcome.text": f"{SCRIPT} OUTCOME-TEXT",
    "outcome.responsible": f"{IMG} OUTCOME-RESPONSIBLE",
    "workshop.title": f"{IMG} WORKSHOP-TITLE",
    "report.highlights": f"{SCRIPT} REPORT-HIGHLIGHTS",
    "report.challenges": f"{IMG} REPORT-CHALLENGES",
    "report.next_steps": f"{JS} REPORT-NEXT",
}

CSP_LISTENER = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', function (e) {
  window.__cspViolations.push({directive: e.violatedDirective, blocked: e.blockedURI,
                               sample: e.sample, source: e.sourceFile, line: e.lineNumber});
});
"""

# What a page must not contain: anything the payloads could have turned into markup or code.
DOM_CHECK = """
() => {
  const scripts = Array.from(document.scripts)
    .filter(s => !s.type || /javascript|module/i.test(s.type))
    .filter(s => /alert\\(/.test(s.textContent) || /^x$/.test(s.getAttribute('src') || ''));
  const handlers = Array.from(document.querySelectorAll('*'))
    .filter(el => Array.from(el.attributes).some(a => /^on/i.test(a.name) && /alert/.test(a.value)));
  const links = Array.from(document.querySelectorAll('[href], [src], [action], [formaction]'))
    .filter(el => ['href', 'src', 'action', 'formaction']
      .some(name => /^\\s*javascript:/i.test(el.getAttribute(name) || '')));
  const svgLinks = Array.from(document.querySelectorAll('a'))
    .filter(a => /javascript:/i.test(a.getAttribute('xlink:href') || ''));
  return {
    imgs: document.querySelectorAll('img[src="x"]').length,
    scripts: scripts.map(s => s.outerHTML.slice(0, 120)),
    handlers: handlers.map(el => el.outerHTML.slice(0, 120)),
    links: links.concat(svgLinks).map(el => el.outerHTML.slice(0, 120)),
    violations: window.__cspViolations || null,
  };
}
"""


@pytest.fixture(scope="module")
def poisoned(live_server):
    """Save every payload into the live server's demo data; return the ids of the records."""
    from roadmap.posts.models import BorderPost, PostUpdate
    from roadmap.reports.models import MonthlyReport
    from roadmap.schedule.models import Milestone, Workstream
    from roadmap.workshops.models import Outcome, Workshop

    with live_server.app.app_context():

        def find(model, **where):
            query = select(model)
            for name, value in where.items():
                query = query.where(getattr(model, name) == value)
            return db.session.scalars(query.order_by(model.id)).first()

        # In progress around ROADMAP_TODAY (2026-08-15), so they sit in the Gantt's window,
        # the dashboard's lists and the milestones table.
        current = db.session.scalars(
            select(Milestone).where(Milestone.status == "in_progress").order_by(Milestone.id)
        ).all()
        milestone, milestone2, milestone3 = current[0], current[1], current[2]
        milestone.title = VALUES["milestone.title"]
        milestone.owner = VALUES["milestone.owner"]
        milestone.description = VALUES["milestone.description"]
        milestone2.title = VALUES["milestone2.title"]
        milestone3.title = VALUES["milestone3.title"]
        workstream = db.session.get(Workstream, milestone.workstream_id)
        workstream.name = VALUES["workstream.name"]

        post = find(PostUpdate).post if find(PostUpdate) is not None else find(BorderPost)
        post.name = VALUES["post.name"]
        post.contractor = VALUES["post.contractor"]
        post.notes = VALUES["post.notes"]
        post2 = db.session.scalars(
            select(BorderPost).where(BorderPost.id != post.id).order_by(BorderPost.id)
        ).first()
        post2.name = VALUES["post2.name"]
        update = find(PostUpdate, post_id=post.id)
        update.comment = VALUES["update.comment"]

        workshop = find(Workshop)
        workshop.title = VALUES["workshop.title"]
        outcome = find(Outcome, workshop_id=workshop.id)
        outcome.text = VALUES["outcome.text"]
        outcome.responsible = VALUES["outcome.responsible"]

        report = find(MonthlyReport, month="2026-08") or MonthlyReport(month="2026-08")
        report.highlights = VALUES["report.highlights"]
        report.challenges = VALUES["report.challenges"]
        report.next_steps = VALUES["report.next_steps"]
        db.session.add(report)
        db.session.commit()
        ids = {
            "milestone": milestone.id,
            "milestone2": milestone2.id,
            "post": post.id,
            "post2": post2.id,
            "workshop": workshop.id,
        }
        db.session.remove()
    return ids


def open_as_manager(guarded_page, live_server):
    """Log the manager in with the CSP listener and a dialog recorder armed; return the dialogs list."""
    page = guarded_page.page
    dialogs = []

    def record(dialog):
        dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    page.on("dialog", record)
    page.add_init_script(CSP_LISTENER)
    guarded_page.login("manager")
    return dialogs


def problems(guarded_page, dialogs, where):
    """Return what the payloads carried that ran, became markup or broke the CSP ([] if nothing)."""
    found = guarded_page.page.evaluate(DOM_CHECK)
    csp = [
        text
        for text in guarded_page.console_errors
        if "Content Security Policy" in text or "Content-Security-Policy" in text
    ]
    checks = {
        "dialogs": dialogs,
        "csp violations": found["violations"],
        "csp console errors": csp,
        "img[src=x]": found["imgs"],
        "scripts with the payload": found["scripts"],
        "event handler attributes": found["handlers"],
        "javascript: links": found["links"],
        "outside requests": guarded_page.outside_requests,
    }
    return [f"{where}: {name}: {value!r}" for name, value in checks.items() if value]


# page -> the saved values whose text must be visible on it (escaped, as text). The map and the
# Gantt show user text only inside the chart: the hover test below reads it there.
PAGES = [
    ("/", ["milestone.title"]),
    ("/gantt", []),
    ("/milestones", ["milestone.title", "milestone2.title", "milestone3.title"]),
    ("/milestones/{milestone}", ["milestone.title", "milestone.owner", "milestone.description"]),
    ("/posts", ["post.name", "post2.name"]),
    ("/posts/{post}", ["post.name", "post.contractor", "post.notes", "update.comment"]),
    ("/posts/map", []),
    ("/workshops/{workshop}", ["workshop.title", "outcome.text", "outcome.responsible"]),
    ("/reports/2026-08", ["report.highlights", "report.challenges", "report.next_steps"]),
    ("/history", ["milestone.title", "post.name"]),
]


def test_payloads_show_as_text_and_never_run(guarded_page, live_server, poisoned):
    dialogs = open_as_manager(guarded_page, live_server)
    page = guarded_page.page
    failures = []
    for path, shown in PAGES:
        response = page.goto(live_server.url + path.format(**poisoned))
        assert response.status == 200, path
        assert "script-src 'self'" in response.headers["content-security-policy"], path
        for chart in page.locator(".js-plotly").all():
            chart.locator("xpath=self::*[@data-drawn='true']").wait_for(timeout=15_000)
        text = page.locator("body").inner_text()
        failures += [f"{path}: {key} not shown as text" for key in shown if VALUES[key] not in text]
        failures += problems(guarded_page, dialogs, path)
    assert failures == []


# The indexes, among the drawn points of the chart, of those in a trace whose label holds `marker`
# (the point with that label first).
HOVER_CANDIDATES = """
([chartId, marker, pointSelector]) => {
  const gd = document.getElementById(chartId);
  const all = Array.from(gd.querySelectorAll(pointSelector));
  for (let i = 0; i < gd._fullData.length; i++) {
    const trace = gd._fullData[i];
    const labels = Array.isArray(trace.hovertext) && trace.hovertext.length ? trace.hovertext : trace.text;
    if (!Array.isArray(labels)) { continue; }
    const index = labels.findIndex(label => String(label).includes(marker));
    const cd = gd.calcdata[i];
    if (index < 0 || !cd || !cd[0] || !cd[0].node3) { continue; }
    const points = Array.from(cd[0].node3.node().querySelectorAll(pointSelector));
    // d3 binds each drawn point to its calcdata item, whose `i` is the index in the trace's data.
    const bound = p => (p.__data__ && p.__data__.i !== undefined ? p.__data__ : p.parentNode.__data__) || {};
    let first = points.findIndex(p => bound(p).i === index);
    if (first < 0) { first = index; }
    const mine = points.map(p => all.indexOf(p));
    return [mine[first]].concat(mine.filter((_, j) => j !== first)).filter(n => n >= 0);
  }
  return [];
}
"""

POINT_CENTRE = """
([chartId, pointSelector, n]) => {
  const point = document.getElementById(chartId).querySelectorAll(pointSelector)[n];
  const box = point.getBoundingClientRect();
  // A bar may run past the visible dates: aim at the middle of its visible part.
  const chart = document.getElementById(chartId);
  const plot = (chart.querySelector('.nsewdrag') || chart).getBoundingClientRect();
  const left = Math.max(box.left, plot.left), right = Math.min(box.right, plot.right);
  const top = Math.max(box.top, plot.top), bottom = Math.min(box.bottom, plot.bottom);
  return {x: (left + right) / 2, y: (top + bottom) / 2};
}
"""

HOVER_TEXT = "(id) => (document.querySelector('#' + id + ' .hoverlayer') || {}).textContent || ''"


def hover_and_read(page, chart_id, marker, point_selector):
    """Move the mouse over the chart's points until the hover label for `marker` shows; return it."""
    candidates = page.evaluate(HOVER_CANDIDATES, [chart_id, marker, point_selector])
    assert candidates, (chart_id, marker)
    seen = []
    for n in candidates:
        centre = page.evaluate(POINT_CENTRE, [chart_id, point_selector, n])
        page.mouse.move(centre["x"] - 2, centre["y"] - 2)
        page.mouse.move(centre["x"], centre["y"], steps=2)
        try:
            page.wait_for_function(
                f"(id) => ({HOVER_TEXT})(id).includes({marker!r})", arg=chart_id, timeout=1_000
            )
        except PlaywrightTimeout:
            seen.append(page.evaluate(HOVER_TEXT, chart_id))
            continue
        return page.evaluate(HOVER_TEXT, chart_id)
    raise AssertionError(f"no hover label for {marker} on #{chart_id}; saw {seen}")


@pytest.mark.parametrize(
    ("path", "chart_id", "point_selector", "keys"),
    [
        (
            "/gantt",
            "gantt",
            "g.point > path",
            ["milestone.title", "milestone2.title", "milestone3.title"],
        ),
        ("/posts/map", "posts-map", "path.point", ["post.name", "post2.name"]),
    ],
    ids=["gantt", "map"],
)
def test_chart_hover_labels_show_payloads_as_text(
    guarded_page, live_server, poisoned, path, chart_id, point_selector, keys
):
    dialogs = open_as_manager(guarded_page, live_server)
    page = guarded_page.page
    # Tall enough for the whole chart: Plotly keeps the page offset of its first hover, so the
    # page must not scroll between hovers.
    page.set_viewport_size({"width": 1280, "height": 1600})
    page.goto(live_server.url + path)
    page.wait_for_selector(f"#{chart_id}[data-drawn='true']")
    for key in keys:
        marker = VALUES[key].rsplit(" ", 1)[1]
        label = hover_and_read(page, chart_id, marker, point_selector)
        # Plotly turned the escaped entities back into plain text: the payload reads as typed.
        assert VALUES[key] in label, (key, label)
        assert problems(guarded_page, dialogs, f"{path} hover {key}") == []
        page.mouse.move(1, 1)
    if chart_id == "gantt":
        # The rows are labelled with the workstream names and milestone titles, as text.
        ticks = " ".join(page.locator("#gantt .ytick text").all_text_contents())
        assert IMG[:12] in ticks and SCRIPT[:12] in ticks, ticks
    # Axis labels and legends render user text as SVG text, never as markup.
    assert page.locator(f"#{chart_id} img, #{chart_id} foreignObject").count() == 0
    assert problems(guarded_page, dialogs, path) == []
