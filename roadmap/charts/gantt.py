"""The Gantt chart: one row per milestone, grouped by workstream, as a Plotly figure.

Bars are `go.Bar(orientation="h", base=<ISO start>, x=<duration in ms>)` on a date
axis; dates are inclusive, so a bar runs to the end of its last day. Rows sit at
numeric positions (tick labels carry the shortened titles and workstream headers)
so equal titles never merge. The figure has one trace per layer — baseline, each
status, work done, behind schedule, diamonds per status, dependencies — never one
per milestone, so thousands of rows stay fast to build, serialise and draw.

Speed: one pass over the rows fills every layer; numeric arrays go out as plotly
typed arrays (base64, the smallest dtype that holds them); hover labels live once
in each trace's hovertemplate while each row carries only its title (hovertext)
and values (text, its repeated ending cached); the figure is built without
plotly's per-element validation (tests validate it against the schema).
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
# array module type codes of plotly.js typed-array dtypes (sizes fixed on every platform).
_ARRAY_CODES = {"f8": "d", "f4": "f", "u1": "B", "u2": "H", "u4": "I"}
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


def _typed(values, dtype: str = "f8") -> dict:
    """Return numbers as a plotly typed-array spec: compact JSON, no per-item work.

    `dtype` is a plotly.js typed-array type: f8 for milliseconds, f4 for small
    numbers with gaps (NaN), u1/u2/u4 for counts and row positions.
    """
    values = array(_ARRAY_CODES[dtype], values)
    if sys.byteorder != "little":
        values.byteswap()
    return {"dtype": dtype, "bdata": base64.b64encode(values.tobytes()).decode("ascii")}


def _typed_rows(values, rows: int) -> dict:
    """Return row positions (0..rows) as the smallest unsigned typed array that holds them."""
    return _typed(values, "u2" if rows < 0x10000 else "u4")


def _text(value) -> str:
    """Escape user text for plotly, which reads a few HTML tags in labels."""
    value = str(value)
    if "<" in value or ">" in value or "&" in value:
        return escape(value, quote=False)
    return value


def _template(labels, status_text) -> str:
    """Return a layer's hover template: the labels once per trace, the values per row.

    `hovertext` is the full title and `text` the rest: dates, baseline dates,
    percent, owner, slip and health.
    """
    status = _text(status_text).replace("%{", "%\u200b{")
    return (f"<b>%{{hovertext}}</b><br>{_text(labels['status_label'])}: {status}"
            f"<br>{_text(labels['dates'])}: %{{text}}<extra></extra>")


class _Tails(dict):
    """(percent, owner, slip, health) to the end of the hover text, each made once."""

    def __init__(self, labels):
        super().__init__()
        self.percent = f"<br>{labels['percent']}: "
        self.owner = f"<br>{labels['owner']}: "
        self.slip, self.days = f"<br>{labels['slip']}: ", labels["days"]
        self.healths = {code: f"<br>{labels['health_label']}: {text}"
                        for code, text in labels["health"].items()}
        self.health_prefix = f"<br>{labels['health_label']}: "

    def __missing__(self, key):
        percent, owner, slip, health = key
        value = self[key] = "".join((
            self.percent, str(percent or 0), " %",
            f"{self.owner}{_text(owner)}" if owner else "",
            f"{self.slip}{slip:+d} {self.days}" if slip is not None else "",
            self.healths.get(health) or f"{self.health_prefix}{health}",
        ))
        return value


def _row_label(title: str) -> str:
    """Return `_text(shorten(title))`, skipping the whitespace clean-up a plain title needs not."""
    if len(title) > TITLE_LENGTH:
        if (title.isprintable() and "  " not in title and title[0] != " "
                and title[-1] != " "):  # " ".join(title.split()) would change nothing
            title = title[: TITLE_LENGTH - 1].rstrip() + "…"
        else:
            title = shorten(title)
    elif "  " in title or "\n" in title or "\t" in title:
        title = shorten(title)
    return _text(title)


class _Layer:
    """The columns of one trace, filled row by row."""

    __slots__ = ("y", "base", "x", "hovertext", "text")

    def __init__(self):
        self.y, self.base, self.x = [], [], []
        self.hovertext, self.text = _Strings(), _Strings()


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

    # One pass over the rows fills every layer's columns; the few distinct days,
    # texts and hover endings are each computed once (caches), so a row costs a
    # handful of dict look-ups and appends.
    today_ms, day_ms, iso, dates = _ms(today), _DayMs(), _IsoDay(), _DateText(format_date)
    tails = _Tails(labels)
    baseline_prefix = f"<br>{labels['baseline_dates']}: "
    current = {(point, code): _Layer() for point in (False, True) for code in STATUS_ORDER}
    baseline, done, late = _Layer(), _Layer(), _Layer()
    ticktext, where = [], {}
    workstream_now = object()
    for row in rows:
        workstream = row.get("workstream") or ""
        if workstream != workstream_now:
            workstream_now = workstream
            ticktext.append(f"<b>{_text(shorten(workstream, TITLE_LENGTH + 4))}</b>")
        y = len(ticktext)
        title = str(row["title"])
        ticktext.append(_row_label(title))
        status, start_day, end_day = row["status"], row["start"], row["end"]
        percent = row.get("percent") or 0
        baseline_start, baseline_end = row.get("baseline_start"), row.get("baseline_end")
        health = row.get("health") or derive_health(status, start_day, end_day, percent, today,
                                                    baseline_end)
        start, end = day_ms[start_day], day_ms[end_day] + DAY_MS
        where[row["id"]] = (y, start, end)
        code = status if status in STATUS_COLOURS else "planned"
        point = start_day == end_day
        layer = current[(point, code)]
        layer.y.append(y)
        layer.base.append(iso[start])
        layer.x.append(end - start)
        layer.hovertext.append(_text(title))
        tail = tails[(percent, row.get("owner"), row.get("slip"), health)]
        if baseline_start and baseline_end:
            layer.text.append(f"{dates[start_day]} – {dates[end_day]}{baseline_prefix}"
                              f"{dates[baseline_start]} – {dates[baseline_end]}{tail}")
            baseline.y.append(y)
            baseline.base.append(iso[day_ms[baseline_start]])
            baseline.x.append(day_ms[baseline_end] + DAY_MS - day_ms[baseline_start])
        else:
            layer.text.append(f"{dates[start_day]} – {dates[end_day]}{tail}")
        if point or code == "cancelled":
            continue
        # The progress date at an even pace, as schedule.health.progress_date computes it.
        reached = min(start + (end - start) // DAY_MS * percent // 100 * DAY_MS, end)
        if reached > start:
            done.y.append(y)
            done.base.append(iso[start])
            done.x.append(reached - start)
        # Redmine's rule: the work between the progress date and today is behind schedule.
        if code != "done" and min(today_ms, end) > reached:
            late.y.append(y)
            late.base.append(iso[reached])
            late.x.append(min(today_ms, end) - reached)

    statuses, rows = labels["statuses"], len(ticktext)

    def bar(layer_name, data, name, colour, shape, group=None, hover=None):
        trace = {
            "type": "bar", "orientation": "h", "name": name, "legendgroup": group or layer_name,
            "y": _typed_rows(data.y, rows), "base": _Strings(data.base),
            "x": _typed(data.x), "width": shape[0], "offset": shape[1],
            "marker": {"color": colour, "line": {"width": 1 if hover else 0, "color": colour}},
            "meta": {"layer": layer_name},
        }
        if hover:
            trace.update(hovertext=data.hovertext, text=data.text, textposition="none",
                         hovertemplate=hover)
        else:
            trace["hoverinfo"] = "skip"
        return trace

    def diamonds(code):
        data = current[(True, code)]
        return {
            "type": "scatter", "mode": "markers", "name": statuses.get(code, code),
            "legendgroup": code, "showlegend": False, "meta": {"layer": f"point:{code}"},
            "x": _Strings(data.base), "y": _typed_rows(data.y, rows),
            "marker": {"symbol": "diamond", "size": 13, "color": STATUS_COLOURS[code],
                       "line": {"width": 1, "color": "#000000"}},
            "hovertext": data.hovertext, "text": data.text,
            "hovertemplate": _template(labels, statuses.get(code, code)),
        }

    traces = [
        bar("baseline", baseline, labels["baseline"], BASELINE_COLOUR, BASELINE_BAR),
        *(bar(f"current:{code}", current[(False, code)], statuses.get(code, code),
              STATUS_COLOURS[code], CURRENT_BAR, code,
              _template(labels, statuses.get(code, code)))
          for code in STATUS_ORDER),
        bar("done", done, labels["work_done"], DONE_COLOUR, STRIPE),
        bar("late", late, labels["behind"], LATE_COLOUR, STRIPE),
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
    xs, ys = [], []
    extend_x, extend_y, gap = xs.extend, ys.extend, float("nan")
    for pred, succ in dependencies:
        before, after = where.get(pred), where.get(succ)
        if before is not None and after is not None:
            end, start = before[2], after[1]
            extend_x((end, end, start, gap))
            extend_y((before[0], after[0], after[0], gap))
    return {
        "type": "scatter", "mode": "lines+markers", "name": name, "hoverinfo": "skip",
        "x": _typed(xs), "y": _typed(ys, "f4"),
        "line": {"color": ARROW_COLOUR, "width": 1},
        "marker": {"symbol": "arrow", "size": _typed((0, 0, 9, 0) * (len(xs) // 4), "u1"),
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
            "tickvals": _typed_rows(range(len(ticktext)), len(ticktext)),
            "ticktext": _Strings(ticktext),
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
