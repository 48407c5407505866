"""Plotly figures built from plain data; the page, the HTML report and the PDF share them.

Every function here takes plain values (dicts, dates, numbers, translated
strings) and returns a plotly Figure; none touches the database or Flask.
"""

import json

from markupsafe import Markup

# Okabe–Ito: distinguishable by readers with the common colour-vision deficiencies.
OKABE_ITO = {
    "orange": "#E69F00",
    "sky_blue": "#56B4E9",
    "bluish_green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "reddish_purple": "#CC79A7",
    "black": "#000000",
    "grey": "#999999",
}
FONT_FAMILY = "DejaVu Sans, Arial, sans-serif"
_AXIS = {
    "gridcolor": "#e5e5e5",
    "linecolor": "#bbbbbb",
    "zerolinecolor": "#cccccc",
    "automargin": True,
}
# The look every chart shares, small enough to travel with each figure: plotly's
# default template is 7 KB of settings in every figure's JSON, most of them for
# chart types never drawn here. Numbers in strings stay text ("strict"), as there.
TEMPLATE = {
    "layout": {
        "font": {"family": FONT_FAMILY, "color": "#2a3f5f"},
        "colorway": [
            OKABE_ITO[name]
            for name in (
                "blue",
                "orange",
                "bluish_green",
                "vermillion",
                "sky_blue",
                "reddish_purple",
                "yellow",
                "grey",
            )
        ],
        "paper_bgcolor": "#ffffff",
        "plot_bgcolor": "#ffffff",
        "xaxis": _AXIS,
        "yaxis": _AXIS,
        "hoverlabel": {"align": "left"},
        "hovermode": "closest",
        "title": {"x": 0.05},
        "autotypenumbers": "strict",
    }
}


# What Jinja's |tojson escapes beyond plotly's encoder (which escapes <, > and /).
_HTML_SAFE = (("&", "\\u0026"), ("'", "\\u0027"))


class FigureJSON(Markup):
    """A figure serialised once, safe to write as is into HTML (as `|tojson` output is).

    Made only by figure_json() from plotly's encoder, never from other text. The
    chart() macro writes it into its <script type="application/json"> unchanged.
    """

    height = None  # the figure's layout height in pixels, when it sets one


def figure_json(figure) -> FigureJSON:
    """Return the figure's JSON for a page, serialised once (not dumped, loaded, re-dumped)."""
    # plotly/io/_json.py escapes <, > and / (and U+2028/9 with orjson) inside strings,
    # so no "</script>" or "<!--" can appear; & and ' are escaped too, like |tojson.
    text = figure.to_json()
    for unsafe, escaped in _HTML_SAFE:
        text = text.replace(unsafe, escaped)
    found = FigureJSON(text)
    found.height = figure.layout.height
    return found


def figure_payload(figure) -> dict:
    """Return the figure as a plain dict, for a JSON response (pages use figure_json)."""
    return json.loads(figure.to_json())
