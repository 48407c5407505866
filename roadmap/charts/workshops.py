"""Workshop charts: who took part, and how the follow-up of the outcomes stands.

Labels arrive already translated; codes stay codes until a label dict names them.
"""

import html

import plotly.graph_objects as go

from roadmap.charts import FONT_FAMILY, OKABE_ITO, TEMPLATE
from roadmap.charts.wrapping import wrap

# One colour per series, in the order the series are given (Okabe–Ito).
SERIES_COLOURS = (
    OKABE_ITO["blue"],
    OKABE_ITO["orange"],
    OKABE_ITO["bluish_green"],
    OKABE_ITO["reddish_purple"],
    OKABE_ITO["sky_blue"],
    OKABE_ITO["vermillion"],
    OKABE_ITO["yellow"],
    OKABE_ITO["grey"],
)
# Outcome statuses keep the hue of their badge on the page.
STATUS_COLOURS = {
    "not_started": OKABE_ITO["grey"],
    "in_progress": OKABE_ITO["blue"],
    "constrained": OKABE_ITO["orange"],
    "completed": OKABE_ITO["bluish_green"],
    "discontinued": OKABE_ITO["black"],
}


def _layout(figure, title: str, x_title: str, y_title: str = "", rows: int = 1):
    figure.layout.template = TEMPLATE  # replaces plotly's default (update_layout would merge)
    figure.update_layout(
        title={"text": title, "x": 0},
        font={"family": FONT_FAMILY, "size": 13},
        barmode="stack",
        height=max(260, 120 + 34 * rows),
        margin={"l": 10, "r": 10, "t": 50, "b": 40},
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.0, "x": 0, "traceorder": "normal"},
        plot_bgcolor="white",
        xaxis={"title": {"text": x_title}, "gridcolor": "#ddd", "rangemode": "tozero"},
        yaxis={"title": {"text": y_title}, "automargin": True, "autorange": "reversed"},
    )
    return figure


def stacked_bars(
    values: dict,
    row_labels: dict,
    series_labels: dict,
    *,
    title: str,
    x_title: str,
    y_title: str = "",
    colours: dict | None = None,
) -> go.Figure:
    """Return horizontal bars, one per row, stacked by series.

    values[row][series] is a count; rows and series are drawn in the order of
    row_labels and series_labels; a series that is zero everywhere is left out.
    """
    figure = go.Figure()
    rows = [row for row in row_labels if row in values]
    for index, (series, name) in enumerate(series_labels.items()):
        counts = [values[row].get(series, 0) for row in rows]
        if not any(counts):
            continue
        colour = (colours or {}).get(series, SERIES_COLOURS[index % len(SERIES_COLOURS)])
        figure.add_trace(
            go.Bar(
                name=str(name),
                orientation="h",
                y=[wrap(row_labels[row]) for row in rows],
                x=counts,
                customdata=[str(row_labels[row]) for row in rows],  # the whole label
                marker={"color": colour, "line": {"color": "white", "width": 1}},
                text=[count or "" for count in counts],
                textposition="inside",
                hovertemplate="%{customdata}: %{x}<extra>" + str(name) + "</extra>",
            )
        )
    _layout(figure, title, x_title, y_title, rows=len(rows))
    largest = max((sum(values[row].values()) for row in rows), default=0)
    if largest <= 10:
        # Counts of people or outcomes: no ticks between whole numbers.
        figure.update_xaxes(tick0=0, dtick=1)
    return figure


def delegates_by_country(
    values: dict, country_labels: dict, series_labels: dict, *, title: str, x_title: str
) -> go.Figure:
    """Return participants per country, stacked by sex or by organisation type."""
    return stacked_bars(values, country_labels, series_labels, title=title, x_title=x_title)


def women_share(
    shares: dict,
    row_labels: dict,
    *,
    title: str,
    x_title: str,
    overall: float | None = None,
    overall_label: str = "",
) -> go.Figure:
    """Return the percentage of women per row, with the overall share as a dashed line.

    shares[row] is a percentage or None (nobody came); None rows are left out.
    """
    rows = [row for row in row_labels if shares.get(row) is not None]
    values = [round(shares[row], 1) for row in rows]
    figure = go.Figure(
        go.Bar(
            orientation="h",
            y=[wrap(row_labels[row]) for row in rows],
            x=values,
            customdata=[str(row_labels[row]) for row in rows],  # the whole label
            marker={"color": OKABE_ITO["reddish_purple"]},
            text=[f"{value:.0f} %" for value in values],
            textposition="outside",
            cliponaxis=False,
            hovertemplate="%{customdata}: %{x:.1f} %<extra></extra>",
            showlegend=False,
        )
    )
    _layout(figure, title, x_title, rows=len(rows))
    figure.update_layout(xaxis={"range": [0, 100], "ticksuffix": " %"})
    if overall is not None:
        figure.add_vline(
            x=overall,
            line={"color": OKABE_ITO["black"], "dash": "dash", "width": 1.5},
            annotation={"text": overall_label, "showarrow": False, "yanchor": "bottom"},
            annotation_position="top",
        )
    return figure


def outcome_status_by_responsible(
    counts: dict, status_labels: dict, *, title: str, x_title: str
) -> go.Figure:
    """Return outcomes per responsible party, stacked by follow-up status.

    counts[responsible][status] is a count; parties are drawn most outcomes first.
    """
    order = sorted(counts, key=lambda party: (-sum(counts[party].values()), party))
    return stacked_bars(
        counts,
        # Parties are typed by users; plotly reads tags in labels, so escape them.
        {party: html.escape(party, quote=False) for party in order},
        status_labels,
        title=title,
        x_title=x_title,
        colours=STATUS_COLOURS,
    )
