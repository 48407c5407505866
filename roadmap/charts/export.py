"""Plotly figures to SVG through Kaleido, driving the system's Chromium.

One Kaleido browser per process, opened on first use and reused: opening it
costs about two seconds, each figure afterwards a fraction of one. Kaleido's own
Chrome download is never used; without Chromium every export returns None and
the caller says where a chart could not be drawn.
"""

import asyncio
import atexit
import logging
import os
import threading
from pathlib import Path

log = logging.getLogger(__name__)

DEFAULT_CHROMIUM = "/usr/bin/chromium"
RENDER_TIMEOUT = 60  # seconds for one figure, including the browser's first start
TOPOJSON_DIR = Path(__file__).resolve().parents[2] / "static" / "vendor" / "topojson"


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
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(
            target=self.loop.run_forever, name="kaleido", daemon=True
        )
        self.thread.start()
        # mathjax=False: Kaleido would otherwise fetch MathJax from a CDN.
        # plotly.js comes from the plotly package, offline.
        self.kaleido = kaleido.Kaleido(path=chromium, n=1, timeout=RENDER_TIMEOUT, mathjax=False)
        self._run(self.kaleido.open())

    def _run(self, coroutine, timeout=RENDER_TIMEOUT):
        return asyncio.run_coroutine_threadsafe(coroutine, self.loop).result(timeout)

    def svg(self, figure, width: int, height: int) -> bytes:
        opts = {"format": "svg", "width": width, "height": height}
        topojson = TOPOJSON_DIR.as_uri() + "/" if TOPOJSON_DIR.is_dir() else None
        return self._run(self.kaleido.calc_fig(figure, opts=opts, topojson=topojson))

    def close(self):
        try:
            self._run(self.kaleido.close(), timeout=10)
        except Exception:  # noqa: BLE001 - closing at exit must never raise
            log.warning("Kaleido did not close cleanly", exc_info=True)
        self.loop.call_soon_threadsafe(self.loop.stop)


_renderer: _Renderer | None = None
_lock = threading.Lock()


def _get_renderer(chromium: str) -> _Renderer:
    global _renderer
    with _lock:
        # A forked worker (gunicorn) cannot share its parent's browser.
        if _renderer is None or _renderer.pid != os.getpid():
            _renderer = _Renderer(chromium)
            atexit.register(_renderer.close)
        return _renderer


def figure_svg(figure, width: int = 900, height: int = 450, chromium: str | None = None):
    """Return the figure as SVG bytes, or None when no browser can draw it."""
    chromium = chromium or chromium_path()
    if not chromium_available(chromium):
        return None
    try:
        return _get_renderer(chromium).svg(figure, width, height)
    except Exception:  # noqa: BLE001 - a chart that fails must not stop the report
        log.exception("Kaleido could not export a figure to SVG")
        return None


def shutdown() -> None:
    """Close the browser (tests and benchmarks; the process exit does it otherwise)."""
    global _renderer
    with _lock:
        if _renderer is not None and _renderer.pid == os.getpid():
            _renderer.close()
        _renderer = None
