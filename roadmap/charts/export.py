"""Plotly figures to SVG through Kaleido, driving the system's Chromium.

One Kaleido browser per process, opened on first use and reused: opening it
costs seconds, each figure afterwards a fraction of one. A report's figures go
to the browser in one call and are drawn at once, one per tab, and come back in
order. Drawn SVGs are kept in the one cache (roadmap/caching.py), keyed on the
figure's JSON, and tidied for WeasyPrint (see svg_tidy.py). Kaleido's own Chrome download is never used; without Chromium
every export returns None and the caller says where a chart could not be drawn.
"""

import asyncio
import atexit
import hashlib
import json
import logging
import os
import threading
from pathlib import Path

from flask import has_app_context

from roadmap import caching
from roadmap.charts.locale import plotly_config
from roadmap.charts.svg_tidy import tidy_svg

log = logging.getLogger(__name__)

DEFAULT_CHROMIUM = "/usr/bin/chromium"
RENDER_TIMEOUT = 60  # seconds for one figure, including the browser's first start
TABS = 3  # figures drawn at once (a report has five; Chromium has two cores to share)
TOPOJSON_DIR = Path(__file__).resolve().parents[2] / "static" / "vendor" / "topojson"
# Applies the config a figure carries (its locale) in Kaleido's page; see the file.
CONFIG_SCRIPT = Path(__file__).resolve().parent / "kaleido_config.js"


def chromium_path(config=None) -> str:
    """Return the Chromium executable configured for this app."""
    if config is not None and config.get("CHROMIUM_PATH"):
        return config["CHROMIUM_PATH"]
    return os.environ.get("CHROMIUM_PATH", DEFAULT_CHROMIUM)


def chromium_available(path: str) -> bool:
    """Tell whether a Chromium executable exists at path."""
    return os.path.isfile(path) and os.access(path, os.X_OK)


class _Renderer:
    """A Kaleido browser living on its own event-loop thread."""

    def __init__(self, chromium: str):
        import kaleido

        self.pid = os.getpid()
        self.closed = False
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, name="kaleido", daemon=True)
        self.thread.start()
        # mathjax=False: Kaleido would otherwise fetch MathJax from a CDN.
        # plotly.js comes from the plotly package, offline.
        page = kaleido.PageGenerator(mathjax=False, others=[CONFIG_SCRIPT])
        self.kaleido = kaleido.Kaleido(
            path=chromium, n=TABS, timeout=RENDER_TIMEOUT, page_generator=page
        )
        self.call(self.kaleido.open())

    def call(self, coroutine, timeout=RENDER_TIMEOUT):
        """Run a coroutine on the browser's loop and wait for its result."""
        return asyncio.run_coroutine_threadsafe(coroutine, self.loop).result(timeout)

    def svgs(self, jobs, timeout: float | None = None) -> list:
        """Return the SVG bytes (or the exception) of each (figure dict, width, height)."""
        topojson = TOPOJSON_DIR.as_uri() + "/" if TOPOJSON_DIR.is_dir() else None

        async def draw_all():
            return await asyncio.gather(
                *(
                    self.kaleido.calc_fig(
                        figure,
                        opts={"format": "svg", "width": w, "height": h},
                        topojson=topojson,
                    )
                    for figure, w, h in jobs
                ),
                return_exceptions=True,
            )

        return self.call(draw_all(), timeout=timeout or RENDER_TIMEOUT * max(len(jobs), 1))

    def close(self):
        if self.closed:
            return
        self.closed = True
        try:
            self.call(self.kaleido.close(), timeout=10)
        except Exception:  # noqa: BLE001 - closing at exit must never raise
            log.warning("Kaleido did not close cleanly", exc_info=True)
        self.loop.call_soon_threadsafe(self.loop.stop)


_renderer: _Renderer | None = None
_start_lock = threading.Lock()  # one browser start at a time


def _get_renderer(chromium: str) -> _Renderer:
    global _renderer
    with _start_lock:
        # A forked worker (gunicorn) cannot share its parent's browser.
        if _renderer is None or _renderer.pid != os.getpid():
            _renderer = _Renderer(chromium)
            atexit.register(_renderer.close)
        return _renderer


def _spec(figure) -> str:
    """Return a figure's JSON: a plotly Figure, its dict or its JSON text (a page's)."""
    if hasattr(figure, "to_json"):
        return figure.to_json()
    return str(figure) if isinstance(figure, str) else json.dumps(figure, sort_keys=True)


def _key(spec: str, width, height, config) -> str:
    text = f"{width}x{height}:{json.dumps(config, sort_keys=True)}:{spec}"
    return caching.key_of("chart_svg", hashlib.sha256(text.encode()).digest())


def _with_config(spec: str, config: dict) -> dict:
    """Return the figure's dict carrying its plotly.js config where kaleido_config.js reads it."""
    figure = json.loads(spec)
    layout = figure.setdefault("layout", {})
    meta = layout.get("meta")
    if meta is None or isinstance(meta, dict):
        layout["meta"] = {**(meta or {}), "config": config}
    return figure


def figures_svg(
    jobs, chromium: str | None = None, language: str = "en", timeout: float | None = None
) -> list:
    """Return SVG bytes for each (figure, width, height), or None where none could be drawn.

    Dates and numbers are written in `language` (plotly.js's locale, see locale.py);
    `timeout` bounds the wait in seconds (default: RENDER_TIMEOUT a figure).
    """
    chromium = chromium or chromium_path()
    if not jobs or not chromium_available(chromium):
        return [None] * len(jobs)
    config = plotly_config(language)
    specs = [(_spec(figure), width, height) for figure, width, height in jobs]
    keys = [_key(spec, width, height, config) for spec, width, height in specs]
    # Outside an app (a script drawing a figure) nothing is kept.
    keeping = has_app_context()
    found = caching.kept_many(keys) if keeping else {}
    missing = [(key, job) for key, job in zip(keys, specs, strict=True) if key not in found]
    if missing:
        try:
            drawn = _get_renderer(chromium).svgs(
                [(_with_config(spec, config), w, h) for _key_, (spec, w, h) in missing], timeout
            )
        except Exception:  # noqa: BLE001 - a chart that fails must not stop the report
            log.exception("Kaleido could not start or draw")
            drawn = [None] * len(missing)
        for (key, _job), result in zip(missing, drawn, strict=True):
            if isinstance(result, BaseException) or not result:
                log.error("Kaleido could not export a figure to SVG: %r", result)
                continue
            found[key] = tidy_svg(result)
            if keeping:
                caching.keep(key, found[key])
    return [found.get(key) for key in keys]


def figure_svg(
    figure, width=900, height=450, chromium=None, language="en", timeout=None
) -> bytes | None:
    """Return the figure as SVG bytes, or None when no browser can draw it."""
    return figures_svg([(figure, width, height)], chromium, language, timeout)[0]


def clear_cache() -> None:
    """Forget everything the app's cache holds, SVGs included (benchmarks measure drawing)."""
    caching.cache.clear()


def shutdown() -> None:
    """Close the browser (tests and benchmarks; the process exit does it otherwise)."""
    global _renderer
    with _start_lock:
        if _renderer is not None and _renderer.pid == os.getpid():
            _renderer.close()
        _renderer = None
