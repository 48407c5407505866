"""Three-way merge of a stale edit: the form against the values it started from and today's.

A form carries the values it was opened with (`base`, signed so it cannot be
forged). When the record changed meanwhile, each field is compared three ways:
a field only the other person changed keeps their value, a field only this user
changed takes theirs, a field both changed to different values is a conflict the
user decides. A field the user did not touch is never written from the form.
"""

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from flask import current_app
from itsdangerous import BadSignature, URLSafeSerializer

SALT = "roadmap.form-base"


def comparable(value):
    """Return a value in a form where a form's input and a stored column compare equal.

    An empty text and None are the same; numbers compare by value (a form's 96500
    equals a stored 96500.00); dates by day.
    """
    if value is None or value == "":
        return ""
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float, Decimal)):
        try:
            return Decimal(str(value)).normalize()
        except InvalidOperation:
            return str(value)
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return tuple(sorted(str(item) for item in value))
    if isinstance(value, str):
        text = value.strip()
        try:
            return (
                Decimal(text).normalize()
                if text.lstrip("-").replace(".", "", 1).isdigit()
                else text
            )
        except InvalidOperation:
            return text
    return str(value)


def same(a, b) -> bool:
    """Tell whether two values of one field are the same for a reader."""
    return comparable(a) == comparable(b)


@dataclass
class Merge:
    """The outcome of a three-way merge, field by field."""

    values: dict = field(default_factory=dict)  # what to write: mine where only I changed
    theirs_kept: list = field(default_factory=list)  # fields only the other person changed
    mine_taken: list = field(default_factory=list)  # fields only I changed
    conflicts: list = field(default_factory=list)  # fields both changed, differently

    @property
    def clean(self) -> bool:
        return not self.conflicts


def three_way(base: dict, mine: dict, theirs: dict) -> Merge:
    """Merge my values with theirs, both made from base; fields are mine's keys."""
    merge = Merge()
    for name, my_value in mine.items():
        their_value = theirs.get(name)
        if name not in base:  # no starting value known: only a field I left alone is safe
            if same(my_value, their_value):
                merge.values[name] = their_value
            else:
                merge.conflicts.append(name)
            continue
        start = base[name]
        i_changed, they_changed = not same(my_value, start), not same(their_value, start)
        if i_changed and they_changed and not same(my_value, their_value):
            merge.conflicts.append(name)
        elif i_changed:
            merge.values[name] = my_value
            if not they_changed:
                merge.mine_taken.append(name)
        else:
            merge.values[name] = their_value
            if they_changed:
                merge.theirs_kept.append(name)
    return merge


def _serializer() -> URLSafeSerializer:
    return URLSafeSerializer(current_app.config["SECRET_KEY"], salt=SALT)


def plain(value):
    """Return a JSON-friendly copy of a field's value."""
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, (list, tuple)):
        return [plain(item) for item in value]
    return value


def sign_base(values: dict) -> str:
    """Return the signed text a form carries of the values it was opened with."""
    return _serializer().dumps({name: plain(value) for name, value in values.items()})


def read_base(text: str | None) -> dict | None:
    """Return the values a form was opened with, or None when absent or tampered with."""
    if not text:
        return None
    try:
        found = _serializer().loads(text)
    except BadSignature:
        return None
    return found if isinstance(found, dict) else None
