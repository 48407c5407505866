"""Results charts: an indicator's target against its actual, period by period.

Labels arrive already translated.
"""

import plotly.graph_objects as go

from roadmap.charts import FONT_FAMILY, OKABE_ITO, TEMPLATE


def target_vs_actual(
    periods: list[str],
    targets: list,
    actuals: list,
    *,
    title: str,
    target_label: str,
    actual_label: str,
    y_title: str = "",
    height: int = 280,
) -> go.Figure:
    """Return the targets as a dashed line over the actuals as bars, one per period."""
    figure = go.Figure()
    figure.add_bar(
        x=periods,
        y=actuals,
        name=actual_label,
        marker={"color": OKABE_ITO["blue"]},
        hovertemplate="%{x}: %{y}<extra>" + actual_label + "</extra>",
    )
    figure.add_scatter(
        x=periods,
        y=targets,
        name=target_label,
        mode="lines+markers",
        line={"color": OKABE_ITO["orange"], "dash": "dash"},
        marker={"symbol": "diamond", "size": 9},
        connectgaps=True,
        hovertemplate="%{x}: %{y}<extra>" + target_label + "</extra>",
    )
    figure.layout.template = TEMPLATE  # replaces plotly's default (update_layout would merge)
    figure.update_layout(
        title={"text": title, "x": 0},
        font={"family": FONT_FAMILY, "size": 13},
        height=height,
        margin={"l": 10, "r": 10, "t": 50, "b": 40},
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.0, "x": 0},
        plot_bgcolor="white",
        xaxis={"type": "category"},
        yaxis={"title": {"text": y_title}, "gridcolor": "#ddd", "rangemode": "tozero"},
    )
    return figure
