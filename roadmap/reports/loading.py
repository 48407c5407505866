"""Read the current rows and their history as plain dicts, for the snapshot."""

import pickle  # nosec B403

from flask import g, has_app_context
from sqlalchemy import event, select
from sqlalchemy.orm import Session

from roadmap.caching import memoised
from roadmap.extensions import db
from roadmap.history import HistoryEntry, effective_instant
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
from roadmap.reports import content

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
# Records that are themselves dated facts: their creation is what a correction lists.
DATED_FACTS = frozenset(m.__tablename__ for m in MODELS if getattr(m, "__effective__", None))


def current_rows() -> dict:
    """Return {entity: {id: {column: value}}} for every table a report reads."""
    rows = {}
    for model in MODELS:
        table = model.__table__
        result = db.session.execute(select(table)).mappings()
        rows[table.name] = {row["id"]: dict(row) for row in result}
    return rows


def history_entries() -> list[dict]:
    """Return the history of those tables as plain dicts.

    At scale this is the most a report reads (a row per change, hundreds of
    thousands), so it is kept lean: each repeated name is one string shared by every
    entry, and a creation keeps only the title it recorded, all the snapshot asks of
    it (a creation is undone by removing the record; see snapshot.py).
    """
    table = HistoryEntry.__table__
    query = select(
        table.c.id,
        table.c.at,
        table.c.entity,
        table.c.entity_id,
        table.c.action,
        table.c.changes,
        table.c.reason,
        table.c.user_name,
        table.c.effective_on,
    ).where(table.c.entity.in_(ENTITIES))
    names: dict = {}
    share = names.setdefault
    entries = []
    rows = db.session.execute(query)
    for key, at, entity, entity_id, action, changes, reason, user_name, effective_on in rows:
        if action == "create" and changes and entity not in DATED_FACTS:
            changes = {"title": changes["title"]} if "title" in changes else {}
        entries.append(
            {
                "id": key,
                "at": at,
                "effective": effective_instant(at, effective_on),
                "effective_on": effective_on,
                "entity": share(entity, entity),
                "entity_id": entity_id,
                "action": share(action, action),
                "changes": changes,
                "reason": reason,
                "user_name": share(user_name, user_name),
            }
        )
    return entries


def data_version() -> tuple:
    """Return a key that changes whenever project data changes (for caches).

    Every change to project data writes a history entry in the same transaction, so
    the latest entry's id and time move with any change any process commits. The time
    tells apart an id reused after a rollback (SQLite) or a restored backup. Read once
    per request (the newest entry, by primary key) until this session writes.
    """
    if "data_version" in g:
        return g.data_version
    row = db.session.execute(latest_entry()).first()
    return keep_data_version(*(row or (None, None)))


def latest_entry():
    """Return the query of the newest history entry's id and time (the data version)."""
    table = HistoryEntry.__table__
    return select(table.c.id, table.c.at).order_by(table.c.id.desc()).limit(1)


def keep_data_version(latest_id: int | None, latest_at) -> tuple:
    """Return the data version of the newest history entry, kept for the rest of the request."""
    g.data_version = (latest_id, latest_at.isoformat()) if latest_id is not None else (None, None)
    return g.data_version


@event.listens_for(Session, "after_flush")
@event.listens_for(Session, "after_commit")
@event.listens_for(Session, "after_rollback")
def _forget_data_version(*args):
    """Read the version again after this request's own writes (or their undoing)."""
    if has_app_context():
        g.pop("data_version", None)


# Report contents kept per process (and per app), most recently used last.
CONTENT_CACHE_SIZE = 16


def report_content(month: str, today) -> dict:
    """Return the content of a month's report, rebuilt only when the data has changed.

    The content holds codes, dates and numbers, never translated text, so one entry
    serves every language. It depends on today (the current month shows today's data).
    """
    kept = memoised(
        "report_content_cache",
        (month, today, data_version()),
        lambda: pickle.dumps(
            content.build(current_rows(), history_entries(), month, today), pickle.HIGHEST_PROTOCOL
        ),
        CONTENT_CACHE_SIZE,
    )
    # Kept pickled: a few compact bytes rather than thousands of objects, and each
    # caller gets its own copy (callers may change it) several times faster than
    # copy.deepcopy makes one. The bytes come from this process, never from outside.
    return pickle.loads(kept)  # nosec B301


def state_at_end_of(day) -> dict:
    """Return every record as it stood at the end of a day, by effective date (snapshot.py)."""
    from datetime import UTC, datetime, time, timedelta

    from roadmap.reports.snapshot import rebuild

    instant = datetime.combine(day + timedelta(days=1), time.min, tzinfo=UTC)
    return rebuild(current_rows(), history_entries(), instant)
