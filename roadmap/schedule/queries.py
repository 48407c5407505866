"""Loading milestones for the list and the Gantt chart in a fixed number of queries."""

from datetime import timedelta

from flask import g
from flask_babel import gettext as _
from sqlalchemy import select

from roadmap import labels
from roadmap.caching import kept, key_of
from roadmap.data_version import data_version
from roadmap.extensions import db
from roadmap.schedule.critical import is_critical, schedule_end, total_floats
from roadmap.schedule.health import health, slip_days
from roadmap.schedule.models import Milestone, MilestoneDependency, Workstream
from roadmap.schedule.scheduling import Span

FILTERS = ("workstream", "country", "status", "health", "due", "critical")
YES = ("1", "true", "on", "yes")
# The filters _filtered applies in SQL; the others are applied to the rows in memory.
SQL_FILTERS = ("workstream", "country", "status")


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
        elif name == "critical":  # the critical path only
            if value.lower() not in YES:
                continue
            value = 1
        found[name] = value
    return found


def _filtered(query, filters: dict):
    """Return the query in Gantt order, narrowed by the filters the database can apply."""
    query = query.order_by(
        Workstream.position,
        Workstream.id,
        Milestone.position,
        Milestone.current_start,
        Milestone.id,
    )
    if "workstream" in filters:
        query = query.where(Milestone.workstream_id == filters["workstream"])
    if "country" in filters:
        query = query.where(Milestone.country == filters["country"])
    if "status" in filters:
        query = query.where(Milestone.status == filters["status"])
    return query


# The columns of a milestone row; read as plain tuples, which costs a fraction of
# building an ORM object per milestone (this runs for every milestone on many pages).
ROW_COLUMNS = (
    Milestone.id,
    Milestone.title,
    Workstream.name,
    Milestone.workstream_id,
    Milestone.current_start,
    Milestone.current_end,
    Milestone.baseline_start,
    Milestone.baseline_end,
    Milestone.percent_complete,
    Milestone.status,
    Milestone.owner,
    Milestone.country,
    Milestone.actual_start,
    Milestone.actual_finish,
    Milestone.position,
)


def load_rows(filters: dict, today) -> list[dict]:
    """Return plain rows (with health and float) of the filtered milestones.

    One query, and one more (dependencies) when the data changed since the last call.
    """
    query = _filtered(select(*ROW_COLUMNS).join(Milestone.workstream), filters)
    wanted_health = filters.get("health")
    due_by = today + timedelta(days=filters["due"]) if filters.get("due") else None
    plain = [milestone_row(record, today) for record in db.session.execute(query)]
    # Unnarrowed by the database, these are the whole plan: its floats need no second read.
    whole = not any(name in filters for name in SQL_FILTERS)
    floats = plan_network(plain if whole else None)["floats"]
    rows = []
    for row in plain:
        with_float(row, floats)
        if wanted_health and row["health"] != wanted_health:
            continue
        if filters.get("critical") and not row["critical"]:
            continue
        if due_by and not (
            row["status"] not in ("done", "cancelled") and today <= row["end"] <= due_by
        ):
            continue
        rows.append(row)
    return rows


def milestone_row(record, today) -> dict:
    """Return the plain row (with health) of a record of ROW_COLUMNS."""
    (
        key,
        title,
        stream,
        stream_id,
        start,
        end,
        baseline_start,
        baseline_end,
        percent,
        status,
        owner,
        country,
        actual_start,
        actual_finish,
        position,
    ) = record
    return {
        "id": key,
        "title": title,
        "workstream": stream,
        "workstream_id": stream_id,
        "start": start,
        "end": end,
        "baseline_start": baseline_start,
        "baseline_end": baseline_end,
        "percent": percent,
        "status": status,
        "owner": owner,
        "country": country,
        "slip": slip_days(end, baseline_end),
        "actual_start": actual_start,
        "actual_finish": actual_finish,
        "health": health(status, start, end, percent, today, baseline_end),
        "position": position,
    }


def with_float(row: dict, floats: dict | None = None) -> dict:
    """Add the row's total float in days ("float", None when done) and "critical"."""
    value = (plan_network()["floats"] if floats is None else floats).get(row["id"])
    row["float"] = value
    row["critical"] = is_critical(value)
    return row


def plan_network(rows: list[dict] | None = None) -> dict:
    """Return every milestone's total float by id and the day the schedule ends.

    The whole plan is read once per data version — from `rows` when the caller has
    every milestone's row already, else in one query — with its dependencies: a float
    depends on every milestone downstream, whatever a page shows. The same in every
    language, so kept by data version alone.
    """
    version = data_version()
    held = g.get("plan_network")
    if held is None or held[0] != version:  # asked once per milestone: fetched once a request
        held = g.plan_network = (
            version,
            kept(key_of("plan_network", version), lambda: _read_network(rows)),
        )
    return held[1]


def _read_network(rows: list[dict] | None) -> dict:
    if rows is None:
        spans = current_spans()
    else:
        spans = {row["id"]: Span(row["start"], row["end"], row["status"]) for row in rows}
    return {"floats": total_floats(spans, dependency_pairs()), "end": schedule_end(spans)}


def current_spans() -> dict[int, Span]:
    """Return every milestone's current dates and status by id: one query."""
    query = select(Milestone.id, Milestone.current_start, Milestone.current_end, Milestone.status)
    return {key: Span(start, end, status) for key, start, end, status in db.session.execute(query)}


def dependency_pairs() -> list[tuple[int, int, int]]:
    """Return every dependency as (predecessor id, successor id, lag days): one query."""
    query = select(
        MilestoneDependency.predecessor_id,
        MilestoneDependency.successor_id,
        MilestoneDependency.lag_days,
    )
    return [tuple(row) for row in db.session.execute(query)]


def has_baseline() -> bool:
    """Tell whether a baseline has been set before."""
    query = select(Milestone.id).where(Milestone.baseline_start.is_not(None)).limit(1)
    return db.session.scalar(query) is not None


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
        "critical": _("Critical path"),
        "float": _("Total float"),
    }
