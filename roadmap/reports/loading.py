"""Read the current rows and their history as plain dicts, for the snapshot."""

import copy
import threading
from collections import OrderedDict

from flask import current_app
from sqlalchemy import select

from roadmap.extensions import db
from roadmap.history import HistoryEntry
from roadmap.reports import content
from roadmap.models import (
    BorderPost,
    Milestone,
    MilestoneDependency,
    Outcome,
    OutcomeNote,
    PostUpdate,
    Project,
    Workshop,
    Workstream,
)

MODELS = (
    Project,
    Workstream,
    Milestone,
    MilestoneDependency,
    BorderPost,
    PostUpdate,
    Workshop,
    Outcome,
    OutcomeNote,
)
ENTITIES = tuple(model.__tablename__ for model in MODELS)


def current_rows() -> dict:
    """Return {entity: {id: {column: value}}} for every table a report reads."""
    rows = {}
    for model in MODELS:
        table = model.__table__
        result = db.session.execute(select(table)).mappings()
        rows[table.name] = {row["id"]: dict(row) for row in result}
    return rows


def history_entries() -> list[dict]:
    """Return the history of those tables as plain dicts."""
    table = HistoryEntry.__table__
    query = select(
        table.c.id, table.c.at, table.c.entity, table.c.entity_id, table.c.action,
        table.c.changes, table.c.reason, table.c.user_name,
    ).where(table.c.entity.in_(ENTITIES))
    return [dict(row) for row in db.session.execute(query).mappings()]


def data_version() -> tuple:
    """Return a key that changes whenever project data changes (for caches).

    Every change to project data writes a history entry in the same transaction, so
    the latest entry's id and time move with any change any process commits. The time
    tells apart an id reused after a rollback (SQLite) or a restored backup.
    """
    row = db.session.execute(select(db.func.max(HistoryEntry.id), db.func.max(HistoryEntry.at)))
    latest_id, latest_at = row.one()
    return (latest_id, latest_at.isoformat() if latest_at is not None else None)


# Report contents kept per process (and per app), most recently used last.
CONTENT_CACHE_SIZE = 16
_content_lock = threading.Lock()


def report_content(month: str, today) -> dict:
    """Return the content of a month's report, rebuilt only when the data has changed.

    The content holds codes, dates and numbers, never translated text, so one entry
    serves every language. It depends on today (the current month shows today's data).
    """
    cache = current_app.extensions.setdefault("report_content_cache", OrderedDict())
    key = (month, today, data_version())
    with _content_lock:
        found = cache.get(key)
        if found is not None:
            cache.move_to_end(key)
    if found is None:
        found = content.build(current_rows(), history_entries(), month, today)
        with _content_lock:
            cache[key] = found
            while len(cache) > CONTENT_CACHE_SIZE:
                cache.popitem(last=False)
    return copy.deepcopy(found)  # callers may change their copy


def the_project() -> Project | None:
    """Return the installation's project, if one exists."""
    return db.session.scalar(select(Project).order_by(Project.id).limit(1))
