"""The Gantt chart: one row per milestone, grouped by workstream, as a Plotly figure.

Bars are `go.Bar(orientation="h", base=<ISO start>, x=<duration in ms>)` on a date
axis; dates are inclusive, so a bar runs to the end of its last day. Rows sit at
numeric positions (tick labels carry the shortened titles and workstream headers)
so equal titles never merge. The figure has a few traces per layer — baseline,
each status (rows with and without a baseline apart), work done, behind schedule,
diamonds, dependencies — never one per milestone, so thousands of rows stay fast
to build, serialise and draw.

Speed: the rows are read column by column (`map` over the rows, done in C), and
each layer gathers its rows' values from the columns by index; only the work
done and behind-schedule parts take a Python step per row. Numbers go out as
plotly typed arrays and strings as `Column` (charts.arrays). The hover is a
template per trace (charts.gantt_text) whose title and lines the browser writes
(static/js/charts.js) from one table of every row's values in the layout's meta:
numbers and escaped titles, not a sentence per row. The figure is built without plotly's per-element validation (tests
validate it against the schema). Dependency arrows are one line trace whose last
point of each arrow carries an arrow marker turned along the line
(angleref="previous"), not one annotation per arrow.
"""

from collections import defaultdict
from datetime import date
from functools import partial
from itertools import chain, compress, groupby, repeat
from operator import add, eq, floordiv, gt, itemgetter, methodcaller, mul, sub

import plotly.graph_objects as go

from roadmap.charts import OKABE_ITO
from roadmap.charts.arrays import Column, Opaque, gather, typed, typed_rows
from roadmap.charts.gantt_frame import LATE_COLOUR, arrows, layout
from roadmap.charts.gantt_text import (
    TITLE_LENGTH,
    Index,
    escaped,
    hover_labels,
    row_labels,
    shorten,
    template,
    text,
)

DAY_MS = 86_400_000
EPOCH_ORDINAL = date(1970, 1, 1).toordinal()
STATUS_ORDER = ("planned", "in_progress", "done", "cancelled")
STATUS_COLOURS = {
    "planned": OKABE_ITO["sky_blue"],
    "in_progress": OKABE_ITO["blue"],
    "done": OKABE_ITO["bluish_green"],
    "cancelled": OKABE_ITO["grey"],
}
DONE_COLOUR = "rgba(0,0,0,0.65)"
# The critical path: a thick black outline round the bar (a shape, not a colour alone).
CRITICAL_COLOUR, CRITICAL_FILL, CRITICAL_LINE = "#000000", "rgba(0,0,0,0)", 2.5
# Hover table value of "no float" (done and cancelled milestones).
NO_FLOAT = -(2**31)
BASELINE_COLOUR = "rgba(120,120,120,0.55)"
# (width, offset) inside a row; the y axis is reversed, so a larger offset is lower.
CURRENT_BAR, STRIPE, BASELINE_BAR = (0.5, -0.32), (0.16, -0.15), (0.14, 0.22)
_STATUS_CODE = {code: code for code in STATUS_ORDER}  # anything else is drawn as planned

# English fallbacks; views pass the translated texts (schedule.queries.gantt_labels).
DEFAULT_LABELS = {
    "statuses": {code: code.replace("_", " ").capitalize() for code in STATUS_ORDER},
    "health": {"on_track": "On track", "at_risk": "At risk", "late": "Late"},
    "title": "",
    "baseline": "Baseline",
    "work_done": "Work done",
    "behind": "Behind schedule",
    "dependency": "Dependency",
    "today": "Today",
    "dates": "Dates",
    "percent": "Complete",
    "owner": "Owner",
    "slip": "Slip",
    "days": "days",
    "health_label": "Health",
    "status_label": "Status",
    "baseline_dates": "Baseline",
    "critical": "Critical path",
    "float": "Total float",
}


def _ms(day: date) -> int:
    """Return midnight UTC of `day` in milliseconds since 1970, as a date axis reads numbers."""
    return (day.toordinal() - EPOCH_ORDINAL) * DAY_MS


