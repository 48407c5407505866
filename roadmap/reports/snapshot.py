"""Rebuild the project's records as they stood at a given instant.

Pure: plain dicts in, plain dicts out. `rows` maps an entity (table name) to
{id: {field: value}} as stored now; `entries` are the history records
({entity, entity_id, action, changes: {field: [old, new]}, at, id}). Every entry
made after the instant is undone, newest first: an update gets its old values
back, a record created after the instant disappears, a deleted one returns.
History keeps dates as ISO strings and decimals as strings; they are turned back
into dates and decimals so a rebuilt row looks like a row read today.

Each entry counts from its *effective* instant (`effective`, when the fact
happened; entries without one count from `at`, when they were entered): late
field news entered in October about 12 August is part of August's state. A record
whose facts arrived out of order has each entry's old values taken from the entry
before it in effective order, so undoing the entries newest-effective first passes
through the states that really followed each other.

A report needs many instants (its month's start and end, every earlier month end
for the S-curve) and the reasons of many records: `History` sorts and indexes the
entries once, and `walk_back` undoes each entry once however many instants are asked,
so the cost grows with the rows plus the entries, not with their product.
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
BASELINE_FIELDS = frozenset({"baseline_start", "baseline_end"})
# Columns a change to which says nothing about why the work moved.
BOOKKEEPING_FIELDS = frozenset({"pushed_by_id", "position"})


def decode(entity: str, field: str, value):
    """Return a history value with its column's Python type."""
    if value is None:
        return None
    if field in DATE_FIELDS.get(entity, ()) and isinstance(value, str):
        return date.fromisoformat(value[:10])
    if field in DECIMAL_FIELDS.get(entity, ()) and not isinstance(value, Decimal):
        return Decimal(str(value))
    return value


def effective(entry: dict) -> datetime:
    """Return the instant an entry counts from: when its fact happened, else when entered."""
    return entry.get("effective") or entry["at"]


def _order(entry: dict):
    return (effective(entry), entry["at"], entry.get("id") or 0)


def _entered(entry: dict):
    return (entry["at"], entry.get("id") or 0)


class History:
    """The history entries sorted once, newest first, and grouped by record."""

    def __init__(self, entries: list):
        newest_first = sorted(entries, key=_order, reverse=True)
        by_record: dict = {}
        for entry in newest_first:
            by_record.setdefault((entry["entity"], entry["entity_id"]), []).append(entry)
        rechained = {}
        for key, history in by_record.items():
            if _out_of_order(history):
                by_record[key] = _rechain(history)
                rechained.update(
                    (id(old), new) for old, new in zip(history, by_record[key], strict=True)
                )
        self.newest_first = (
            [rechained.get(id(e), e) for e in newest_first] if rechained else newest_first
        )
        self.by_record = by_record

    def walk_back(self, rows: dict, instants):
        """Yield (instant, state) for each instant, latest first, undoing each entry once.

        The state is shared between steps and changed by the next one: a caller that
        keeps one takes a `snapshot` of it. Records are copied before they are changed,
        so neither `rows` nor a record handed out at an earlier step ever changes.
        """
        state = {entity: dict(records) for entity, records in rows.items()}
        owned: set = set()  # (entity, id) of the records this walk copied and may change
        later = iter(self.newest_first)
        pending = next(later, None)
        for instant in sorted(set(instants), reverse=True):
            while pending is not None and effective(pending) >= instant:
                _undo(state, owned, pending)
                pending = next(later, None)
            yield instant, state
            owned.clear()  # the caller may have kept these records: copy them again

    def last_reason(self, entity: str, key, before: datetime, field=None) -> str:
        """Return the reason of the latest change to a record before the instant, if any.

        Changes of the baseline alone are skipped (re-baselining explains the plan, not
        the delay). A change with no reason that a predecessor forced reads
        "Pushed by <predecessor>".
        """
        history = self.by_record.get((entity, key), [])
        for index, entry in enumerate(history):
            if effective(entry) >= before:
                continue
            changes = entry.get("changes") or {}
            if field is not None and field not in changes:
                continue
            if changes and set(changes) <= BASELINE_FIELDS | BOOKKEEPING_FIELDS:
                continue
            if entry.get("reason"):
                return entry["reason"]
            if (
                entity == "milestone"
                and entry["action"] == "update"
                and ({"current_start", "current_end"} & set(changes))
            ):
                predecessor = _pushed_by(history, index)
                if predecessor is not None:
                    return pushed_reason(self.title(predecessor, effective(entry)))
        return ""

    def title(self, key, before) -> str:
        """Return a milestone's title as it stood at the instant, from its history."""
        for entry in self.by_record.get(("milestone", key), []):
            if effective(entry) > before:
                continue
            changes = entry.get("changes") or {}
            if "title" in changes and changes["title"][1]:
                return changes["title"][1]
        return f"#{key}"


