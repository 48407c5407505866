"""The change history page."""

from flask import Blueprint, render_template, request
from sqlalchemy import func, select

from roadmap import labels
from roadmap.history import HistoryEntry
from roadmap.paging import paginate, requested_page

bp = Blueprint("history", __name__)
PER_PAGE = 50


def history_query(entity: str | None = None, entity_id: int | None = None):
    """Return the newest-first query of history entries, optionally for one record.

    A record's timeline is ordered by when each change took effect (late field news
    among the days it happened); the whole history by when changes were entered.
    """
    if entity_id is None:
        query = select(HistoryEntry).order_by(HistoryEntry.id.desc())
    else:
        happened = func.coalesce(HistoryEntry.effective_on, HistoryEntry.at)
        query = select(HistoryEntry).order_by(happened.desc(), HistoryEntry.id.desc())
    if entity:
        query = query.where(HistoryEntry.entity == entity)
    if entity_id is not None:
        query = query.where(HistoryEntry.entity_id == entity_id)
    return query


@bp.get("/history")
def index():
    """List changes, newest first, filtered by entity."""
    entity = request.args.get("entity") or None
    if entity not in labels.ENTITY:
        entity = None
    page = paginate(history_query(entity), requested_page(request.args), PER_PAGE)
    return render_template(
        "history/index.html", page=page, entity=entity, entities=labels.choices("entity")
    )
