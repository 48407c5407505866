"""The Gantt chart: one row per milestone, grouped by workstream, as a Plotly figure.

Bars are `go.Bar(orientation="h", base=<ISO start>, x=<duration in ms>)` on a date
axis; dates are inclusive, so a bar runs to the end of its last day. Rows sit at
numeric positions (tick labels carry the shortened titles and workstream headers)
so equal titles never merge. The figure has one trace per layer — baseline, each
status, work done, behind schedule, diamonds per status, dependencies — never one
per milestone, so thousands of rows stay fast to build, serialise and draw.

Speed: numeric arrays go out as plotly typed arrays (base64, as plotly.py does for
numpy), the columns are computed with comprehensions, and the figure is built
without plotly's per-element validation (tests validate it against the schema).
Dependency arrows are one line trace whose last point of each arrow carries an
arrow marker turned along the line (angleref="previous"), not one annotation per
arrow, which would be slow in Python and in the browser.
"""

import base64
import sys
from array import array
from datetime import date, timedelta
from html import escape

import plotly.graph_objects as go

from roadmap.charts import FONT_FAMILY, OKABE_ITO
from roadmap.schedule.health import health as derive_health

DAY_MS = 86_400_000
EPOCH_ORDINAL = date(1970, 1, 1).toordinal()
HOVER = "%{hovertext}<extra></extra>"
STATUS_ORDER = ("planned", "in_progress", "done", "cancelled")
STATUS_COLOURS = {
    "planned": OKABE_ITO["sky_blue"],
    "in_progress": OKABE_ITO["blue"],
    "done": OKABE_ITO["bluish_green"],
    "cancelled": OKABE_ITO["grey"],
}
LATE_COLOUR = OKABE_ITO["vermillion"]
DONE_COLOUR = "rgba(0,0,0,0.65)"
BASELINE_COLOUR = "rgba(120,120,120,0.55)"
ARROW_COLOUR = "#555555"
TITLE_LENGTH = 38
ROW_HEIGHT = 24
# (width, offset) inside a row; the y axis is reversed, so a larger offset is lower.
CURRENT_BAR, STRIPE, BASELINE_BAR = (0.5, -0.32), (0.16, -0.15), (0.14, 0.22)

# English fallbacks; views pass the translated texts (schedule.queries.gantt_labels).
DEFAULT_LABELS = {
    "statuses": {code: code.replace("_", " ").capitalize() for code in STATUS_ORDER},
    "health": {"on_track": "On track", "at_risk": "At risk", "late": "Late"},
    "title": "", "baseline": "Baseline", "work_done": "Work done",
    "behind": "Behind schedule", "dependency": "Dependency", "today": "Today",
    "dates": "Dates", "percent": "Complete", "owner": "Owner", "slip": "Slip",
    "days": "days", "health_label": "Health", "status_label": "Status",
    "baseline_dates": "Baseline",
}


def shorten(title: str, length: int = TITLE_LENGTH) -> str:
    """Return the title on one line, cut to `length` characters with an ellipsis."""
    title = str(title)
    if len(title) > length or "  " in title or "\n" in title or "\t" in title:
        title = " ".join(title.split())
    return title if len(title) <= length else title[: length - 1].rstrip() + "…"


def _iso(day: date) -> str:
    return day.isoformat()


def _ms(day: date) -> int:
    """Return midnight UTC of `day` in milliseconds since 1970, as a date axis reads numbers."""
    return (day.toordinal() - EPOCH_ORDINAL) * DAY_MS


class _DayMs(dict):
    """Dates to milliseconds, each computed once (a chart has few distinct days)."""

    def __missing__(self, day):
        value = self[day] = _ms(day)
        return value


