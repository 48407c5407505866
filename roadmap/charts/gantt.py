"""The Gantt chart: one row per milestone, grouped by workstream, as a Plotly figure.

Bars are `go.Bar(orientation="h", base=<ISO start>, x=<duration in ms>)` on a date
axis; dates are inclusive, so a bar runs to the end of its last day. Rows sit at
numeric positions (tick labels carry the shortened titles and workstream headers)
so equal titles never merge. The figure has a few traces per layer — baseline,
each status (rows with and without a baseline apart), work done, behind schedule,
diamonds, dependencies — never one per milestone, so thousands of rows stay fast
to build, serialise and draw.

Speed: one pass over the rows fills every layer; numbers go out as plotly typed
arrays and strings as `Column` (charts.arrays). The hover is a template per
trace: each row carries its full title (hovertext), its owner and health
(text, made once per distinct pair) and its ISO dates, baseline, slip and
percent (customdata), which plotly.js formats in the reader's language — so no
row needs a formatted string of its own. The figure is built without plotly's
per-element validation (tests validate it against the schema). Dependency
arrows are one line trace whose last point of each arrow carries an arrow
marker turned along the line (angleref="previous"), not one annotation per
arrow, which would be slow in Python and in the browser.
"""

from datetime import date, timedelta
from html import escape
from operator import sub

import plotly.graph_objects as go

from roadmap.charts import FONT_FAMILY, OKABE_ITO
from roadmap.charts.arrays import Column, typed, typed_rows
from roadmap.schedule.health import health as derive_health

DAY_MS = 86_400_000
EPOCH_ORDINAL = date(1970, 1, 1).toordinal()
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
# customdata of a row: ISO start, end[, baseline start, end, slip], percent.
PLANNED_COLUMNS, UNPLANNED_COLUMNS = 6, 3

