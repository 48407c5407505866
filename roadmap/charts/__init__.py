"""Plotly figures built from plain data; the page, the HTML report and the PDF share them.

Every function here takes plain values (dicts, dates, numbers, translated
strings) and returns a plotly Figure; none touches the database or Flask.
"""

import json

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


def figure_payload(figure) -> dict:
    """Return the figure as a plain dict, ready for `|tojson` in a template."""
    return json.loads(figure.to_json())
