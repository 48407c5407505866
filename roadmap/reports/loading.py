"""Read the current rows and their history as plain dicts, for the snapshot."""

from sqlalchemy import select

from roadmap.extensions import db
from roadmap.history import HistoryEntry
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
    """Return a key that changes whenever project data changes (for caches)."""
    return (db.session.scalar(select(db.func.max(HistoryEntry.id))),)


def the_project() -> Project | None:
    """Return the installation's project, if one exists."""
    return db.session.scalar(select(Project).order_by(Project.id).limit(1))
