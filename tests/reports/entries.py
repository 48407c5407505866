"""History entries as the report loader reads them, for the pure snapshot tests."""

from roadmap.history import effective_instant


def entry(n, at, entity, key, changes, effective_on=None, action="update", user="Amina"):
    """Return one loaded history entry, entered at `at`, effective on `effective_on`."""
    return {
        "id": n,
        "at": at,
        "effective": effective_instant(at, effective_on),
        "effective_on": effective_on,
        "entity": entity,
        "entity_id": key,
        "action": action,
        "changes": changes,
        "reason": "",
        "user_name": user,
    }
