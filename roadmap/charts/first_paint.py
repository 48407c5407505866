"""A chart's first paint: its figure drawn on the server as SVG, sent inside the page.

The page's own figure (the JSON that plotly.js draws from) goes to Kaleido at the
width the chart is laid out for and the height the page gives its box, in the
page's language; the SVG is kept in the one cache (export.py keys it on the figure,
the size and the locale). plotly.js, loaded after, draws in the same box and the
SVG goes (static/js/charts.js). ROADMAP_SERVER_CHARTS turns it on (off in tests:
drawing costs a browser's time); without Chromium, or when drawing fails, the page
has no first paint and plotly.js draws it as before.
"""

import logging

from flask import current_app
from markupsafe import Markup

from roadmap.caching import language
from roadmap.charts.export import chromium_path, figure_svg

log = logging.getLogger(__name__)

DEFAULT_HEIGHT = 450  # plotly.js's own, for a figure that sets none
DEFAULT_WIDTH = 1100  # a full-width chart on a laptop; a narrower box scales it down
# Seconds a page waits for its chart (a first start of Chromium included); past that the
# browser draws it, and the next page that shows the chart asks again.
TIMEOUT = 20


def box_height(figure) -> int:
    """Return the height a chart's box is given: the figure's own, else plotly's default."""
    if isinstance(figure, dict):
        return int((figure.get("layout") or {}).get("height") or DEFAULT_HEIGHT)
    return int(getattr(figure, "height", None) or DEFAULT_HEIGHT)


def first_paint(figure, width: int | None = None, height: int | None = None) -> Markup | None:
    """Return the page figure (FigureJSON or dict) drawn as inline SVG, or None."""
    config = current_app.config
    if not config.get("ROADMAP_SERVER_CHARTS"):
        return None
    try:
        svg = figure_svg(
            figure,
            width or DEFAULT_WIDTH,
            height or box_height(figure),
            chromium=chromium_path(config),
            language=language(),
            timeout=TIMEOUT,
        )
    except Exception:  # noqa: BLE001 - a page draws its chart in the browser instead
        log.exception("The first paint of a chart could not be drawn")
        return None
    if not svg or not svg.startswith(b"<svg"):
        return None
    # Our own Chromium's serialisation of the figure, parsed and written again by
    # svg_tidy (text escaped, scripts and handlers dropped): markup, not user text.
    return Markup(svg.decode("utf-8"))  # nosec B704
