"""Plotly figures to SVG through the system's Chromium, and the plain refusal without it."""

import os

import plotly.graph_objects as go
import pytest

from roadmap.charts import export
from roadmap.charts.export import chromium_available, figure_svg, figures_svg

CHROMIUM = "/usr/bin/chromium"
needs_chromium = pytest.mark.skipif(
    not os.access(CHROMIUM, os.X_OK), reason="Chromium is not installed"
)


@pytest.fixture
def in_app(app):
    """Inside an app: drawn SVGs are kept in its cache."""
    with app.app_context():
        yield app


def figure(name="Posts", countries=("Mali", "Niger")):
    return go.Figure(go.Bar(x=list(countries), y=[3, 5], name=name))


def test_without_a_browser_there_is_no_svg():
    assert not chromium_available("/nonexistent/chromium")
    assert figure_svg(figure(), chromium="/nonexistent/chromium") is None
    assert figures_svg([(figure(), 600, 300)] * 2, chromium="/nonexistent/chromium") == [None, None]


@pytest.mark.slow
@needs_chromium
def test_a_figure_becomes_svg_and_the_browser_is_reused():
    first = figure_svg(figure(), width=600, height=300, chromium=CHROMIUM)
    renderer = export._renderer
    second = figure_svg(figure(), width=600, height=300, chromium=CHROMIUM)
    assert first.startswith(b"<svg") and b'width="600"' in first
    assert b"Niger" in second
    assert export._renderer is renderer  # one browser per process


@pytest.mark.slow
@needs_chromium
def test_figures_are_drawn_in_one_call_and_come_back_in_order(in_app, monkeypatch):
    export.clear_cache()
    calls = []
    real = export._Renderer.svgs

    def counting(self, jobs, timeout=None):
        calls.append(len(jobs))
        return real(self, jobs, timeout)

    monkeypatch.setattr(export._Renderer, "svgs", counting)
    countries = ["Mauritania", "Burkina Faso", "Chad", "Senegal", "Benin"]
    jobs = [
        (figure(f"Series {n}", (country, "Niger")), 500 + 10 * n, 300)
        for n, country in enumerate(countries)
    ]
    svgs = figures_svg(jobs, chromium=CHROMIUM)
    assert calls == [5]  # one call: the browser draws them side by side, one per tab
    for n, (country, svg) in enumerate(zip(countries, svgs, strict=True)):
        assert country.encode() in svg and f'width="{500 + 10 * n}"'.encode() in svg
    again = figures_svg(jobs, chromium=CHROMIUM)
    assert calls == [5]  # every figure was found in the cache
    assert again == svgs  # the same bytes


@pytest.mark.slow
@needs_chromium
def test_a_changed_figure_alone_is_drawn_again(in_app, monkeypatch):
    export.clear_cache()
    jobs = [(figure("A"), 400, 300), (figure("B"), 400, 300)]
    first = figures_svg(jobs, chromium=CHROMIUM)
    drawn = []
    real = export._Renderer.svgs
    monkeypatch.setattr(
        export._Renderer,
        "svgs",
        lambda self, todo, timeout=None: drawn.append(len(todo)) or real(self, todo, timeout),
    )
    changed = figures_svg([jobs[0], (figure("B", ("Mali", "Chad")), 400, 300)], chromium=CHROMIUM)
    assert drawn == [1]
    assert changed[0] == first[0] and b"Chad" in changed[1]
