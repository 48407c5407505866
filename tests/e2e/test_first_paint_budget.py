"""The byte budget of a chart page's first paint: its first chart, an inline SVG, within 120 KB.

On a 1 Mbit/s link 120 KB take a second; benchmarks/slow_link.py times the pages on
that link. Here the budget is counted without timing: with scripts off, a page's
first chart must already be on screen, drawn by the server, from the page alone
(nothing it needs comes before it: no stylesheet, no script), and every byte the
browser fetched counts but the map outlines preloaded, at the end, for plotly.js. Then, with scripts on, plotly.js takes the chart over
in the same box.
"""

import re

import pytest
from sqlalchemy import select

from roadmap.extensions import db
from roadmap.workshops.models import Workshop

pytestmark = pytest.mark.e2e

BUDGET = 120_000  # bytes, headers and compressed bodies as they crossed the wire
TIMEOUT = 120_000  # ms: the server draws each chart once, starting its Chromium


@pytest.fixture(scope="module")
def painting(live_server):
    """Draw charts' first paint on the server (tests leave it off)."""
    live_server.app.config["ROADMAP_SERVER_CHARTS"] = True
    yield live_server
    live_server.app.config["ROADMAP_SERVER_CHARTS"] = False


def chart_pages(live_server) -> list[str]:
    with live_server.app.app_context():
        workshop = db.session.scalars(select(Workshop.id)).first()
    return ["/", "/gantt", "/posts/map", "/reports/2026-08", f"/workshops/{workshop}"]


def wire_bytes(context, page) -> list:
    """Collect each response's encoded length (headers and body) from CDP."""
    sizes = []
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    urls = {}
    cdp.on(
        "Network.requestWillBeSent", lambda e: urls.__setitem__(e["requestId"], e["request"]["url"])
    )
    cdp.on(
        "Network.loadingFinished",
        lambda e: sizes.append((urls.get(e["requestId"], "")[-40:], e["encodedDataLength"])),
    )
    return sizes


def first_chart(page) -> dict:
    return page.evaluate(
        """() => {
          const svg = document.querySelector('.chart-box svg');
          const box = svg && svg.getBoundingClientRect();
          return svg && { inPaint: !!svg.closest('.chart-paint'), width: box.width,
                          height: box.height, shapes: svg.querySelectorAll('path, rect').length };
        }"""
    )


def test_each_chart_page_paints_its_first_chart_from_the_page_alone(
    browser, painting, guarded_page
):
    guarded_page.login("viewer")
    state = guarded_page.page.context.storage_state()
    context = browser.new_context(
        storage_state=state, java_script_enabled=False, viewport={"width": 1280, "height": 900}
    )
    try:
        for path in chart_pages(painting):
            page = context.new_page()
            sizes = wire_bytes(context, page)
            response = page.goto(painting.url + path, timeout=TIMEOUT)
            assert response.status == 200, path
            html = response.text()
            paint = html.index('<div class="chart-paint"')
            before = html[:paint]
            assert "<script src" not in before and "<script defer" not in before, path
            assert 'rel="stylesheet"' not in before, path
            chart = first_chart(page)
            assert chart and chart["inPaint"] and chart["width"] >= 300, (path, chart)
            assert chart["shapes"] >= 3, (path, chart)
            page.wait_for_load_state("networkidle")
            # The map outlines are fetched at the end for plotly.js's map, not the paint.
            painted = [size for url, size in sizes if "vendor/topojson/" not in url]
            assert sum(painted) <= BUDGET, (path, sizes)
            page.close()
    finally:
        context.close()


def test_plotly_takes_the_chart_over_in_the_same_box(painting, guarded_page):
    guarded_page.login("viewer")
    page = guarded_page.page
    response = page.goto(painting.url + "/gantt", timeout=TIMEOUT)
    html = response.text()
    assert '<div class="chart-paint"' in html  # sent with the page
    height = int(re.search(r'<div class="chart-box" style="height: (\d+)px">', html).group(1))
    page.wait_for_selector(".js-plotly[data-drawn=true]", timeout=TIMEOUT)
    assert page.locator(".chart-paint").count() == 0  # the first paint is gone
    assert page.locator("#gantt .main-svg").first.bounding_box()["height"] == height
    assert page.locator(".chart-box").first.bounding_box()["height"] == height  # nothing moved
    assert not guarded_page.console_errors
