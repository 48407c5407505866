"""Optimistic locking: an edit made on an old copy of a record is refused.

Forms carry the record's version; the view compares it with the stored one
before touching the object (copying it onto the object would let SQLAlchemy
overwrite the other person's save), and the 409 page shows both sides.
"""

from flask import render_template
from werkzeug.exceptions import Conflict


class StaleEdit(Conflict):
    """The record changed since the form was opened."""

    def __init__(self, record, submitted=None, fields=None, retry_url=None):
        super().__init__()
        self.record = record
        self.submitted = submitted or {}
        self.fields = fields or []
        self.retry_url = retry_url

    def get_response(self, environ=None, scope=None):
        from roadmap.errors import wants_json, json_error

        if wants_json():
            return json_error(409, "stale", self.description)
        rows = [
            (label, getattr(self.record, name, None), self.submitted.get(name))
            for name, label in self.fields
        ]
        body = render_template(
            "errors/409.html", record=self.record, rows=rows, retry_url=self.retry_url
        )
        return self._make_response(body)

    def _make_response(self, body):
        from flask import make_response

        return make_response(body, 409)


def ensure_current(record, submitted_version, **context) -> None:
    """Raise StaleEdit unless the form was made from the record as stored now."""
    if str(record.version) != str(submitted_version or "").strip():
        raise StaleEdit(record, **context)
