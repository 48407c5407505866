"""The S-curve figure: planned against actual cumulative percent complete, week by week.

It draws the series that roadmap/schedule/scurve.py computes (or a past month's, from
its history): anything with `dates`, `planned` and `actual` lists.
"""

from datetime import date

import plotly.graph_objects as go

from roadmap.charts import FONT_FAMILY, OKABE_ITO, TEMPLATE


def scurve_figure(series, today: date, labels=None) -> go.Figure:
    """Return the S-curve figure; `labels` holds translated title, axis and legend texts."""
    labels = {
        "title": "",
        "planned": "Planned",
        "actual": "Actual",
        "axis": "Cumulative % complete",
        "today": "Today",
        **{key: str(value) for key, value in (labels or {}).items()},
    }
    iso = [day.isoformat() for day in series.dates]
    figure = go.Figure(
        data=[
            go.Scatter(
                x=iso,
                y=series.planned,
                name=labels["planned"],
                mode="lines",
                line={"color": OKABE_ITO["blue"], "width": 2, "dash": "dash"},
                hovertemplate="%{x}<br>%{y:.0f} %<extra>" + labels["planned"] + "</extra>",
            ),
            go.Scatter(
                x=iso,
                y=series.actual,
                name=labels["actual"],
                mode="lines+markers",
                line={"color": OKABE_ITO["orange"], "width": 3},
                marker={"size": 5, "symbol": "circle"},
                hovertemplate="%{x}<br>%{y:.0f} %<extra>" + labels["actual"] + "</extra>",
            ),
        ],
        layout={
            "template": TEMPLATE,
            "title": {"text": labels["title"]},
            "font": {"family": FONT_FAMILY, "size": 12},
            "xaxis": {"type": "date"},
            "yaxis": {"title": {"text": labels["axis"]}, "range": [0, 105], "ticksuffix": " %"},
            "legend": {"orientation": "h", "y": -0.15},
            "margin": {"l": 60, "r": 10, "t": 40, "b": 40},
            "plot_bgcolor": "#ffffff",
            "shapes": [
                {
                    "type": "line",
                    "xref": "x",
                    "yref": "paper",
                    "x0": today.isoformat(),
                    "x1": today.isoformat(),
                    "y0": 0,
                    "y1": 1,
                    "line": {"color": OKABE_ITO["vermillion"], "width": 1, "dash": "dot"},
                }
            ],
            "annotations": [
                {
                    "x": today.isoformat(),
                    "xref": "x",
                    "y": 1,
                    "yref": "paper",
                    "yanchor": "bottom",
                    "text": labels["today"],
                    "showarrow": False,
                }
            ],
        },
    )
    return figure
