"""A report's content as JSON text and back, so an issued version keeps what it said.

The content (content.py) holds dicts, lists, tuples, strings, numbers, dates, times,
decimals and months; JSON keeps the first few, and the others are written as one-key
objects that say their type ({"$date": "2026-07-31"}). A dict whose keys are not all
strings is kept as its items. Anything else is refused when freezing, so a version is
never issued with content that would not come back as it was.
"""

import json
from datetime import date, datetime
from decimal import Decimal

from roadmap.months import Month

TAGS = {
    "$month": Month,
    "$datetime": datetime.fromisoformat,
    "$date": date.fromisoformat,
    "$decimal": Decimal,
    "$tuple": tuple,
}


def freeze(content) -> str:
    """Return the content as JSON text."""
    return json.dumps(_plain(content), ensure_ascii=False, separators=(",", ":"))


def thaw(text: str):
    """Return the content frozen in the text, with its types."""
    return _typed(json.loads(text))


def _plain(value):
    if value is None or isinstance(value, (bool, int, float)):
        return value
    if isinstance(value, Month):
        return {"$month": str(value)}
    if isinstance(value, str):
        return value
    if isinstance(value, datetime):
        return {"$datetime": value.isoformat()}
    if isinstance(value, date):
        return {"$date": value.isoformat()}
    if isinstance(value, Decimal):
        return {"$decimal": str(value)}
    if isinstance(value, tuple):
        return {"$tuple": [_plain(item) for item in value]}
    if isinstance(value, list):
        return [_plain(item) for item in value]
    if isinstance(value, dict):
        if all(isinstance(key, str) and not key.startswith("$") for key in value):
            return {key: _plain(item) for key, item in value.items()}
        return {"$items": [[_plain(key), _plain(item)] for key, item in value.items()]}
    raise TypeError(f"a report cannot keep a {type(value).__name__}")


def _typed(value):
    if isinstance(value, list):
        return [_typed(item) for item in value]
    if not isinstance(value, dict):
        return value
    if len(value) == 1:
        ((tag, inner),) = value.items()
        if tag == "$items":
            return {_typed(key): _typed(item) for key, item in inner}
        if tag == "$tuple":
            return tuple(_typed(item) for item in inner)
        if tag in TAGS:
            return TAGS[tag](inner)
    return {key: _typed(item) for key, item in value.items()}
