"""Read the current rows and their history as plain dicts, for the snapshot."""

from sqlalchemy import select

from roadmap.caching import kept, key_of
from roadmap.data_version import data_version
from roadmap.extensions import db
from roadmap.history import HistoryEntry, effective_instant
from roadmap.months import Month
from roadmap.posts.models import BorderPost, PostUpdate
from roadmap.reports import content
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


def report_content(month: Month, today) -> dict:
    """Return the content of a month's report, rebuilt only when the data has changed.

    The content holds codes, dates and numbers, never translated text, so one entry
    serves every language. It depends on today (the current month shows today's data).
    """
    return kept(
        key_of("report_content", month, today, data_version()),
        lambda: content.build(current_rows(), history_entries(), month, today),
    )


def state_at_end_of(day) -> dict:
    """Return every record as it stood at the end of a day, by effective date (snapshot.py)."""
    from datetime import UTC, datetime, time, timedelta

    from roadmap.reports.snapshot import rebuild

    instant = datetime.combine(day + timedelta(days=1), time.min, tzinfo=UTC)
    return rebuild(current_rows(), history_entries(), instant)
