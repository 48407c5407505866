"""The report as a PDF: WeasyPrint from a Jinja template, charts as SVG from Kaleido.

The stylesheet is parsed once per process; the font configuration (Pango's font
map, whose caches make text layout cheaper once warm) is kept per thread, as Pango
objects are not shared between threads; and the charts reach WeasyPrint through a
fetcher that hands over the SVG bytes rather than as data: URLs in the HTML, so the
HTML parser never reads the charts' hundreds of kilobytes of base64. Chart text is
drawn a run at a time (see svg_text.py).
"""

import base64
import hashlib
import threading
from functools import cache
from pathlib import Path

from flask import current_app, render_template
from flask_babel import gettext as _
from markupsafe import Markup

from roadmap.caching import language
from roadmap.charts.export import chromium_path, figures_svg
from roadmap.reports import svg_text
from roadmap.reports.figures import report_figures

PRINT_CSS = Path(__file__).resolve().parents[2] / "static" / "css" / "print.css"
PAGE_WIDTH_MM = 182  # A4 less the margins
PX_PER_MM = 1000 / PAGE_WIDTH_MM


CHART_SCHEME = "roadmap-chart:"


def chart_images(report, inline=True) -> dict:
    """Return {key: {src: image URL or None, svg: bytes or None, width_mm}} for the charts.

    The URL is a data: URL when inline, else a roadmap-chart: one for `fetch_chart`.
    """
    charts = report_figures(report)
    svgs = figures_svg(list(charts.values()), chromium_path(current_app.config), language())
    images = {}
    for (key, (_figure, width, _height)), svg in zip(charts.items(), svgs, strict=True):
        src = None
        if svg and inline:
            src = "data:image/svg+xml;base64," + base64.b64encode(svg).decode("ascii")
        elif svg:
            src = CHART_SCHEME + key
        images[key] = {
            "src": src,
            "svg": svg,
            "width_mm": min(PAGE_WIDTH_MM, round(width / PX_PER_MM)),
        }
    return images


# The before/after thumbnails (roadmap/photos/report.py), re-encoded JPEGs of our own.
PHOTO_PREFIX = "data:image/jpeg;base64,"


def chart_fetcher(charts: dict):
    """Return a WeasyPrint URL fetcher that serves the charts and photos, and nothing else."""
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class ChartFetcher(URLFetcher):
        def fetch(self, url, headers=None):
            if url.startswith(PHOTO_PREFIX):  # a before/after thumbnail, carried in the page
                data = base64.b64decode(url.removeprefix(PHOTO_PREFIX), validate=True)
                return URLFetcherResponse(url, data, headers={"Content-Type": "image/jpeg"})
            key = url.removeprefix(CHART_SCHEME)
            if not url.startswith(CHART_SCHEME) or not (charts.get(key) or {}).get("svg"):
                # The report links nothing else: no file, no network, whatever a title holds.
                raise ValueError(f"not a chart of this report: {url[:80]}")
            return URLFetcherResponse(
                url, charts[key]["svg"], headers={"Content-Type": "image/svg+xml"}
            )

    return ChartFetcher()


_fonts = threading.local()


def font_configuration():
    """Return this thread's WeasyPrint font configuration, made on first use."""
    if getattr(_fonts, "config", None) is None:
        from weasyprint.text.fonts import FontConfiguration

        _fonts.config = FontConfiguration()
    return _fonts.config


@cache
def print_stylesheet():
    """Return print.css parsed once per process (WeasyPrint reuses a parsed sheet)."""
    from weasyprint import CSS

    return CSS(filename=str(PRINT_CSS))


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


def render_document(
    report: dict, narrative: dict, version=None, stamp=None, standalone=False, charts=None
):
    """Return the report as one HTML document with its charts as SVG images."""
    return render_template(
        "reports/pdf.html",
        report=report,
        narrative=narrative,
        version=version,
        charts=charts if charts is not None else chart_images(report),
        stamp=stamp or f"{report['as_of'].isoformat()}T00:00:00Z",
        page_parts=page_footer_parts(),
        # Our own stylesheet, inlined so a saved file needs nothing else.
        inline_css=Markup(PRINT_CSS.read_text("utf-8")) if standalone else None,  # noqa: S704  # nosec B704
    )


def render_pdf(report: dict, narrative: dict, version=None, stamp=None) -> bytes:
    """Return the PDF bytes of a report in the current language."""
    from weasyprint import HTML

    svg_text.install()
    stamp = stamp or f"{report['as_of'].isoformat()}T00:00:00Z"
    charts = chart_images(report, inline=False)
    html = render_document(report, narrative, version, stamp, charts=charts)
    identifier = hashlib.sha256(f"{report['month']}:{stamp}".encode()).hexdigest()[:32]
    return HTML(
        string=html, base_url=str(PRINT_CSS.parent), url_fetcher=chart_fetcher(charts)
    ).write_pdf(
        stylesheets=[print_stylesheet()],
        font_config=font_configuration(),
        pdf_identifier=identifier.encode("ascii"),
    )
