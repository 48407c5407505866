"""Loading milestones for the list and the Gantt chart in a fixed number of queries."""

from datetime import timedelta

from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import contains_eager

from roadmap import labels
from roadmap.extensions import db
from roadmap.schedule.health import health
from roadmap.schedule.models import Milestone, MilestoneDependency, Project, Workstream
from roadmap.schedule.scheduling import Span, push_successors

FILTERS = ("workstream", "country", "status", "health", "due")


def current_project() -> Project | None:
    """Return the installation's one project, if it is set up."""
    return db.session.scalar(select(Project).order_by(Project.id).limit(1))


def read_filters(args) -> dict:
    """Return the known, non-empty filters of a query string."""
    found = {}
    for name in FILTERS:
        value = (args.get(name) or "").strip()
        if not value:
            continue
        if name == "workstream":
            if not value.isdigit():
                continue
            value = int(value)
        elif name == "status" and value not in labels.MILESTONE_STATUS:
            continue
        elif name == "health" and value not in labels.HEALTH:
            continue
        elif name == "due":  # unfinished and ending within this many days (dashboard links)
            if not value.isdigit() or not 1 <= int(value) <= 366:
                continue
            value = int(value)
        found[name] = value
    return found


def milestones_query(filters: dict):
    """Return the query of milestones with their workstream, in Gantt order."""
    query = (
        select(Milestone)
        .join(Milestone.workstream)
        .options(contains_eager(Milestone.workstream))
        .order_by(Workstream.position, Workstream.id, Milestone.position,
                  Milestone.current_start, Milestone.id)
    )
    if "workstream" in filters:
        query = query.where(Milestone.workstream_id == filters["workstream"])
    if "country" in filters:
        query = query.where(Milestone.country == filters["country"])
    if "status" in filters:
        query = query.where(Milestone.status == filters["status"])
    return query


def milestone_health(milestone: Milestone, today) -> str:
    """Return the derived health of a milestone as seen on `today`."""
    return health(
        milestone.status,
        milestone.current_start,
        milestone.current_end,
        milestone.percent_complete,
        today,
        milestone.baseline_end,
    )


def load_rows(filters: dict, today) -> list[dict]:
    """Return plain rows (with health) of the filtered milestones: one query."""
    rows = []
    for m in db.session.scalars(milestones_query(filters)):
        row = {
            "id": m.id,
            "title": m.title,
            "workstream": m.workstream.name,
            "workstream_id": m.workstream_id,
            "start": m.current_start,
            "end": m.current_end,
            "baseline_start": m.baseline_start,
            "baseline_end": m.baseline_end,
            "percent": m.percent_complete,
            "status": m.status,
            "owner": m.owner,
            "country": m.country,
            "slip": m.slip_days,
            "actual_start": m.actual_start,
            "actual_finish": m.actual_finish,
            "health": milestone_health(m, today),
        }
        if filters.get("health") and row["health"] != filters["health"]:
            continue
        if filters.get("due") and not (
            row["status"] not in ("done", "cancelled")
            and today <= row["end"] <= today + timedelta(days=filters["due"])
        ):
            continue
        rows.append(row)
    return rows


def dependency_pairs() -> list[tuple[int, int, int]]:
    """Return every dependency as (predecessor id, successor id, lag days): one query."""
    query = select(
        MilestoneDependency.predecessor_id,
        MilestoneDependency.successor_id,
        MilestoneDependency.lag_days,
    )
    return [tuple(row) for row in db.session.execute(query)]


def reschedule(changed_ids) -> dict:
    """Push the successors of the changed milestones later where needed; return the pushes."""
    spans = {
        row.id: Span(row.current_start, row.current_end, row.status)
        for row in db.session.execute(
            select(Milestone.id, Milestone.current_start, Milestone.current_end, Milestone.status)
        )
    }
    pushes = push_successors(spans, dependency_pairs(), changed_ids)
    for milestone_id, push in pushes.items():
        milestone = db.session.get(Milestone, milestone_id)
        milestone.current_start = push.start
        milestone.current_end = push.end
        milestone.pushed_by_id = push.pushed_by
    return pushes


def gantt_labels() -> dict:
    """Return the chart's texts in the user's language."""
    return {
        "statuses": {code: str(text) for code, text in labels.MILESTONE_STATUS.items()},
        "health": {code: str(text) for code, text in labels.HEALTH.items()},
        "title": "",
        "baseline": _("Baseline"),
        "work_done": _("Work done"),
        "behind": _("Behind schedule"),
        "dependency": _("Dependency"),
        "today": _("Today"),
        "dates": _("Dates"),
        "percent": _("Complete"),
        "owner": _("Owner"),
        "slip": _("Slip"),
        "days": _("days"),
        "health_label": _("Health"),
        "status_label": _("Status"),
        "baseline_dates": _("Baseline"),
        # TRANSLATORS: how the Gantt's hover writes a date (d3-time-format: %-d day,
        # %b short month, %B month, %Y year); plotly.js supplies the month names.
        "date_format": _("%b %-d, %Y"),
    }


def scurve_labels() -> dict:
    """Return the S-curve's texts in the user's language."""
    return {
        "planned": _("Planned"),
        "actual": _("Actual"),
        "axis": _("Cumulative percent complete"),
        "today": _("Today"),
    }


def upcoming_gantt(rows: list[dict], today, days: int = 60):
    """Return the compact Gantt of the next `days` days from `load_rows` rows, for the dashboard."""
    from roadmap.charts.gantt import gantt_figure

    return gantt_figure(
        rows,
        today,
        gantt_labels(),
        dependencies=[(pred, succ) for pred, succ, _lag in dependency_pairs()],
        window=(today, today + timedelta(days=days)),
    )


def project_scurve(rows: list[dict], project, today):
    """Return the whole project's S-curve figure from `load_rows` rows, for the dashboard."""
    from roadmap.charts.scurve import scurve_figure, scurve_series

    series = scurve_series(rows, project.start_date, project.end_date, today)
    return scurve_figure(series, today, scurve_labels())