class _DayMs(dict):
    """Dates to milliseconds, each computed once (a chart has few distinct days).

    As floats: plotly's typed arrays of milliseconds are float64, which array()
    makes from floats in half the time it takes from ints (whole days in ms are
    exact in a float).
    """

    def __missing__(self, day):
        value = self[day] = float(_ms(day))
        return value


class _Days(dict):
    """Dates to days since 1970 (0 for no date), each computed once."""

    def __init__(self):
        super().__init__({None: 0})

    def __missing__(self, day):
        value = self[day] = day.toordinal() - EPOCH_ORDINAL
        return value


class _IsoDay(dict):
    """Milliseconds (midnight UTC) back to ISO dates, each computed once."""

    def __missing__(self, ms):
        value = self[ms] = date.fromordinal(EPOCH_ORDINAL + int(ms) // DAY_MS).isoformat()
        return value


def _column(rows, key) -> list:
    """Return every row's value of key (None where a row has none), read in C."""
    try:
        return list(map(itemgetter(key), rows))
    except KeyError:
        return list(map(methodcaller("get", key), rows))


def _or(values: list, default) -> list:
    """Return the values with each None (or other false value) replaced by default."""
    return [value or default for value in values] if not all(values) else values


def _positions(workstreams: list) -> tuple[list[int], list[int]]:
    """Return each row's y position and the positions of the workstream headers before them."""
    ys, headers = [], []
    for _name, group in groupby(workstreams):
        headers.append(len(headers) + len(ys))
        first = headers[-1] + 1
        ys.extend(range(first, first + len(list(group))))
    return ys, headers


def gantt_figure(
    rows, today: date, labels=None, dependencies=(), window=None, project_range=None
) -> go.Figure:
    """Return the Gantt figure of `rows` (plain dicts, already ordered by workstream).

    Each row: id, title, workstream, start, end, status, percent, health (derived by
    the caller: roadmap.schedule.health); optional baseline_start, baseline_end, owner,
    float (total float in days, None when done) and critical (outlined).
    `dependencies` are (predecessor id, successor id) pairs; `window` (start, end)
    keeps only rows overlapping it and zooms to it (the dashboard's next 60 days);
    `project_range` (start, end) sets the initial zoom; `labels` holds the
    translated texts (keys of DEFAULT_LABELS).
    """
    labels = {**DEFAULT_LABELS, **(labels or {})}
    if window is not None:
        rows = [row for row in rows if row["end"] >= window[0] and row["start"] <= window[1]]
    get = partial(_column, rows)
    workstreams = _or(get("workstream"), "")
    titles = list(map(str, get("title")))
    statuses, first_days, last_days = get("status"), get("start"), get("end")
    percents = _or(get("percent"), 0)
    planned_first, planned_last = get("baseline_start"), get("baseline_end")
    healths = get("health")
    floats = get("float")

    day_ms, days, iso = _DayMs(), _Days(), _IsoDay()
    starts = list(map(day_ms.__getitem__, first_days))
    ends = list(map(add, map(day_ms.__getitem__, last_days), repeat(DAY_MS)))
    ys, headers = _positions(workstreams)
    columns = {
        "y": ys,
        "start": starts,
        "end": ends,
        "percent": percents,
        "first": list(map(days.__getitem__, first_days)),  # days since 1970
        "last": list(map(days.__getitem__, last_days)),
        "planned_first": planned_first,
        "planned_last": planned_last,
        "owner": get("owner"),
        "health": healths,
        "title": escaped(titles),
        "float": [NO_FLOAT if value is None else value for value in floats],
        "id": get("id"),
    }
    # Each row's layer: (one day?, status, has a baseline?).
    layers = defaultdict(list)
    codes = map(_STATUS_CODE.get, statuses, repeat("planned"))
    planned = map(all, zip(planned_first, planned_last, strict=False))
    for index, key in enumerate(zip(map(eq, first_days, last_days), codes, planned, strict=False)):
        layers[key].append(index)

    with_baseline = sorted(
        chain.from_iterable(
            indices for (_point, _code, has_baseline), indices in layers.items() if has_baseline
        )
    )
    baseline = _baseline(columns, with_baseline, day_ms)
    done, late = _progress(columns, layers, _ms(today))
    positions = len(ys) + len(headers)
    build = _Traces(labels, columns, positions, iso)
    traces = [
        build.bar("baseline", baseline, labels["baseline"], BASELINE_COLOUR, BASELINE_BAR),
        *(
            trace
            for code in STATUS_ORDER
            for trace in build.status_bars(
                code, layers[(False, code, True)], layers[(False, code, False)]
            )
        ),
        build.bar("done", done, labels["work_done"], DONE_COLOUR, STRIPE),
        build.bar("late", late, labels["behind"], LATE_COLOUR, STRIPE),
        build.critical([index for index, row in enumerate(rows) if row.get("critical")]),
        *(
            build.diamonds(code, has_baseline, layers[(True, code, has_baseline)])
            for code in STATUS_ORDER
            for has_baseline in (True, False)
            if layers.get((True, code, has_baseline))
        ),
        arrows(
            dependencies,
            dict(zip(map(itemgetter("id"), rows), range(len(rows)), strict=False)),
            columns,
            labels["dependency"],
        ),
    ]
    workstream_rows = (
        f"<b>{text(shorten(name, TITLE_LENGTH + 4))}</b>" for name, _group in groupby(workstreams)
    )
    ticktext = row_labels(titles)
    for position, header in zip(headers, workstream_rows, strict=False):
        ticktext.insert(position, header)
    frame = layout(ticktext, today, labels, window or project_range)
    frame["meta"] = {"hover": _hover_rows(columns, labels, positions, days)}
    # Plotly's per-element validation costs more than building the whole figure;
    # the structure is fixed here and validated against the schema by the tests.
    return go.Figure({"data": traces, "layout": frame}, _validate=False)


def _part(columns, indices) -> tuple[list, list, list]:
    """Return the (y, start ms, end ms) columns of some rows."""
    return tuple(gather(columns[key], indices) for key in ("y", "start", "end"))


def _baseline(columns, indices, day_ms) -> tuple[list, list, list]:
    """Return the (y, start ms, end ms) of the baseline bars of rows that have one."""
    starts = list(map(day_ms.__getitem__, gather(columns["planned_first"], indices)))
    lasts = map(day_ms.__getitem__, gather(columns["planned_last"], indices))
    return gather(columns["y"], indices), starts, list(map(add, lasts, repeat(DAY_MS)))


def _progress(columns, layers, today_ms) -> tuple[tuple, tuple]:
    """Return the (y, start ms, end ms) of the work done and of the work behind schedule."""
    done, late = ([], [], []), ([], [], [])
    for (point, code, _has_baseline), indices in layers.items():
        if point or code == "cancelled":
            continue
        ys, starts, ends, percents = (
            gather(columns[key], indices) for key in ("y", "start", "end", "percent")
        )
        # The progress date at an even pace, as schedule.health.progress_date computes
        # it: start + whole days × percent // 100, one column at a time (in C).
        days = map(floordiv, map(sub, ends, starts), repeat(DAY_MS))
        worked = map(mul, map(floordiv, map(mul, days, percents), repeat(100)), repeat(DAY_MS))
        reached = list(map(min, map(add, starts, worked), ends))
        _extend(done, list(map(gt, reached, starts)), ys, starts, reached)
        if code != "done":
            # Redmine's rule: the work between the progress date and today is behind schedule.
            until = list(map(min, ends, repeat(today_ms)))
            _extend(late, list(map(gt, until, reached)), ys, reached, until)
    return done, late


def _extend(columns: tuple[list, ...], kept: list, *values: list) -> None:
    """Append to each column the values of its row that `kept` marks true."""
    for column, found in zip(columns, values, strict=False):
        column.extend(compress(found, kept))


def _hover_rows(columns, labels, positions: int, days) -> Opaque:
    """Return what every row's hover is written from, once for the whole figure.

    The page writes the hover (static/js/charts.js): each milestone trace finds its
    rows here by their y positions. The figure carries numbers — dates as days
    since 1970, percent, owner and health by index into lists of names — and the
    escaped titles, not a sentence per row; the page writes dates in the reader's
    language.
    """
    owners = Index(lambda owner: text(owner) if owner else "")
    healths = Index(lambda code: text(labels["health"].get(code, code)), labels["health"])
    planned_first, planned_last = (
        list(map(days.__getitem__, columns[key])) for key in ("planned_first", "planned_last")
    )
    return Opaque(
        {
            "y": typed_rows(columns["y"], positions),
            "titles": Column(columns["title"]),
            "first": typed(columns["first"], "i4"),
            "last": typed(columns["last"], "i4"),
            "planned_first": typed(planned_first, "i4"),
            "planned_last": typed(planned_last, "i4"),
            "percent": typed(columns["percent"], "u1"),
            "owner": typed(list(map(owners.__getitem__, columns["owner"])), "u4"),
            "health": typed(list(map(healths.__getitem__, columns["health"])), "u1"),
            "float": typed(columns["float"], "i4"),
            "id": typed(columns["id"], "u4"),  # the page moves a bar by its milestone's id
            "labels": hover_labels(labels),
            "owners": owners.names,
            "healths": healths.names,
        }
    )


class _Traces:
    """The figure's traces, from the rows' columns and the indices of each layer's rows."""

    def __init__(self, labels, columns, rows: int, iso):
        self.labels, self.statuses, self.columns = labels, labels["statuses"], columns
        self.rows, self.iso = rows, iso

    def bar(self, layer, part, name, colour, shape, group=None, iso=False):
        """Return a layer of bars starting at ISO dates, or at ms (date axes read both)."""
        ys, starts, ends = part
        base = Column(list(map(self.iso.__getitem__, starts))) if iso else typed(starts)
        return {
            "type": "bar",
            "orientation": "h",
            "name": name,
            "legendgroup": group or layer,
            "y": typed_rows(ys, self.rows),
            "base": base,
            "x": typed(map(sub, ends, starts)),
            "width": shape[0],
            "offset": shape[1],
            "marker": {"color": colour, "line": {"width": 0, "color": colour}},
            "meta": {"layer": layer},
            "hoverinfo": "skip",
        }

    def critical(self, indices):
        """Return the outlines of the critical rows' bars (a one-day box round a diamond)."""
        trace = self.bar(
            "critical",
            _part(self.columns, indices),
            self.labels["critical"],
            CRITICAL_FILL,
            CURRENT_BAR,
        )
        trace["marker"]["line"] = {"width": CRITICAL_LINE, "color": CRITICAL_COLOUR}
        return trace

    def hover(self, trace, code):
        """Mark a milestone trace for the page to write its hover (see _hover_rows)."""
        trace["hovertemplate"] = template(self.labels, self.statuses.get(code, code))
        trace["meta"]["hover"] = True
        return trace

    def status_bars(self, code, with_baseline, without_baseline):
        """Return one status's bars: rows with a baseline, then those without (if any)."""
        traces = []
        for has_baseline, indices in ((True, with_baseline), (False, without_baseline)):
            if not indices and (not has_baseline or without_baseline):
                continue  # an empty trace only where it keeps the status in the legend
            trace = self.bar(
                f"current:{code}" + ("" if has_baseline else ":unplanned"),
                _part(self.columns, indices),
                self.statuses.get(code, code),
                STATUS_COLOURS[code],
                CURRENT_BAR,
                code,
                iso=True,
            )
            del trace["hoverinfo"]
            trace["marker"]["line"]["width"] = 1
            trace.update(textposition="none", showlegend=not traces)
            traces.append(self.hover(trace, code))
        return traces

    def diamonds(self, code, has_baseline, indices):
        ys, starts, _ends = _part(self.columns, indices)
        return self.hover(
            {
                "type": "scatter",
                "mode": "markers",
                "name": self.statuses.get(code, code),
                "legendgroup": code,
                "showlegend": False,
                "meta": {"layer": f"point:{code}" + ("" if has_baseline else ":unplanned")},
                "x": Column(list(map(self.iso.__getitem__, starts))),
                "y": typed_rows(ys, self.rows),
                "marker": {
                    "symbol": "diamond",
                    "size": 13,
                    "color": STATUS_COLOURS[code],
                    "line": {"width": 1, "color": "#000000"},
                },
            },
            code,
        )