def _out_of_order(history: list) -> bool:
    """Tell whether a record's entries (newest effective first) were entered in another order."""
    return any(
        _entered(newer) < _entered(older)
        for newer, older in zip(history, history[1:], strict=False)
    )


def _rechain(history: list) -> list:
    """Return a record's entries (newest effective first) with each update's old values
    those the entry before it in effective order left, the first ones those before any."""
    before: dict = {}
    for entry in sorted(history, key=_entered):  # the values before any change, as entered
        for field, pair in (entry.get("changes") or {}).items():
            before.setdefault(field, pair[0])
    chained = []
    for entry in reversed(history):  # oldest effective first
        changes = entry.get("changes") or {}
        if entry["action"] == "update":
            entry = {
                **entry,
                "changes": {f: [before.get(f, p[0]), p[1]] for f, p in changes.items()},
            }
        for field, pair in changes.items():
            before[field] = pair[1]
        chained.append(entry)
    chained.reverse()
    return chained


def _undo(state: dict, owned: set, entry: dict) -> None:
    entity, key = entry["entity"], entry["entity_id"]
    records = state.setdefault(entity, {})
    changes = entry.get("changes") or {}
    if entry["action"] == "create":
        records.pop(key, None)
    elif entry["action"] == "delete":
        restored = {field: decode(entity, field, pair[0]) for field, pair in changes.items()}
        restored["id"] = key
        records[key] = restored
        owned.add((entity, key))
    elif entry["action"] == "update" and key in records:
        if (entity, key) not in owned:  # copy on first write: rows stay as they are
            records[key] = dict(records[key])
            owned.add((entity, key))
        record = records[key]
        for field, pair in changes.items():
            record[field] = decode(entity, field, pair[0])


def snapshot(state: dict) -> dict:
    """Return a state of a walk that later steps leave alone, sharing its records (read only)."""
    return {entity: dict(records) for entity, records in state.items()}


def freeze(state: dict) -> dict:
    """Return a copy of a state whose records are its own (the caller may change them)."""
    return {
        entity: {key: dict(row) for key, row in records.items()}
        for entity, records in state.items()
    }


def rebuild(rows: dict, entries, instant: datetime) -> dict:
    """Return a copy of rows with every change made after the instant undone."""
    history = entries if isinstance(entries, History) else History(entries)
    for _instant, state in history.walk_back(rows, [instant]):
        return freeze(state)
    raise AssertionError("unreachable")  # pragma: no cover


def entries_between(entries: list, start: datetime, end: datetime, entity=None) -> list:
    """Return the entries effective in [start, end), oldest first, optionally of one entity."""
    found = [
        e
        for e in entries
        if start <= effective(e) < end and (entity is None or e["entity"] == entity)
    ]
    return sorted(found, key=_order)


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


def pushed_reason(title: str) -> str:
    """Return the reason shown for a change a predecessor forced."""
    from flask_babel import gettext as _

    return _("Pushed by %(title)s", title=title)


def last_reason(entries, entity: str, key: int, before: datetime, field=None) -> str:
    """Return the reason of the latest change to a record before the instant (see History)."""
    history = entries if isinstance(entries, History) else History(entries)
    return history.last_reason(entity, key, before, field)
