"""The Gantt chart's frame: dependency arrows and the layout (rows, axis, today line).

Pure functions over what charts.gantt computed: positions, milliseconds and texts.
"""

from array import array
from datetime import date, timedelta
from operator import itemgetter

from roadmap.charts import FONT_FAMILY, OKABE_ITO
from roadmap.charts.arrays import Column, gather, typed, typed_rows

LATE_COLOUR = OKABE_ITO["vermillion"]
ARROW_COLOUR = "#555555"
ROW_HEIGHT = 24
_GAP = (float("nan"),)


def arrows(dependencies, index_of, columns, name) -> dict:
    """Return one trace of elbow arrows from each predecessor's end to its successor's start.

    Each arrow is three points and a gap (NaN); only its last point shows a marker.
    `index_of` maps a milestone's id to its row in `columns` (y, start and end ms);
    arrows to or from milestones not drawn are left out.
    """
    pairs = dependencies if isinstance(dependencies, (list, tuple)) else list(dependencies)
    before = list(map(index_of.get, map(itemgetter(0), pairs)))
    after = list(map(index_of.get, map(itemgetter(1), pairs)))
    if None in before or None in after:
        drawn = [pair for pair in zip(before, after, strict=False) if None not in pair]
        before, after = (list(map(itemgetter(side), drawn)) for side in (0, 1))
    count = len(before)
    # Point i of arrow k is at 4k + i: the predecessor's end, the same x on the
    # successor's row, the successor's start, then a gap; written a column at a time.
    xs, ys = array("d", _GAP) * (4 * count), array("f", _GAP) * (4 * count)
    if count:
        pred_end = array("d", gather(columns["end"], before))
        xs[0::4], xs[1::4] = pred_end, pred_end
        xs[2::4] = array("d", gather(columns["start"], after))
        rows = columns["y"]
        succ_y = array("f", gather(rows, after))
        ys[0::4], ys[1::4], ys[2::4] = array("f", gather(rows, before)), succ_y, succ_y
    return {
        "type": "scatter",
        "mode": "lines+markers",
        "name": name,
        "hoverinfo": "skip",
        "x": typed(xs),
        "y": typed(ys, "f4"),
        "line": {"color": ARROW_COLOUR, "width": 1},
        "marker": {
            "symbol": "arrow",
            "size": typed((0, 0, 9, 0) * count, "u1"),
            "angleref": "previous",
            "color": ARROW_COLOUR,
        },
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
            "autorange": "reversed",
            "tickmode": "array",
            "automargin": True,
            "tickvals": typed_rows(range(len(ticktext)), len(ticktext)),
            "ticktext": Column(ticktext),
            "showgrid": False,
            "zeroline": False,
            "fixedrange": True,
        },
        "legend": {"orientation": "h", "y": -0.02, "yanchor": "top", "x": 0},
        "shapes": [
            {
                "type": "line",
                "xref": "x",
                "yref": "paper",
                "x0": today_iso,
                "x1": today_iso,
                "y0": 0,
                "y1": 1,
                "line": {"color": LATE_COLOUR, "width": 2, "dash": "dash"},
            }
        ],
        "annotations": [
            {
                "x": today_iso,
                "xref": "x",
                "y": 1,
                "yref": "paper",
                "yanchor": "bottom",
                "text": labels["today"],
                "showarrow": False,
                "font": {"color": LATE_COLOUR},
            }
        ],
    }
