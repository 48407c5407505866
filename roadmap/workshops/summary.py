"""The follow-up of every workshop's outcomes, for the dashboard and the monthly reports."""

from collections import Counter
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from roadmap.extensions import db
from roadmap.workshops.followup import days_overdue, implemented_share
from roadmap.workshops.models import OUTCOME_KINDS, OUTCOME_STATUSES, Outcome


def followup_summary(today: date, outcomes: list | None = None) -> dict:
    """Return outcome counts, the share implemented and the overdue outcomes as of today.

    Keys: total; by_status {status: n}; implemented_percent (completed ÷ all not
    discontinued, 0–100, None when nothing counts); by_kind {kind: {total,
    implemented_percent}}; overdue_count; overdue, a list of dicts (id, workshop_id,
    workshop_title, kind, text, responsible, due_date, status, days_overdue), most
    overdue first.
    """
    if outcomes is None:  # else outcomes as they stood (with .workshop.title), by id
        outcomes = db.session.scalars(
            select(Outcome).options(selectinload(Outcome.workshop)).order_by(Outcome.id)
        ).all()
    by_status = Counter(outcome.status for outcome in outcomes)
    overdue = []
    for outcome in outcomes:
        late = days_overdue(outcome.due_date, outcome.status, today)
        if late:
            overdue.append(
                {
                    "id": outcome.id,
                    "workshop_id": outcome.workshop_id,
                    "workshop_title": outcome.workshop.title,
                    "kind": outcome.kind,
                    "text": outcome.text,
                    "responsible": outcome.responsible,
                    "due_date": outcome.due_date,
                    "status": outcome.status,
                    "days_overdue": late,
                }
            )
    overdue.sort(key=lambda row: (-row["days_overdue"], row["id"]))
    by_kind = {}
    for kind in OUTCOME_KINDS:
        statuses = [outcome.status for outcome in outcomes if outcome.kind == kind]
        by_kind[kind] = {
            "total": len(statuses),
            "implemented_percent": implemented_share(statuses),
        }
    return {
        "total": len(outcomes),
        "by_status": {status: by_status.get(status, 0) for status in OUTCOME_STATUSES},
        "implemented_percent": implemented_share(outcome.status for outcome in outcomes),
        "by_kind": by_kind,
        "overdue_count": len(overdue),
        "overdue": overdue,
    }
