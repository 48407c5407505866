"""Write a generated project (roadmap/demo/scale.py) in bulk, with its history.

Rows go in with one multi-row INSERT per thousand, and the history is written here
in bulk too: letting the history listener see 100,000 objects flush would take minutes.
The caller owns the transaction.
"""

from datetime import UTC, datetime, time, timedelta

from sqlalchemy import bindparam, func, select, update

from roadmap.clock import today
from roadmap.demo import scale_results
from roadmap.demo.scale import REFERENCES
from roadmap.demo.scale_history import MODELS, history_rows
from roadmap.extensions import db
from roadmap.history import HistoryEntry
from roadmap.workshops.models import outcome_milestone

BATCH = 1000
# Tables whose rows mean a project is already there.
PROJECT_TABLES = ("project", "milestone", "border_post", "workshop")


def has_project_data() -> bool:
    """Tell whether the database already holds a project or any of its records."""
    return any(
        db.session.scalar(select(MODELS[table].id).limit(1)) is not None for table in PROJECT_TABLES
    )


def date_accounts_history(first_entry: int, start) -> None:
    """Date the history of accounts just created to the eve of the project.

    The generated project stands for data kept since it began: accounts made today
    would otherwise appear long after the changes their owners made.
    """
    eve = datetime.combine(start - timedelta(days=1), time(7, 0), tzinfo=UTC)
    db.session.execute(update(HistoryEntry).where(HistoryEntry.id >= first_entry).values(at=eve))


def load_scale(records: dict[str, list[dict]], user, progress=lambda count: None) -> dict:
    """Insert every record and its history; return the number of rows per table."""
    ids: dict[str, list[int]] = {}
    counts = {}
    for table in REFERENCES:
        rows = records.get(table, [])
        _resolve(table, rows, ids)
        if table == "outcome_milestone":
            _insert_plain(outcome_milestone, rows, progress)
        else:
            ids[table] = _insert(MODELS[table].__table__, rows, progress)
            for record, key in zip(rows, ids[table], strict=True):
                record["id"] = key
        counts[table] = len(rows)
    _set_pushed_by(records.get("milestone", []), ids)
    history = history_rows(records, user.id if user else None, user.name if user else "system")
    _insert_plain(HistoryEntry.__table__, history, progress)
    counts["history_entry"] = len(history)
    db.session.flush()
    # A few records whatever the size: entered as any user would, with their history,
    # dated as the generated history ends (the morning of today), not by the wall clock.
    day, first = today(), (db.session.scalar(select(func.max(HistoryEntry.id))) or 0) + 1
    counts["indicator"] = scale_results.load(user, day)
    db.session.flush()
    morning = datetime.combine(day, time(8, 0), tzinfo=UTC)
    db.session.execute(update(HistoryEntry).where(HistoryEntry.id >= first).values(at=morning))
    return counts


def _resolve(table: str, rows: list[dict], ids: dict) -> None:
    """Swap the index in each reference column for the referred row's id."""
    for column, target in REFERENCES[table].items():
        if table == target:
            continue  # a reference to the same table is set once every row has its id
        known = ids[target]
        for record in rows:
            if record.get(column) is not None:
                record[column] = known[record[column]]


def _columns(table, record: dict) -> dict:
    names = table.columns.keys()
    return {name: record[name] for name in names if name in record}


def _insert(table, rows: list[dict], progress) -> list[int]:
    """Insert the rows (without the self-references) and return their ids in order."""
    statement = table.insert().returning(table.c.id, sort_by_parameter_order=True)
    ids = []
    for first in range(0, len(rows), BATCH):
        batch = [_columns(table, record) for record in rows[first : first + BATCH]]
        if "pushed_by_id" in table.columns:
            for values in batch:
                values["pushed_by_id"] = None
        ids.extend(db.session.execute(statement, batch).scalars())
        progress(len(batch))
    return ids


def _insert_plain(table, rows: list[dict], progress) -> None:
    for first in range(0, len(rows), BATCH):
        batch = [_columns(table, record) for record in rows[first : first + BATCH]]
        db.session.execute(table.insert(), batch)
        progress(len(batch))


def _set_pushed_by(milestones: list[dict], ids: dict) -> None:
    """Point each pushed milestone at its predecessor, now that every milestone has an id."""
    known = ids.get("milestone", [])
    pushed = []
    for record in milestones:
        if record.get("pushed_by_id") is not None:
            record["pushed_by_id"] = known[record["pushed_by_id"]]
            pushed.append({"key": record["id"], "value": record["pushed_by_id"]})
        for _at, changes, _reason in record.get("_updates", ()):
            if "pushed_by_id" in changes and changes["pushed_by_id"][1] is not None:
                changes["pushed_by_id"][1] = record["pushed_by_id"]
    if pushed:
        table = MODELS["milestone"].__table__
        statement = (
            table.update()
            .where(table.c.id == bindparam("key"))
            .values(pushed_by_id=bindparam("value"))
        )
        db.session.connection().execute(statement, pushed)
