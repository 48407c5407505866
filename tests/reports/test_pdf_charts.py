"""The PDF's charts reach WeasyPrint through a fetcher that serves them and nothing else."""

import io
import os

import pytest
from pypdf import PdfReader
from weasyprint.urls import URLFetchingError, fetch

from roadmap.reports.pdf import chart_fetcher, font_configuration, print_stylesheet

SVG = b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>'


def test_the_fetcher_serves_the_report_charts_and_refuses_anything_else():
    fetcher = chart_fetcher({"scurve": {"svg": SVG}, "map": {"svg": None}})
    with fetch(fetcher, "roadmap-chart:scurve") as response:
        assert response.read() == SVG and response.content_type == "image/svg+xml"
    for url in (
        "roadmap-chart:map",
        "roadmap-chart:gantt",
        "file:///etc/passwd",
        "http://169.254.169.254/latest",
        "data:image/svg+xml;base64,PHN2Zy8+",
    ):
        with pytest.raises(URLFetchingError), fetch(fetcher, url):
            pass


def test_the_stylesheet_and_fonts_are_made_once_per_process_and_thread():
    assert print_stylesheet() is print_stylesheet()
    assert font_configuration() is font_configuration()


@pytest.mark.slow
@pytest.mark.skipif(not os.access("/usr/bin/chromium", os.X_OK), reason="Chromium is not installed")
def test_the_charts_are_drawn_in_the_pdf_and_inlined_in_the_saved_page(
    app, runner, project, tmp_path
):
    app.config["CHROMIUM_PATH"] = "/usr/bin/chromium"
    for fmt in ("pdf", "html"):
        result = runner.invoke(
            args=["report", "2026-07", "--format", fmt, "--output", str(tmp_path / f"july.{fmt}")]
        )
        assert result.exit_code == 0, result.output
    text = "".join(
        page.extract_text()
        for page in PdfReader(io.BytesIO((tmp_path / "july.pdf").read_bytes())).pages
    )
    assert "Cumulative percent complete" in text  # the S-curve's axis, drawn from its SVG
    assert "data:image/svg+xml;base64," in (tmp_path / "july.html").read_text("utf-8")
