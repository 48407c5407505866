"""Charts' first paint: the server's SVG of each figure inside the page, before any script."""

import json
import os
import re

import pytest
from sqlalchemy import select

from roadmap.charts import first_paint as first_paint_module
from roadmap.extensions import db
from roadmap.workshops.models import Workshop

SVG = b'<svg class="main-svg" width="10" height="10" viewBox="0 0 10 10"><rect/></svg>'
PAINT = re.compile(r'<div class="chart-paint" aria-hidden="true">(<svg.*?</svg>)</div>', re.S)
NO_PAINT = '<div class="chart-paint"'
CHARTS = re.compile(r'<div class="chart js-plotly" id="([^"]+)"')


@pytest.fixture
def viewer(client, auth, demo):
    auth.login("viewer")
    return client


@pytest.fixture
def drawing(demo, monkeypatch):
    """Turn first paints on, with a stand-in for Kaleido that notes what it was asked."""
    calls = []

    def fake(figure, width, height, chromium=None, language="en", timeout=None):
        calls.append((width, height, language))
        return SVG

    demo.config["ROADMAP_SERVER_CHARTS"] = True
    monkeypatch.setattr(first_paint_module, "figure_svg", fake)
    return calls


def chart_pages(app) -> list[str]:
    with app.app_context():
        workshop = db.session.scalars(select(Workshop.id)).first()
    return ["/", "/gantt", "/posts/map", "/reports/2026-08", f"/workshops/{workshop}", "/posts"]


def test_tests_draw_no_first_paint_unless_they_ask(viewer, monkeypatch):
    monkeypatch.setattr(first_paint_module, "figure_svg", lambda *a, **k: pytest.fail("drawn"))
    html = viewer.get("/gantt").get_data(as_text=True)
    assert 'class="chart js-plotly"' in html and NO_PAINT not in html


def test_every_chart_arrives_as_svg_before_any_script(viewer, drawing, demo):
    for path in chart_pages(demo):
        response = viewer.get(path)
        assert response.status_code == 200, path
        html = response.get_data(as_text=True)
        charts, paints = CHARTS.findall(html), PAINT.findall(html)
        assert charts and len(paints) == len(charts), path
        first_script = html.index("<script defer")
        assert html.index('class="chart-paint"') < first_script, path
        assert "bootstrap.bundle" not in html, path
    assert {language for _w, _h, language in drawing} == {"en"}


def test_the_box_keeps_the_figure_height_from_paint_to_plotly(viewer, drawing):
    html = viewer.get("/gantt").get_data(as_text=True)
    figure = json.loads(re.search(r'id="gantt-data">(.*?)</script>', html, re.S).group(1))
    height = figure["layout"]["height"]
    assert f'<div class="chart-box" style="height: {height}px">' in html
    assert drawing[-1][1] == height  # the SVG is drawn for that box


def test_french_pages_ask_for_french_charts(viewer, drawing):
    viewer.post("/language", data={"language": "fr", "next": "/"})
    html = viewer.get("/gantt").get_data(as_text=True)
    assert drawing[-1][2] == "fr"
    config = json.loads(re.search(r"data-config='([^']*)'", html).group(1))
    assert config["locale"] == "fr"
    assert config["locales"]["fr"]["format"]["shortMonths"][:2] == ["janv.", "févr."]
    assert config["locales"]["fr"]["format"]["decimal"] == ","


def test_without_chromium_the_page_draws_its_charts_in_the_browser(viewer, demo):
    demo.config["ROADMAP_SERVER_CHARTS"] = True  # the demo fixture names no Chromium
    response = viewer.get("/")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert NO_PAINT not in html and 'class="chart js-plotly"' in html


def test_a_drawing_that_fails_leaves_the_chart_to_the_browser(viewer, demo, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("the browser went away")

    demo.config["ROADMAP_SERVER_CHARTS"] = True
    monkeypatch.setattr(first_paint_module, "figure_svg", broken)
    response = viewer.get("/posts/map")
    assert response.status_code == 200 and NO_PAINT not in response.get_data(as_text=True)


def test_the_page_carries_its_styles_and_a_navbar_without_script(viewer):
    html = viewer.get("/milestones").get_data(as_text=True)
    assert '<input type="checkbox" id="nav-toggle"' in html
    assert 'aria-controls="nav" aria-label="Menu"' in html
    if os.path.isfile("static/vendor/bootstrap/critical.css"):  # built by `make assets`
        assert re.search(r"<style>.*\.navbar", html, re.S)
        assert 'rel="stylesheet"' not in html
    # A page without charts runs nothing but the offline worker's registration.
    scripts = re.findall(r"<script[^>]*>", html)
    assert len(scripts) == 1 and "js/offline.js" in scripts[0], scripts


@pytest.mark.slow
@pytest.mark.skipif(not os.access("/usr/bin/chromium", os.X_OK), reason="Chromium is not installed")
def test_the_first_paint_is_drawn_by_kaleido_in_the_page_language(viewer, demo):
    demo.config.update(ROADMAP_SERVER_CHARTS=True, CHROMIUM_PATH="/usr/bin/chromium")
    viewer.post("/language", data={"language": "fr", "next": "/"})
    html = viewer.get("/gantt").get_data(as_text=True)
    (svg,) = PAINT.findall(html)
    assert 'class="main-svg"' in svg and "<script" not in svg
    ticks = re.findall(r">([^<>]{2,20})</text>", svg)
    assert any(
        re.search(r"(janv|févr|f&#233;vr|mars|avr|juil|août|ao&#251;t|sept)", t) for t in ticks
    ), ticks
