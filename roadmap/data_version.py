"""The data version: a key that moves whenever project data changes, for caches."""

from flask import g, has_app_context
from sqlalchemy import event, select
from sqlalchemy.orm import Session

from roadmap.extensions import db
from roadmap.history import HistoryEntry


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
