"""Corrections: facts entered after a version was issued that change what its month said.

Pure, like snapshot.py: history entries and current rows as plain dicts in, plain
dicts out. A change counts when it was entered after the version was issued and
took effect before the month ended (late field news about that month, or a fix of
a value the month showed).
"""

from datetime import datetime

from roadmap.reports.snapshot import BOOKKEEPING_FIELDS, decode, effective

# What a monthly report reads, and the column that names a record of each.
NAMES = {
    "milestone": "title",
    "border_post": "name",
    "workshop": "title",
    "outcome": "text",
    "project": "name",
    "workstream": "name",
}
# A dated fact names the record it reports on.
PARENTS = {"post_update": ("post_id", "border_post"), "outcome_note": ("outcome_id", "outcome")}
IGNORED = BOOKKEEPING_FIELDS | {"id", "version", "author_id", "post_id", "outcome_id"}


def name_of(rows: dict, entity: str, key) -> str:
    """Return the name a reader knows a record by (a fact: the record it reports on)."""
    if entity in PARENTS:
        column, parent = PARENTS[entity]
        record = rows.get(entity, {}).get(key) or {}
        return name_of(rows, parent, record.get(column)) if record else f"#{key}"
    record = rows.get(entity, {}).get(key) or {}
    text = str(record.get(NAMES.get(entity, "name")) or f"#{key}")
    return text if len(text) <= 80 else text[:79] + "…"


# The values of a dated fact a reader needs; its date is the correction's effective date.
FACT_FIELDS = {"post_update": ("stage", "progress"), "outcome_note": ("status", "text")}


def corrections(entries: list, rows: dict, issued_at: datetime, month_end: datetime) -> list:
    """Return the changes entered after issued_at and effective before month_end, in the
    order they took effect: one row per field changed.

    A dated fact that moved its record (a post update that became the post's stage) is
    told once, by the record's change, old -> new; one that did not (a later fact
    exists) by its own values.
    """
    found = []
    late = [e for e in entries if e["at"] > issued_at and effective(e) < month_end]
    moved = {(e["at"], e["entity"], e["entity_id"]) for e in late if e["action"] == "update"}
    for entry in sorted(late, key=lambda e: (effective(e), e["at"], e.get("id") or 0)):
        entity = entry["entity"]
        changes = entry.get("changes") or {}
        fields = [f for f in changes if f not in IGNORED]
        if entry["action"] == "create" and entity in PARENTS:
            column, parent = PARENTS[entity]
            record = (changes.get(column) or [None, None])[1]
            if (entry["at"], parent, record) in moved:
                continue  # told by the record's own change
            fields = [f for f in FACT_FIELDS[entity] if f in changes]
        elif entry["action"] == "create":
            fields = []  # a new record: one row, no field
        base = {
            "entity": entity,
            "entity_id": entry["entity_id"],
            "action": entry["action"],
            "what": name_of(rows, entity, entry["entity_id"]),
            "effective_on": effective(entry).date(),
            "entered_at": entry["at"],
            "by": entry.get("user_name") or "",
        }
        if not fields:
            found.append({**base, "field": None, "old": None, "new": None})
        for field in fields:
            old, new = changes[field]
            found.append(
                {
                    **base,
                    "field": field,
                    "old": decode(entity, field, old),
                    "new": decode(entity, field, new),
                }
            )
    return found


# Coded values shown by their label.
VALUE_LABELS = {
    ("border_post", "stage"): "stage",
    ("post_update", "stage"): "stage",
    ("milestone", "status"): "milestone_status",
    ("outcome", "status"): "outcome_status",
    ("outcome_note", "status"): "outcome_status",
}


def shown(correction: dict) -> dict:
    """Return a correction's what, field, old and new as a reader reads them (translated)."""
    from flask_babel import format_date

    from roadmap.labels import label

    entity, field = correction["entity"], correction["field"]
    kind = VALUE_LABELS.get((entity, field))

    def value(raw):
        if raw is None or raw == "":
            return "—"
        if kind:
            return label(kind, raw)
        if hasattr(raw, "isoformat") and not isinstance(raw, datetime):
            return format_date(raw)
        return str(raw)

    return {
        "what": f"{label('entity', entity)}: {correction['what']}",
        "field": label("field", field) if field else label("action", correction["action"]),
        "old": value(correction["old"]) if field else "",
        "new": value(correction["new"]) if field else "",
        "effective_on": correction["effective_on"],
        "entered_at": correction["entered_at"],
        "by": correction["by"],
    }
