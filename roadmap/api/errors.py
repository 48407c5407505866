"""The 422 body of the API: the common error shape plus the message of each field."""

from flask_babel import gettext as _

from roadmap.errors import json_error

# Where webargs found the fields: the API names fields, not request parts.
LOCATIONS = frozenset({"json", "query", "form", "view_args", "headers", "cookies", "files"})


def flatten(messages, prefix: str = "") -> dict[str, list[str]]:
    """Return {field: [message]} from marshmallow's nested error messages."""
    if isinstance(messages, dict):
        result: dict[str, list[str]] = {}
        for key, value in messages.items():
            name = str(key)
            if not prefix and name in LOCATIONS:
                child = flatten(value, "")
            else:
                child = flatten(value, f"{prefix}.{name}" if prefix else name)
            for field, texts in child.items():
                result.setdefault(field, []).extend(texts)
        return result
    if isinstance(messages, (list, tuple)):
        if all(isinstance(item, str) for item in messages):
            return {prefix or "_schema": [str(item) for item in messages]}
        result = {}
        for item in messages:
            for field, texts in flatten(item, prefix).items():
                result.setdefault(field, []).extend(texts)
        return result
    return {prefix or "_schema": [str(messages)]}


def handle_unprocessable(error):
    """Answer 422 with the common shape and the errors of each field."""
    errors = getattr(error, "errors", None)
    if errors is None:
        data = getattr(error, "data", None) or {}
        errors = flatten(data.get("messages") or data.get("errors") or {})
    return json_error(422, "unprocessable_entity", _("The data is not valid."), errors=errors)
