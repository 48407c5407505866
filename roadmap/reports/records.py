"""Read the current rows of every table a report reads, and their history, as plain dicts.

The report, the dashboard as of a past day and the results framework all rebuild a past
state from these (see snapshot.py).
"""

from sqlalchemy import select

from roadmap.extensions import db
from roadmap.history import HistoryEntry, effective_instant
from roadmap.posts.models import BorderPost, PostUpdate
from roadmap.schedule.models import Milestone, MilestoneDependency, Project, Workstream
from roadmap.workshops.models import Outcome, OutcomeNote, Workshop

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


def current_rows(models=MODELS) -> dict:
    """Return {entity: {id: {column: value}}} for every table a report reads (or those)."""
    rows = {}
    for model in models:
        table = model.__table__
        result = db.session.execute(select(table)).mappings()
        rows[table.name] = {row["id"]: dict(row) for row in result}
    return rows


def history_entries(entities=ENTITIES) -> list[dict]:
    """Return the history of those tables (or of these entities) as plain dicts.

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
    ).where(table.c.entity.in_(entities))
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


def state_at_end_of(day) -> dict:
    """Return every record as it stood at the end of a day, by effective date (snapshot.py)."""
    from datetime import UTC, datetime, time, timedelta

    from roadmap.reports.snapshot import rebuild

    instant = datetime.combine(day + timedelta(days=1), time.min, tzinfo=UTC)
    return rebuild(current_rows(), history_entries(), instant)
