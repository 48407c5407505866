"""Rebuild the project's records as they stood at a given instant.

Pure: plain dicts in, plain dicts out. `rows` maps an entity (table name) to
{id: {field: value}} as stored now; `entries` are the history records
({entity, entity_id, action, changes: {field: [old, new]}, at, id}). Every entry
made after the instant is undone, newest first: an update gets its old values
back, a record created after the instant disappears, a deleted one returns.
History keeps dates as ISO strings and decimals as strings; they are turned back
into dates and decimals so a rebuilt row looks like a row read today.
"""

from datetime import date, datetime
from decimal import Decimal

DATE_FIELDS = {
    "project": {"start_date", "end_date"},
    "milestone": {
        "baseline_start",
        "baseline_end",
        "current_start",
        "current_end",
        "actual_start",
        "actual_finish",
    },
    "post_update": {"date"},
    "workshop": {"start_date", "end_date"},
    "outcome": {"due_date"},
    "outcome_note": {"date"},
}
DECIMAL_FIELDS = {
    "project": {"budget"},
    "border_post": {"estimated_cost", "spent"},
}


def decode(entity: str, field: str, value):
    """Return a history value with its column's Python type."""
    if value is None:
        return None
    if field in DATE_FIELDS.get(entity, ()) and isinstance(value, str):
        return date.fromisoformat(value[:10])
    if field in DECIMAL_FIELDS.get(entity, ()) and not isinstance(value, Decimal):
        return Decimal(str(value))
    return value


def _order(entry: dict):
    return (entry["at"], entry.get("id") or 0)


def rebuild(rows: dict, entries: list, instant: datetime) -> dict:
    """Return a copy of rows with every change made after the instant undone."""
    state = {
        entity: {key: dict(row) for key, row in records.items()} for entity, records in rows.items()
    }
    later = sorted((e for e in entries if e["at"] >= instant), key=_order, reverse=True)
    for entry in later:
        entity, key = entry["entity"], entry["entity_id"]
        records = state.setdefault(entity, {})
        changes = entry.get("changes") or {}
        if entry["action"] == "create":
            records.pop(key, None)
        elif entry["action"] == "delete":
            restored = {field: decode(entity, field, pair[0]) for field, pair in changes.items()}
            restored["id"] = key
            records[key] = restored
        elif entry["action"] == "update" and key in records:
            for field, pair in changes.items():
                records[key][field] = decode(entity, field, pair[0])
    return state


def entries_between(entries: list, start: datetime, end: datetime, entity=None) -> list:
    """Return the entries made in [start, end), oldest first, optionally of one entity."""
    found = [
        e for e in entries
        if start <= e["at"] < end and (entity is None or e["entity"] == entity)
    ]
    return sorted(found, key=_order)


BASELINE_FIELDS = frozenset({"baseline_start", "baseline_end"})
# Columns a change to which says nothing about why the work moved.
BOOKKEEPING_FIELDS = frozenset({"pushed_by_id", "position"})


def _pushed_by(history: list, index: int):
    """Return the predecessor that had pushed the record when the entry was made, or None.

    `history` is the record's entries, newest first. The edit form and the API clear
    pushed_by_id when someone moves the dates by hand, so a reasonless date change made
    while it is set came from a push (possibly again by the same predecessor).
    """
    for older in history[index:]:
        older_changes = older.get("changes") or {}
        if "pushed_by_id" in older_changes:
            return older_changes["pushed_by_id"][1]
    return None


def _title(entries: list, key, before) -> str:
    """Return a milestone's title as it stood at the instant, from its history."""
    for entry in sorted(entries, key=_order, reverse=True):
        if entry["entity"] != "milestone" or entry["entity_id"] != key or entry["at"] > before:
            continue
        changes = entry.get("changes") or {}
        if "title" in changes and changes["title"][1]:
            return changes["title"][1]
    return f"#{key}"


def pushed_reason(title: str) -> str:
    """Return the reason shown for a change a predecessor forced."""
    from flask_babel import gettext as _

    return _("Pushed by %(title)s", title=title)


def last_reason(entries: list, entity: str, key: int, before: datetime, field=None) -> str:
    """Return the reason of the latest change to a record before the instant, if any.

    Changes of the baseline alone are skipped (re-baselining explains the plan, not
    the delay). A change with no reason that a predecessor forced reads
    "Pushed by <predecessor>".
    """
    history = [
        e for e in sorted(entries, key=_order, reverse=True)
        if e["entity"] == entity and e["entity_id"] == key
    ]
    for index, entry in enumerate(history):
        if entry["at"] >= before:
            continue
        changes = entry.get("changes") or {}
        if field is not None and field not in changes:
            continue
        if changes and set(changes) <= BASELINE_FIELDS | BOOKKEEPING_FIELDS:
            continue
        if entry.get("reason"):
            return entry["reason"]
        if entity == "milestone" and entry["action"] == "update" and (
            {"current_start", "current_end"} & set(changes)
        ):
            predecessor = _pushed_by(history, index)
            if predecessor is not None:
                return pushed_reason(_title(entries, predecessor, entry["at"]))
    return ""
