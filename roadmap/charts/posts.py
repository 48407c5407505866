"""Figures of the border posts: progress by country and the map, from plain values."""

from functools import partial
from html import escape as _escape

import plotly.graph_objects as go

from roadmap.charts import FONT_FAMILY, OKABE_ITO, TEMPLATE

# Plotly reads a few HTML tags in labels; a post named "<b>" must show as typed.
escape = partial(_escape, quote=False)

# One Okabe–Ito colour and one marker symbol per stage: the legend names the stage,
# so neither colour nor shape has to be told apart on its own.
STAGE_COLOURS = {
    "identified": OKABE_ITO["grey"],
    "assessed": OKABE_ITO["yellow"],
    "designed": OKABE_ITO["orange"],
    "procured": OKABE_ITO["sky_blue"],
    "works_in_progress": OKABE_ITO["blue"],
    "completed": OKABE_ITO["bluish_green"],
    "handed_over": OKABE_ITO["reddish_purple"],
}
STAGE_SYMBOLS = {
    "identified": "circle-open",
    "assessed": "circle",
    "designed": "square",
    "procured": "diamond",
    "works_in_progress": "triangle-up",
    "completed": "star",
    "handed_over": "hexagon",
}
TINT = "#dbe9f6"
# The four project countries and their borders, with a little margin.
REGION = {"lon": (-18.0, 17.0), "lat": (9.0, 28.0)}


def _layout(title: str) -> dict:
    return {
        "title": {"text": escape(title)},
        "font": {"family": FONT_FAMILY},
        "margin": {"l": 50, "r": 50, "t": 60, "b": 40},
        "legend": {"orientation": "h", "y": -0.15, "traceorder": "normal"},
    }


def progress_by_country(
    counts: dict,
    averages: dict,
    *,
    countries: list[tuple[str, str]],
    stages: list[tuple[str, str]],
    title: str,
    count_axis: str,
    average_label: str,
    average_axis: str,
) -> go.Figure:
    """Stack posts per stage for each country and mark each country's average progress.

    `counts` is {country: {stage: n}}, `averages` {country: percent}; `countries`
    and `stages` give the (code, translated name) pairs in display order.
    """
    names = [name for _code, name in countries]
    figure = go.Figure(layout={"template": TEMPLATE})  # replaces plotly's default
    for stage, stage_label in stages:
        figure.add_bar(
            name=stage_label,
            x=names,
            y=[counts.get(code, {}).get(stage, 0) for code, _name in countries],
            marker_color=STAGE_COLOURS[stage],
            marker_line={"color": "#333333", "width": 0.5},
            hovertemplate="%{x}<br>" + escape(stage_label) + ": %{y}<extra></extra>",
        )
    average = [round(averages.get(code, 0)) for code, _name in countries]
    figure.add_scatter(
        name=average_label,
        x=names,
        y=average,
        yaxis="y2",
        mode="markers+text",
        text=[f"{value} %" for value in average],
        textposition="top center",
        marker={
            "symbol": "diamond",
            "size": 13,
            "color": OKABE_ITO["black"],
            "line": {"color": "#ffffff", "width": 1.5},
        },
        textfont={"color": OKABE_ITO["black"]},
        hovertemplate="%{x}<br>" + escape(average_label) + ": %{y} %<extra></extra>",
    )
    figure.update_layout(
        **_layout(title),
        barmode="stack",
        yaxis={"title": {"text": escape(count_axis)}, "rangemode": "tozero", "dtick": 1},
        yaxis2={
            "title": {"text": escape(average_axis)},
            "overlaying": "y",
            "side": "right",
            "range": [0, 110],
            "tickvals": [0, 25, 50, 75, 100],
            "showgrid": False,
            "ticksuffix": " %",
        },
    )
    return figure


def posts_map(
    posts: list[dict],
    *,
    tinted: list[tuple[str, str]],
    stages: list[tuple[str, str]],
    title: str,
    stage_word: str,
    progress_word: str,
    partners_word: str = "",
    priority_word: str = "",
    resolution: int = 50,
) -> go.Figure:
    """Draw the project countries tinted and one marker per post, coloured by stage.

    Each post is {name, country_name, latitude, longitude, stage, progress} and, with
    `partners_word`, the `partners` active there (a text), with `priority_word` its
    `priority` (its word and rank, a text);
    `tinted` gives the (ISO-3, name) of the countries to tint.
    """
    figure = go.Figure(layout={"template": TEMPLATE})  # replaces plotly's default
    figure.add_choropleth(
        locations=[code for code, _name in tinted],
        locationmode="ISO-3",
        z=[1] * len(tinted),
        text=[escape(name) for _code, name in tinted],
        colorscale=[[0, TINT], [1, TINT]],
        showscale=False,
        marker_line={"color": "#5a6b7b", "width": 1},
        hovertemplate="%{text}<extra></extra>",
        showlegend=False,
    )
    for stage, stage_label in stages:
        members = [post for post in posts if post["stage"] == stage]
        if not members:
            continue
        figure.add_scattergeo(
            name=stage_label,
            lon=[post["longitude"] for post in members],
            lat=[post["latitude"] for post in members],
            text=[escape(post["name"]) for post in members],
            customdata=[
                [
                    escape(post.get("country_name", "")),
                    stage_label,
                    post["progress"],
                    escape(post.get("partners") or "—"),
                    escape(post.get("priority") or "—"),
                ]
                for post in members
            ],
            mode="markers",
            marker={
                "color": STAGE_COLOURS[stage],
                "symbol": STAGE_SYMBOLS[stage],
                "size": 11,
                # an open symbol is drawn by its line alone: make it thick enough to see
                "line": {
                    "color": "#1a1a1a",
                    "width": 2 if STAGE_SYMBOLS[stage].endswith("-open") else 1,
                },
            },
            hovertemplate=(
                "<b>%{text}</b> (%{customdata[0]})<br>"
                + escape(stage_word)
                + ": %{customdata[1]}<br>"
                + escape(progress_word)
                + ": %{customdata[2]} %"
                + (f"<br>{escape(priority_word)}: %{{customdata[4]}}" if priority_word else "")
                + (f"<br>{escape(partners_word)}: %{{customdata[3]}}" if partners_word else "")
                + "<extra></extra>"
            ),
        )
    figure.update_layout(
        **_layout(title),
        geo={
            "scope": "africa",
            # Natural Earth outlines at 1:50m (the map page) or 1:110m (a third of the bytes)
            "resolution": resolution,
            "projection": {"type": "mercator"},
            "lonaxis": {"range": list(REGION["lon"])},
            "lataxis": {"range": list(REGION["lat"])},
            "showcountries": True,
            "countrycolor": "#8a8a8a",
            "showland": True,
            "landcolor": "#f7f7f2",
            "showcoastlines": True,
            "coastlinecolor": "#8a8a8a",
            "showlakes": True,
            "showrivers": False,
        },
        height=560,
    )
    return figure
