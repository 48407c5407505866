"""Plotly figures to SVG through the system's Chromium, and the plain refusal without it."""

import os

import plotly.graph_objects as go
import pytest

from roadmap.charts.export import chromium_available, figure_svg

CHROMIUM = "/usr/bin/chromium"


def figure():
    return go.Figure(go.Bar(x=["Mali", "Niger"], y=[3, 5], name="Posts"))


def test_without_a_browser_there_is_no_svg():
    assert not chromium_available("/nonexistent/chromium")
    assert figure_svg(figure(), chromium="/nonexistent/chromium") is None


@pytest.mark.slow
@pytest.mark.skipif(not os.access(CHROMIUM, os.X_OK), reason="Chromium is not installed")
def test_a_figure_becomes_svg_and_the_browser_is_reused():
    from roadmap.charts import export

    first = figure_svg(figure(), width=600, height=300, chromium=CHROMIUM)
    renderer = export._renderer
    second = figure_svg(figure(), width=600, height=300, chromium=CHROMIUM)
    assert first.startswith(b"<svg") and b'width="600"' in first
    assert b"Niger" in second
    assert export._renderer is renderer  # one browser per process
