"""The S-curve: planned against actual cumulative percent complete, week by week.

Method (what the numbers mean):

- Each milestone weighs its planned duration in days (baseline start to baseline
  end, inclusive; its current dates when no baseline is set yet). A point
  milestone weighs one day. Cancelled milestones weigh nothing.
- **Planned** at a date d: the weighted share of work the baseline says is done
  by d, each milestone earning its weight evenly across its baseline days.
  It reaches 100 % at the last baseline end.
- **Actual** at a date d (only up to today): each milestone's reported percent
  complete × its weight, earned evenly from its actual start (or current start)
  to its actual finish (or today, while it runs). At today the curve equals the
  weighted mean of percent complete: the same number as "work complete" on the
  dashboard. Before today it is an estimate, since only the current percent is
  stored; reports for past months use the history instead of this curve.
- Points are taken at the end of each week (every 7 days from the project start,
  plus the project end), so the planned curve ends at 100 % on the last point.
"""

from dataclasses import dataclass
from datetime import date, timedelta

import plotly.graph_objects as go

from roadmap.charts import FONT_FAMILY, OKABE_ITO


@dataclass(frozen=True)
class SCurve:
    dates: list[date]
    planned: list[float]
    actual: list[float | None]


def _share(start: date, end: date, day: date) -> float:
    """Return the fraction of the inclusive span [start, end] elapsed by the end of `day`."""
    if day < start:
        return 0.0
    if day >= end:
        return 1.0
    return ((day - start).days + 1) / ((end - start).days + 1)


def week_ends(project_start: date, project_end: date) -> list[date]:
    """Return the last day of each project week, ending with the project end."""
    days = []
    day = project_start + timedelta(days=6)
    while day < project_end:
        days.append(day)
        day += timedelta(days=7)
    days.append(project_end)
    return days


def scurve_series(milestones, project_start: date, project_end: date, today: date) -> SCurve:
    """Return weekly planned and actual cumulative percent complete (see the module's method).

    Each milestone is a dict with status, percent, start, end and optionally
    baseline_start, baseline_end, actual_start, actual_finish.
    """
    items = []
    for m in milestones:
        if m.get("status") == "cancelled":
            continue
        plan_start = m.get("baseline_start") or m["start"]
        plan_end = m.get("baseline_end") or m["end"]
        weight = (plan_end - plan_start).days + 1
        began = m.get("actual_start") or m["start"]
        finished = m.get("actual_finish") or (m["end"] if m.get("status") == "done" else None)
        earned_until = max(began, min(finished or today, today))
        items.append((weight, plan_start, plan_end, (m.get("percent") or 0) / 100,
                      began, earned_until))
    total = sum(item[0] for item in items)
    dates = week_ends(project_start, project_end)
    planned, actual = [], []
    for day in dates:
        if not total:
            planned.append(0.0)
            actual.append(0.0 if day <= today else None)
            continue
        planned.append(round(100 * sum(w * _share(ps, pe, day) for w, ps, pe, *_ in items)
                             / total, 2))
        if day <= today:
            actual.append(round(100 * sum(w * done * _share(b, e, min(day, today))
                                          for w, _ps, _pe, done, b, e in items) / total, 2))
        else:
            actual.append(None)
    # The last actual point sits on today itself, so the curve ends where the dashboard's number is.
    if project_start <= today < project_end and total and today not in dates:
        index = next(i for i, day in enumerate(dates) if day > today)
        dates.insert(index, today)
        planned.insert(index, round(100 * sum(w * _share(ps, pe, today)
                                              for w, ps, pe, *_ in items) / total, 2))
        actual.insert(index, round(100 * sum(w * done * _share(b, e, today)
                                             for w, _ps, _pe, done, b, e in items) / total, 2))
    return SCurve(dates, planned, actual)


def scurve_figure(series: SCurve, today: date, labels=None) -> go.Figure:
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
                x=iso, y=series.planned, name=labels["planned"], mode="lines",
                line={"color": OKABE_ITO["blue"], "width": 2, "dash": "dash"},
                hovertemplate="%{x}<br>%{y:.0f} %<extra>" + labels["planned"] + "</extra>",
            ),
            go.Scatter(
                x=iso, y=series.actual, name=labels["actual"], mode="lines+markers",
                line={"color": OKABE_ITO["orange"], "width": 3},
                marker={"size": 5, "symbol": "circle"},
                hovertemplate="%{x}<br>%{y:.0f} %<extra>" + labels["actual"] + "</extra>",
            ),
        ],
        layout={
            "title": {"text": labels["title"]},
            "font": {"family": FONT_FAMILY, "size": 12},
            "xaxis": {"type": "date"},
            "yaxis": {"title": {"text": labels["axis"]}, "range": [0, 105], "ticksuffix": " %"},
            "legend": {"orientation": "h", "y": -0.15},
            "margin": {"l": 60, "r": 10, "t": 40, "b": 40},
            "plot_bgcolor": "#ffffff",
            "shapes": [{
                "type": "line", "xref": "x", "yref": "paper", "x0": today.isoformat(),
                "x1": today.isoformat(), "y0": 0, "y1": 1,
                "line": {"color": OKABE_ITO["vermillion"], "width": 1, "dash": "dot"},
            }],
            "annotations": [{
                "x": today.isoformat(), "xref": "x", "y": 1, "yref": "paper",
                "yanchor": "bottom", "text": labels["today"], "showarrow": False,
            }],
        },
    )
    return figure
