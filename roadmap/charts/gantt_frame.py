"""The Gantt chart's frame: dependency arrows and the layout (rows, axis, today line).

Pure functions over what charts.gantt computed: positions, milliseconds and texts.
"""

from datetime import date, timedelta
from itertools import chain, compress, repeat
from operator import itemgetter

from roadmap.charts import FONT_FAMILY, OKABE_ITO
from roadmap.charts.arrays import Column, typed, typed_rows

LATE_COLOUR = OKABE_ITO["vermillion"]
ARROW_COLOUR = "#555555"
ROW_HEIGHT = 24


def arrows(dependencies, where, name) -> dict:
    """Return one trace of elbow arrows from each predecessor's end to its successor's start.

    Each arrow is three points and a gap (NaN); only its last point shows a marker.
    `where` maps a milestone's id to its (y, start ms, end ms); arrows to or from
    milestones not drawn are left out.
    """
    pairs = list(dependencies)
    before = list(map(where.get, map(itemgetter(0), pairs)))
    after = list(map(where.get, map(itemgetter(1), pairs)))
    drawn = list(compress(zip(before, after), map(all, zip(before, after))))
    xs, ys = [], []
    if drawn:
        (pred_y, _starts, pred_end), (succ_y, succ_start, _ends) = (
            zip(*side) for side in zip(*drawn))
        gaps = repeat(float("nan"))
        xs = list(chain.from_iterable(zip(pred_end, pred_end, succ_start, gaps)))
        ys = list(chain.from_iterable(zip(pred_y, succ_y, succ_y, gaps)))
    return {
        "type": "scatter", "mode": "lines+markers", "name": name, "hoverinfo": "skip",
        "x": typed(xs), "y": typed(ys, "f4"),
        "line": {"color": ARROW_COLOUR, "width": 1},
        "marker": {"symbol": "arrow", "size": typed((0, 0, 9, 0) * len(drawn), "u1"),
                   "angleref": "previous", "color": ARROW_COLOUR},
        "connectgaps": False,
        "meta": {"layer": "dependencies"},
    }


def layout(ticktext, today, labels, zoom) -> dict:
    today_iso = date.isoformat(today)
    xaxis = {"type": "date", "showgrid": True, "gridcolor": "#e5e5e5", "side": "top"}
    if zoom is not None:
        xaxis["range"] = [date.isoformat(zoom[0]), date.isoformat(zoom[1] + timedelta(days=1))]
    return {
        "title": {"text": labels["title"]},
        "barmode": "overlay",
        "height": max(260, 110 + ROW_HEIGHT * max(len(ticktext), 1)),
        "margin": {"l": 10, "r": 10, "t": 90, "b": 30},
        "font": {"family": FONT_FAMILY, "size": 12},
        "plot_bgcolor": "#ffffff",
        "hovermode": "closest",
        "hoverlabel": {"align": "left"},
        # Everything is styled here: without its default template (hundreds of nested
        # settings) plotly copies and writes the figure in much less time.
        "template": {},
        "xaxis": xaxis,
        "yaxis": {
            "autorange": "reversed", "tickmode": "array", "automargin": True,
            "tickvals": typed_rows(range(len(ticktext)), len(ticktext)),
            "ticktext": Column(ticktext),
            "showgrid": False, "zeroline": False, "fixedrange": True,
        },
        "legend": {"orientation": "h", "y": -0.02, "yanchor": "top", "x": 0},
        "shapes": [{
            "type": "line", "xref": "x", "yref": "paper", "x0": today_iso, "x1": today_iso,
            "y0": 0, "y1": 1, "line": {"color": LATE_COLOUR, "width": 2, "dash": "dash"},
        }],
        "annotations": [{
            "x": today_iso, "xref": "x", "y": 1, "yref": "paper", "yanchor": "bottom",
            "text": labels["today"], "showarrow": False, "font": {"color": LATE_COLOUR},
        }],
    }