# English fallbacks; views pass the translated texts (schedule.queries.gantt_labels).
DEFAULT_LABELS = {
    "statuses": {code: code.replace("_", " ").capitalize() for code in STATUS_ORDER},
    "health": {"on_track": "On track", "at_risk": "At risk", "late": "Late"},
    "title": "", "baseline": "Baseline", "work_done": "Work done",
    "behind": "Behind schedule", "dependency": "Dependency", "today": "Today",
    "dates": "Dates", "percent": "Complete", "owner": "Owner", "slip": "Slip",
    "days": "days", "health_label": "Health", "status_label": "Status",
    "baseline_dates": "Baseline",
    # A d3-time-format pattern: plotly.js formats hover dates with the page's locale.
    "date_format": "%Y-%m-%d",
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


def _text(value) -> str:
    """Escape user text for plotly, which reads a few HTML tags in labels."""
    value = str(value)
    if "<" in value or ">" in value or "&" in value:
        return escape(value, quote=False)
    return value


def _label(value) -> str:
    """Return a translated label safe inside a hover template (no HTML, no %{…})."""
    return _text(value).replace("%{", "%\u200b{")


def _template(labels, status_text, planned: bool) -> str:
    """Return a layer's hover template: the labels once per trace, the values per row.

    `hovertext` is the full title, `text` the owner and health lines, and
    `customdata` the ISO dates, then with a baseline its dates and the slip,
    then the percent complete.
    """
    fmt = labels["date_format"].replace("}", "")
    lines = [f"<b>%{{hovertext}}</b><br>{_label(labels['status_label'])}: "
             f"{_label(status_text)}",
             f"{_label(labels['dates'])}: %{{customdata[0]|{fmt}}} – %{{customdata[1]|{fmt}}}"]
    if planned:
        lines += [f"{_label(labels['baseline_dates'])}: %{{customdata[2]|{fmt}}} – "
                  f"%{{customdata[3]|{fmt}}}",
                  f"{_label(labels['slip'])}: %{{customdata[4]:+d}} {_label(labels['days'])}"]
    percent = PLANNED_COLUMNS - 1 if planned else UNPLANNED_COLUMNS - 1
    lines.append(f"{_label(labels['percent'])}: %{{customdata[{percent}]}} %")
    return "<br>".join(lines) + "%{text}<extra></extra>"


class _Tails(dict):
    """(owner, health) to the last lines of the hover, each made once."""

    def __init__(self, labels):
        super().__init__()
        self.owner = f"<br>{_text(labels['owner'])}: "
        self.health = f"<br>{_text(labels['health_label'])}: "
        self.healths = {code: _text(text) for code, text in labels["health"].items()}

    def __missing__(self, key):
        owner, health = key
        value = self[key] = "".join((
            f"{self.owner}{_text(owner)}" if owner else "",
            self.health, self.healths.get(health) or _text(health),
        ))
        return value


def _row_label(title: str) -> str:
    """Return `_text(shorten(title))`, skipping the whitespace clean-up a plain title needs not."""
    if len(title) > TITLE_LENGTH:
        kept = title[:TITLE_LENGTH]
        # With plain single spaces in the kept part and no space at either end,
        # " ".join(title.split()) keeps that part as it is and stays too long.
        if (kept.isprintable() and "  " not in kept and kept[0] != " "
                and not title[-1].isspace()):
            title = title[: TITLE_LENGTH - 1].rstrip() + "…"
        else:
            title = shorten(title)
    elif "  " in title or "\n" in title or "\t" in title:
        title = shorten(title)
    return _text(title)


def gantt_figure(rows, today: date, labels=None, dependencies=(), window=None,
                 project_range=None) -> go.Figure:
    """Return the Gantt figure of `rows` (plain dicts, already ordered by workstream).

    Each row: id, title, workstream, start, end, status, percent; optional
    baseline_start, baseline_end, owner, health (derived if absent).
    `dependencies` are (predecessor id, successor id) pairs; `window` (start, end)
    keeps only rows overlapping it and zooms to it (the dashboard's next 60 days);
    `project_range` (start, end) sets the initial zoom; `labels` holds the
    translated texts (keys of DEFAULT_LABELS).
    """
    labels = {**DEFAULT_LABELS, **(labels or {})}
    if window is not None:
        rows = [row for row in rows if row["end"] >= window[0] and row["start"] <= window[1]]

    # One pass over the rows puts one tuple per row into its layer; the layers'
    # columns are split out once at the end. The few distinct days and hover
    # endings are each computed once (caches), so a row costs a handful of
    # dict look-ups.
    today_ms, day_ms, iso, tails = _ms(today), _DayMs(), _IsoDay(), _Tails(labels)
    current = {(point, code, planned): [] for point in (False, True)
               for code in STATUS_ORDER for planned in (True, False)}
    done, late, ticktext, where = [], [], [], {}
    tick = ticktext.append
    workstream_now = object()
    for row in rows:
        workstream = row.get("workstream") or ""
        if workstream != workstream_now:
            workstream_now = workstream
            tick(f"<b>{_text(shorten(workstream, TITLE_LENGTH + 4))}</b>")
        y = len(ticktext)
        title = str(row["title"])
        hovertext = escape(title, False) if "<" in title or ">" in title or "&" in title \
            else title
        tick(_row_label(title))
        status, start_day, end_day = row["status"], row["start"], row["end"]
        percent = row.get("percent") or 0
        baseline_start, baseline_end = row.get("baseline_start"), row.get("baseline_end")
        health = row.get("health") or derive_health(status, start_day, end_day, percent, today,
                                                    baseline_end)
        start, last = day_ms[start_day], day_ms[end_day]
        end = last + DAY_MS
        where[row["id"]] = (y, start, end)
        code = status if status in STATUS_COLOURS else "planned"
        point = start_day == end_day
        tail = tails[(row.get("owner"), health)]
        if baseline_start and baseline_end:
            planned_start, planned_last = day_ms[baseline_start], day_ms[baseline_end]
            current[(point, code, True)].append((
                y, start, end, hovertext, tail,
                (iso[start], iso[last], iso[planned_start], iso[planned_last],
                 (last - planned_last) // DAY_MS, percent),
                planned_start, planned_last))
        else:
            current[(point, code, False)].append((y, start, end, hovertext, tail,
                                                  (iso[start], iso[last], percent)))
        if point or code == "cancelled":
            continue
        # The progress date at an even pace, as schedule.health.progress_date computes it.
        reached = min(start + (end - start) // DAY_MS * percent // 100 * DAY_MS, end)
        if reached > start:
            done.append((y, start, reached))
        # Redmine's rule: the work between the progress date and today is behind schedule.
        if code != "done" and min(today_ms, end) > reached:
            late.append((y, reached, min(today_ms, end)))

    planned_rows = [item for (point, code, planned), items in current.items() if planned
                    for item in items]
    baseline = [(item[0], item[6], item[7] + DAY_MS) for item in planned_rows]
    layers = _Layers(labels, len(ticktext), iso)
    traces = [
        layers.bar("baseline", baseline, labels["baseline"], BASELINE_COLOUR, BASELINE_BAR),
        *(trace for code in STATUS_ORDER
          for trace in layers.status_bars(code, current[(False, code, True)],
                                          current[(False, code, False)])),
        layers.bar("done", done, labels["work_done"], DONE_COLOUR, STRIPE),
        layers.bar("late", late, labels["behind"], LATE_COLOUR, STRIPE),
        *(layers.diamonds(code, planned, current[(True, code, planned)])
          for code in STATUS_ORDER for planned in (True, False)
          if current[(True, code, planned)]),
        _arrows(dependencies, where, labels["dependency"]),
    ]
    layout = _layout(ticktext, today, labels, window or project_range)
    # Plotly's per-element validation costs more than building the whole figure;
    # the structure is fixed here and validated against the schema by the tests.
    return go.Figure({"data": traces, "layout": layout}, _validate=False)


class _Layers:
    """Traces from the rows' tuples: (y, start ms, end ms[, hover values…])."""

    def __init__(self, labels, rows: int, iso):
        self.labels, self.statuses, self.rows, self.iso = labels, labels["statuses"], rows, iso

    def columns(self, items):
        """Return the y, base (ISO) and x (duration) columns of a layer."""
        if not items:
            return typed_rows((), self.rows), Column([]), typed(())
        ys, starts, ends = zip(*(item[:3] for item in items))
        iso = self.iso
        return (typed_rows(ys, self.rows), Column([iso[start] for start in starts]),
                typed(map(sub, ends, starts)))

    def hover(self, items, code, planned):
        return {
            "hovertext": Column([item[3] for item in items]),
            "text": Column([item[4] for item in items]),
            "customdata": Column([item[5] for item in items]),
            "hovertemplate": _template(self.labels, self.statuses.get(code, code), planned),
        }

    def bar(self, layer, items, name, colour, shape, group=None):
        y, base, x = self.columns(items)
        return {
            "type": "bar", "orientation": "h", "name": name, "legendgroup": group or layer,
            "y": y, "base": base, "x": x, "width": shape[0], "offset": shape[1],
            "marker": {"color": colour, "line": {"width": 0, "color": colour}},
            "meta": {"layer": layer}, "hoverinfo": "skip",
        }

    def status_bars(self, code, planned_items, unplanned_items):
        """Return one status's bars: rows with a baseline, then those without (if any)."""
        traces = []
        for planned, items in ((True, planned_items), (False, unplanned_items)):
            if not items and (not planned or unplanned_items):
                continue  # an empty trace only where it keeps the status in the legend
            trace = self.bar(f"current:{code}" + ("" if planned else ":unplanned"), items,
                             self.statuses.get(code, code), STATUS_COLOURS[code], CURRENT_BAR,
                             code)
            del trace["hoverinfo"]
            trace["marker"]["line"]["width"] = 1
            trace.update(self.hover(items, code, planned), textposition="none",
                         showlegend=not traces)
            traces.append(trace)
        return traces

    def diamonds(self, code, planned, items):
        y, base, _x = self.columns(items)
        return {
            "type": "scatter", "mode": "markers", "name": self.statuses.get(code, code),
            "legendgroup": code, "showlegend": False,
            "meta": {"layer": f"point:{code}" + ("" if planned else ":unplanned")},
            "x": base, "y": y,
            "marker": {"symbol": "diamond", "size": 13, "color": STATUS_COLOURS[code],
                       "line": {"width": 1, "color": "#000000"}},
            **self.hover(items, code, planned),
        }


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
        "x": typed(xs), "y": typed(ys, "f4"),
        "line": {"color": ARROW_COLOUR, "width": 1},
        "marker": {"symbol": "arrow", "size": typed((0, 0, 9, 0) * (len(xs) // 4), "u1"),
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
