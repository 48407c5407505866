"""A workshop's page, shown by its own view and again by the outcome forms it refuses (422)."""

from flask import render_template, url_for
from flask_login import current_user
from sqlalchemy import and_, or_, select
from sqlalchemy.orm import selectinload

from roadmap.caching import cached
from roadmap.clock import today
from roadmap.extensions import db
from roadmap.history import HistoryEntry
from roadmap.workshops import pages
from roadmap.workshops.forms import blank_note_form
from roadmap.workshops.models import Outcome, OutcomeNote, Workshop

HISTORY_LIMIT = 50


def get_workshop(workshop_id: int) -> Workshop:
    """Return the workshop with everything its page shows, in a fixed number of queries."""
    return db.first_or_404(
        db.select(Workshop)
        .where(Workshop.id == workshop_id)
        .options(
            selectinload(Workshop.participation),
            selectinload(Workshop.outcomes)
            .selectinload(Outcome.notes)
            .joinedload(OutcomeNote.author),
            selectinload(Workshop.outcomes).selectinload(Outcome.milestones),
        )
    )


def milestone_url(milestone_id: int) -> str:
    """Return the milestone page's address."""
    return url_for("schedule.milestone", milestone_id=milestone_id)


def render_workshop(workshop: Workshop, note_forms: dict | None = None, status: int = 200):
    """Render the workshop page; note_forms holds forms being re-shown with errors."""
    note_forms = dict(note_forms or {})
    if current_user.can_edit:
        for outcome in workshop.outcomes:
            note_forms.setdefault(outcome.id, blank_note_form(outcome))
    return (
        render_template(
            "workshops/workshop.html",
            workshop=workshop,
            figures=pages.workshop_figures(workshop, today()),
            charts=workshop_charts(workshop),
            note_forms=note_forms,
            milestone_url=milestone_url,
            entries=workshop_history(workshop),
        ),
        status,
    )


def workshop_charts(workshop: Workshop) -> list:
    """Return the workshop's charts, built once per data version and language."""
    return cached("workshop_charts", lambda: pages.workshop_charts(workshop), workshop.id)


def workshop_history(workshop: Workshop) -> list[HistoryEntry]:
    """Return the latest changes to the workshop, its participation and its outcomes."""
    outcome_ids = [outcome.id for outcome in workshop.outcomes]
    note_ids = [note.id for outcome in workshop.outcomes for note in outcome.notes]
    participation_ids = [row.id for row in workshop.participation]
    conditions = [and_(HistoryEntry.entity == "workshop", HistoryEntry.entity_id == workshop.id)]
    for entity, ids in (
        ("outcome", outcome_ids),
        ("outcome_note", note_ids),
        ("participation", participation_ids),
    ):
        if ids:
            conditions.append(and_(HistoryEntry.entity == entity, HistoryEntry.entity_id.in_(ids)))
    return db.session.scalars(
        select(HistoryEntry)
        .where(or_(*conditions))
        .order_by(HistoryEntry.id.desc())
        .limit(HISTORY_LIMIT)
    ).all()
