"""Long row labels on two short lines, so French names do not crowd a chart's bars.

The full label goes in the hover (and the page's table lists it); the axis shows at
most LINES lines of about WIDTH characters, the last one cut with an ellipsis.
"""

import textwrap

WIDTH = 24
LINES = 2


def wrap(label: str, width: int = WIDTH, lines: int = LINES) -> str:
    """Return the label broken at spaces into lines (plotly's <br>), cut after `lines`."""
    label = " ".join(str(label).split())
    if len(label) <= width:
        return label
    # Words are never split: an escaped "&amp;" stays whole.
    parts = textwrap.wrap(label, width, break_long_words=False, break_on_hyphens=False)
    if len(parts) > lines:
        rest = " ".join(parts[lines - 1 :])
        parts = [*parts[: lines - 1], textwrap.shorten(rest, width, placeholder=" …")]
    return "<br>".join(parts)
