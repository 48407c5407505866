"""The report as a PDF: WeasyPrint from a Jinja template, charts as SVG from Kaleido."""

import base64
import hashlib
from pathlib import Path

from flask import current_app, render_template
from flask_babel import gettext as _
from markupsafe import Markup

from roadmap.charts.export import chromium_path, figures_svg
from roadmap.reports.figures import report_figures

PRINT_CSS = Path(__file__).resolve().parents[2] / "static" / "css" / "print.css"
PAGE_WIDTH_MM = 182  # A4 less the margins
PX_PER_MM = 1000 / PAGE_WIDTH_MM


def chart_images(report) -> dict:
    """Return {key: {svg: base64 text or None, width_mm}} for the report's charts."""
    charts = report_figures(report)
    svgs = figures_svg(list(charts.values()), chromium_path(current_app.config))
    return {
        key: {
            "svg": base64.b64encode(svg).decode("ascii") if svg else None,
            "width_mm": min(PAGE_WIDTH_MM, round(width / PX_PER_MM)),
        }
        for (key, (_figure, width, _height)), svg in zip(charts.items(), svgs, strict=True)
    }


def page_footer_parts() -> tuple[str, str, str]:
    """Split the translated "Page N of M" around its numbers, for the CSS page counters.

    print.css writes: before, counter(page), between, counter(pages), after.
    """
    text = _("Page %(page)s of %(pages)s", page="\x00", pages="\x01")
    before, found, rest = text.partition("\x00")
    between, found_too, after = rest.partition("\x01")
    if not (found and found_too):  # a translation that puts the total first
        return "", " / ", ""
    return before, between, after


def render_document(report: dict, narrative: dict, version=None, stamp=None, standalone=False):
    """Return the report as one HTML document with its charts as SVG images."""
    return render_template(
        "reports/pdf.html",
        report=report,
        narrative=narrative,
        version=version,
        charts=chart_images(report),
        stamp=stamp or f"{report['as_of'].isoformat()}T00:00:00Z",
        page_parts=page_footer_parts(),
        # Our own stylesheet, inlined so a saved file needs nothing else.
        inline_css=Markup(PRINT_CSS.read_text("utf-8")) if standalone else None,  # noqa: S704  # nosec B704
    )


def render_pdf(report: dict, narrative: dict, version=None, stamp=None) -> bytes:
    """Return the PDF bytes of a report in the current language."""
    from weasyprint import CSS, HTML

    stamp = stamp or f"{report['as_of'].isoformat()}T00:00:00Z"
    html = render_document(report, narrative, version, stamp)
    identifier = hashlib.sha256(f"{report['month']}:{stamp}".encode()).hexdigest()[:32]
    return HTML(string=html, base_url=str(PRINT_CSS.parent)).write_pdf(
        stylesheets=[CSS(filename=str(PRINT_CSS))],
        pdf_identifier=identifier.encode("ascii"),
    )
