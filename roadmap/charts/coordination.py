"""The coordination's heat map: how many activities each partner has in each place.

Labels arrive already translated. The count is written in every cell, so the
colour never tells it alone; the scale runs from white to Okabe–Ito blue, which
readers with any common colour-vision deficiency see as light to dark.
"""

from functools import partial
from html import escape as _escape

import plotly.graph_objects as go

from roadmap.charts import FONT_FAMILY, OKABE_ITO, TEMPLATE

escape = partial(_escape, quote=False)
SCALE = [[0.0, "#ffffff"], [0.5, OKABE_ITO["sky_blue"]], [1.0, OKABE_ITO["blue"]]]
ROW_HEIGHT = 28


def activity_matrix(
    counts: list[list[int]],
    *,
    rows: list[str],
    columns: list[str],
    title: str,
    count_word: str,
) -> go.Figure:
    """Return a heat map of counts[row][column], each cell labelled with its count."""
    peak = max((value for row in counts for value in row), default=0)
    figure = go.Figure(layout={"template": TEMPLATE})
    figure.add_heatmap(
        z=counts,
        x=[escape(name) for name in columns],
        y=[escape(name) for name in rows],
        text=[[str(value) if value else "" for value in row] for row in counts],
        texttemplate="%{text}",
        textfont={"size": 13},
        colorscale=SCALE,
        zmin=0,
        zmax=max(peak, 1),
        xgap=2,
        ygap=2,
        colorbar={"title": {"text": escape(count_word)}, "thickness": 12},
        hovertemplate="%{y} · %{x}: %{z}<extra></extra>",
    )
    figure.update_layout(
        title={"text": escape(title)},
        font={"family": FONT_FAMILY},
        margin={"l": 160, "r": 40, "t": 60, "b": 90},
        yaxis={"autorange": "reversed", "automargin": True},
        xaxis={"side": "bottom", "automargin": True, "tickangle": -30},
        height=140 + ROW_HEIGHT * max(len(rows), 1),
    )
    return figure
