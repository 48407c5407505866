"""What the dashboard reads from the database, in a fixed number of queries."""

from datetime import UTC, date, datetime, time, timedelta

from flask import url_for
from flask_babel import format_date, format_percent
from flask_babel import gettext as _
from sqlalchemy import Integer, literal_column, null, select, union_all

from roadmap import labels
from roadmap.dashboard.figures import WATCHED, changes_that_matter
from roadmap.extensions import db
from roadmap.history import HistoryEntry
from roadmap.months import Month
from roadmap.posts.models import BorderPost
from roadmap.reports.models import MonthlyReport, ReportVersion
from roadmap.workshops.models import Outcome

# Enough recent entries to find the few that matter among routine ones.
SCANNED = 300
STATUS_KIND = {
    "milestone": "milestone_status",
    "outcome": "outcome_status",
    "outcome_note": "outcome_status",
}
# The record a change belongs to, for those recorded on a child row.
PARENT_FIELD = {
    "post_update": "post_id",
    "outcome_note": "outcome_id",
    "report_version": "report_id",
}


def latest_issued(before: date | None = None):
    """Return the month, its first day and the version of the latest issued report, or None.

    With `before`, the latest issued by the end of that day.
    """
    query = select(MonthlyReport.month, ReportVersion).join(ReportVersion.report)
    if before is not None:
        end = datetime.combine(before + timedelta(days=1), time.min, tzinfo=UTC)
        query = query.where(ReportVersion.issued_at < end)
    row = db.session.execute(
        query.order_by(MonthlyReport.month.desc(), ReportVersion.number.desc()).limit(1)
    ).first()
    if row is None:
        return None
    return {"month": row[0], "first_day": row[0].start, "version": row[1]}


def recent_changes(since: datetime | None, limit: int = 10) -> list[dict]:
    """Return the changes that matter since a moment (or the latest ones), described."""
    query = (
        select(HistoryEntry)
        .where(HistoryEntry.entity.in_(list(WATCHED)))
        .order_by(HistoryEntry.id.desc())
        .limit(SCANNED)
    )
    if since is not None:
        query = query.where(HistoryEntry.at > since)
    entries = []
    for entry in db.session.scalars(query):
        changes = entry.changes or {}
        parent = changes.get(PARENT_FIELD.get(entry.entity, ""), [None, None])[1]
        entries.append(
            {
                "id": entry.id,
                "at": entry.at,
                "entity": entry.entity,
                "entity_id": entry.entity_id,
                "action": entry.action,
                "changes": changes,
                "label": entry.label,
                "user_name": entry.user_name,
                "user_id": entry.user_id,
                "parent_id": parent,
            }
        )
    kept = changes_that_matter(entries, limit)
    _attach_links(kept)
    for entry in kept:
        entry["lines"] = [_line(entry, name, pair) for name, pair in entry["changes"].items()]
        if entry["user_id"] is None and entry["user_name"] == "system":
            entry["user_name"] = _("System")
    return kept


def _attach_links(entries: list[dict]) -> None:
    """Give each entry the title and address of the record it is about, in one query.

    The one query runs whichever kinds of change are shown (an empty list matches
    nothing), so the dashboard's query count never depends on them.
    """
    post_ids = {e["parent_id"] for e in entries if e["entity"] == "post_update"}
    outcome_ids = {e["parent_id"] for e in entries if e["entity"] == "outcome_note"}
    outcome_ids |= {e["entity_id"] for e in entries if e["entity"] == "outcome"}
    report_ids = {e["parent_id"] for e in entries if e["entity"] == "report_version"}
    no_workshop = null().cast(Integer)
    rows = db.session.execute(
        union_all(
            select(
                literal_column("'post'").label("kind"),
                BorderPost.id,
                BorderPost.name.label("title"),
                no_workshop.label("workshop_id"),
            ).where(BorderPost.id.in_(post_ids)),
            select(
                literal_column("'outcome'"), Outcome.id, Outcome.text, Outcome.workshop_id
            ).where(Outcome.id.in_(outcome_ids)),
            select(
                literal_column("'report'"), MonthlyReport.id, MonthlyReport.month, no_workshop
            ).where(MonthlyReport.id.in_(report_ids)),
        )
    ).all()
    posts = {row.id: row.title for row in rows if row.kind == "post"}
    outcomes = {row.id: row for row in rows if row.kind == "outcome"}
    months = {row.id: row.title for row in rows if row.kind == "report"}
    for entry in entries:
        entry["title"], entry["url"] = entry["label"], None
        entity = entry["entity"]
        if entity == "milestone" and entry["action"] != "delete":
            entry["url"] = url_for("schedule.milestone", milestone_id=entry["entity_id"])
        elif entity == "post_update" and entry["parent_id"] in posts:
            entry["title"] = posts[entry["parent_id"]]
            entry["url"] = url_for("posts.post", post_id=entry["parent_id"])
        elif entity in ("outcome", "outcome_note"):
            key = entry["entity_id"] if entity == "outcome" else entry["parent_id"]
            outcome = outcomes.get(key)
            if outcome is not None:
                entry["title"] = outcome.title[:120]
                entry["url"] = url_for(
                    "workshops.workshop",
                    workshop_id=outcome.workshop_id,
                    _anchor=f"outcome-{outcome.id}",
                )
        elif entity == "report_version" and entry["parent_id"] in months:
            month = months[entry["parent_id"]]
            entry["title"] = _(
                "Report for %(month)s",
                month=Month(month).label(),
            )
            entry["url"] = url_for("reports.report", month=month)


def _value(entry: dict, name: str, value) -> str:
    """Say a stored value in the reader's language."""
    if value is None or value == "":
        return "—"
    if name == "status":
        return labels.label(STATUS_KIND.get(entry["entity"], "milestone_status"), value)
    if name == "stage":
        return labels.label("stage", value)
    if name in ("percent_complete", "progress"):
        return format_percent(value / 100, "#,##0%")
    if name in ("current_start", "current_end"):
        return format_date(date.fromisoformat(value), "medium")
    text = str(value)
    return text if len(text) <= 160 else text[:159] + "…"


def _line(entry: dict, name: str, pair) -> dict:
    old, new = pair
    return {
        "field": labels.label("field", name),
        "old": None if entry["action"] == "create" else _value(entry, name, old),
        "new": _value(entry, name, new),
    }