class _IsoDay(dict):
    """Milliseconds (midnight UTC) back to ISO dates, each computed once."""

    def __missing__(self, ms):
        value = self[ms] = date.fromordinal(EPOCH_ORDINAL + int(ms) // DAY_MS).isoformat()
        return value


class _DateText(dict):
    """Dates to their text in the reader's language, each formatted once."""

    def __init__(self, format_date):
        super().__init__()
        self.format_date = format_date

    def __missing__(self, day):
        value = self[day] = str(self.format_date(day))
        return value


class _Strings(list):
    """A list of strings that plotly's deep copies copy in one step (strings are immutable)."""

    def __deepcopy__(self, memo):
        return _Strings(self)


def _typed(values) -> dict:
    """Return numbers as a plotly typed-array spec: compact JSON, no per-item work."""
    values = array("d", values)
    if sys.byteorder != "little":
        values.byteswap()
    return {"dtype": "f8", "bdata": base64.b64encode(values.tobytes()).decode("ascii")}


def _text(value) -> str:
    """Escape user text for plotly, which reads a few HTML tags in labels."""
    value = str(value)
    if "<" in value or ">" in value or "&" in value:
        return escape(value, quote=False)
    return value


def _hover_maker(labels, format_date):
    """Return a function making one row's hover text; labels and dates are reused."""
    dates = _DateText(format_date)
    statuses = {code: f"<br>{labels['status_label']}: {text}"
                for code, text in labels["statuses"].items()}
    healths = {code: f"<br>{labels['health_label']}: {text}"
               for code, text in labels["health"].items()}
    dates_prefix = f"<br>{labels['dates']}: "
    baseline_prefix = f"<br>{labels['baseline_dates']}: "
    percent_prefix = f"<br>{labels['percent']}: "
    owner_prefix = f"<br>{labels['owner']}: "
    slip_prefix, days = f"<br>{labels['slip']}: ", labels["days"]

    def hover(row, health) -> str:
        baseline_start, baseline_end = row.get("baseline_start"), row.get("baseline_end")
        owner, slip = row.get("owner"), row.get("slip")
        return "".join((
            "<b>", _text(row["title"]), "</b>",
            statuses.get(row["status"]) or f"<br>{row['status']}",
            dates_prefix, dates[row["start"]], " – ", dates[row["end"]],
            f"{baseline_prefix}{dates[baseline_start]} – {dates[baseline_end]}"
            if baseline_start and baseline_end else "",
            percent_prefix, str(row.get("percent") or 0), " %",
            f"{owner_prefix}{_text(owner)}" if owner else "",
            f"{slip_prefix}{slip:+d} {days}" if slip is not None else "",
            healths.get(health) or f"<br>{health}",
        ))

    return hover


def _layout_rows(rows):
    """Return (rows with their y position, tick texts); a header row opens each workstream."""
    placed, ticktext = [], []
    current = object()
    for row in rows:
        workstream = row.get("workstream") or ""
        if workstream != current:
            current = workstream
            ticktext.append(f"<b>{_text(shorten(workstream, TITLE_LENGTH + 4))}</b>")
        placed.append((len(ticktext), row))
        ticktext.append(_text(shorten(row["title"])))
    return placed, ticktext


def _pick(indexes, ys, starts, ends, texts=None) -> dict:
    """Return the y, start and length (and hover texts) of the rows at `indexes`."""
    layer = {
        "y": [ys[i] for i in indexes],
        "base": [starts[i] for i in indexes],
        "x": [ends[i] - starts[i] for i in indexes],
    }
    if texts is not None:
        layer["text"] = _Strings([texts[i] for i in indexes])
    return layer


def gantt_figure(rows, today: date, labels=None, dependencies=(), window=None,
                 project_range=None, format_date=_iso) -> go.Figure:
    """Return the Gantt figure of `rows` (plain dicts, already ordered by workstream).

    Each row: id, title, workstream, start, end, status, percent; optional
    baseline_start, baseline_end, owner, slip (days), health (derived if absent).
    `dependencies` are (predecessor id, successor id) pairs; `window` (start, end)
    keeps only rows overlapping it and zooms to it (the dashboard's next 60 days);
    `project_range` (start, end) sets the initial zoom; `labels` holds the
    translated texts (keys of DEFAULT_LABELS); `format_date` formats hover dates.
    """
    labels = {**DEFAULT_LABELS, **(labels or {})}
    if window is not None:
        rows = [row for row in rows if row["end"] >= window[0] and row["start"] <= window[1]]
    placed, ticktext = _layout_rows(rows)

    # Column by column: comprehensions are several times faster than a loop of calls.
    today_ms, day_ms = _ms(today), _DayMs()
    ys = [y for y, _row in placed]
    items = [row for _y, row in placed]
    healths = [
        row.get("health") or derive_health(row["status"], row["start"], row["end"],
                                           row.get("percent") or 0, today, row.get("baseline_end"))
        for row in items
    ]
    starts = [day_ms[row["start"]] for row in items]
    ends = [day_ms[row["end"]] + DAY_MS for row in items]
    hover = _hover_maker(labels, format_date)
    texts = [hover(row, health) for row, health in zip(items, healths)]
    # The progress date at an even pace, as schedule.health.progress_date computes it.
    reached = [
        min(start + (end - start) // DAY_MS * (row.get("percent") or 0) // 100 * DAY_MS, end)
        for start, end, row in zip(starts, ends, items)
    ]

    groups = {(point, code): [] for point in (False, True) for code in STATUS_ORDER}
    for i, row in enumerate(items):
        code = row["status"] if row["status"] in STATUS_COLOURS else "planned"
        groups[(row["start"] == row["end"], code)].append(i)
    running = groups[(False, "planned")] + groups[(False, "in_progress")]
    with_done = sorted(i for i in running + groups[(False, "done")] if reached[i] > starts[i])
    # Redmine's rule: the work between the progress date and today is behind schedule.
    behind = sorted(i for i in running if min(today_ms, ends[i]) > reached[i])
    with_baseline = [i for i, row in enumerate(items)
                     if row.get("baseline_start") and row.get("baseline_end")]
    baseline_starts = [day_ms[row.get("baseline_start")] if row.get("baseline_start") else 0
                       for row in items]
    baseline_ends = [day_ms[row["baseline_end"]] + DAY_MS if row.get("baseline_end") else 0
                     for row in items]

    iso = _IsoDay()
    statuses = labels["statuses"]

    def bar(layer, data, name, colour, shape, group=None, hovered=False):
        trace = {
            "type": "bar", "orientation": "h", "name": name, "legendgroup": group or layer,
            "y": _typed(data["y"]), "base": _Strings([iso[ms] for ms in data["base"]]),
            "x": _typed(data["x"]), "width": shape[0], "offset": shape[1],
            "marker": {"color": colour, "line": {"width": 1 if hovered else 0, "color": colour}},
            "meta": {"layer": layer},
        }
        if hovered:
            trace.update(hovertext=data["text"], hovertemplate=HOVER)
        else:
            trace["hoverinfo"] = "skip"
        return trace

    def diamonds(code):
        data = _pick(groups[(True, code)], ys, starts, starts, texts)
        return {
            "type": "scatter", "mode": "markers", "name": statuses.get(code, code),
            "legendgroup": code, "showlegend": False, "meta": {"layer": f"point:{code}"},
            "x": _Strings([iso[ms] for ms in data["base"]]), "y": _typed(data["y"]),
            "marker": {"symbol": "diamond", "size": 13, "color": STATUS_COLOURS[code],
                       "line": {"width": 1, "color": "#000000"}},
            "hovertext": data["text"], "hovertemplate": HOVER,
        }

    where = {row["id"]: (y, start, end) for row, y, start, end in zip(items, ys, starts, ends)}
    traces = [
        bar("baseline", _pick(with_baseline, ys, baseline_starts, baseline_ends),
            labels["baseline"], BASELINE_COLOUR, BASELINE_BAR),
        *(bar(f"current:{code}", _pick(groups[(False, code)], ys, starts, ends, texts),
              statuses.get(code, code), STATUS_COLOURS[code], CURRENT_BAR, code, True)
          for code in STATUS_ORDER),
        bar("done", _pick(with_done, ys, starts, reached), labels["work_done"], DONE_COLOUR,
            STRIPE),
        bar("late", _pick(behind, ys, reached, [min(today_ms, e) for e in ends]),
            labels["behind"], LATE_COLOUR, STRIPE),
        *(diamonds(code) for code in STATUS_ORDER),
        _arrows(dependencies, where, labels["dependency"]),
    ]
    layout = _layout(ticktext, today, labels, window or project_range)
    # Plotly's per-element validation costs more than building the whole figure;
    # the structure is fixed here and validated against the schema by the tests.
    return go.Figure({"data": traces, "layout": layout}, _validate=False)


def _arrows(dependencies, where, name) -> dict:
    """Return one trace of elbow arrows from each predecessor's end to its successor's start.

    Each arrow is three points and a gap (NaN); only its last point shows a marker.
    """
    pairs = [(where[pred], where[succ]) for pred, succ in dependencies
             if pred in where and succ in where]
    gap = float("nan")
    return {
        "type": "scatter", "mode": "lines+markers", "name": name, "hoverinfo": "skip",
        "x": _typed([x for (_py, _ps, pe), (_sy, ss, _se) in pairs for x in (pe, pe, ss, gap)]),
        "y": _typed([y for (py, _ps, _pe), (sy, _ss, _se) in pairs for y in (py, sy, sy, gap)]),
        "line": {"color": ARROW_COLOUR, "width": 1},
        "marker": {"symbol": "arrow", "size": _typed((0, 0, 9, 0) * len(pairs)),
                   "angleref": "previous", "color": ARROW_COLOUR},
        "connectgaps": False,
        "meta": {"layer": "dependencies"},
    }


def _layout(ticktext, today, labels, zoom) -> dict:
    today_iso = _iso(today)
    xaxis = {"type": "date", "showgrid": True, "gridcolor": "#e5e5e5", "side": "top"}
    if zoom is not None:
        xaxis["range"] = [_iso(zoom[0]), _iso(zoom[1] + timedelta(days=1))]
    return {
        "title": {"text": labels["title"]},
        "barmode": "overlay",
        "height": max(260, 110 + ROW_HEIGHT * max(len(ticktext), 1)),
        "margin": {"l": 10, "r": 10, "t": 90, "b": 30},
        "font": {"family": FONT_FAMILY, "size": 12},
        "plot_bgcolor": "#ffffff",
        "hovermode": "closest",
        "xaxis": xaxis,
        "yaxis": {
            "autorange": "reversed", "tickmode": "array", "automargin": True,
            "tickvals": _typed(range(len(ticktext))), "ticktext": _Strings(ticktext),
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
