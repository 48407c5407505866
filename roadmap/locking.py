"""Optimistic locking: an edit made on an old copy of a record is refused.

Forms carry the record's version; the view compares it with the stored one
before touching the object (copying it onto the object would let SQLAlchemy
overwrite the other person's save), and the 409 page shows both sides.

When the view names the form's fields, the 409 page also offers to save the
user's values over the other person's: a form that posts back the values the
user submitted (only those fields) with the record's current version and a
fresh CSRF token, to the same address.
"""

from flask import render_template, request
from werkzeug.exceptions import Conflict

# Never echoed back into the page, whatever a view lists.
NEVER_RESUBMITTED = ("password", "csrf_token", "version")


class StaleEdit(Conflict):
    """The record changed since the form was opened."""

    def __init__(self, record, submitted=None, fields=None, retry_url=None):
        super().__init__()
        self.record = record
        self.submitted = submitted or {}
        self.fields = fields or []
        self.retry_url = retry_url

    def get_response(self, environ=None, scope=None):
        from roadmap.errors import json_error, wants_json

        if wants_json():
            return json_error(409, "stale", self.description)
        rows = [
            (label, getattr(self.record, name, None), self.submitted.get(name))
            for name, label in self.fields
        ]
        body = render_template(
            "errors/409.html",
            record=self.record,
            rows=rows,
            retry_url=self.retry_url,
            resubmit=self.resubmit(),
        )
        return self._make_response(body)

    def resubmit(self) -> dict | None:
        """Return the form that re-posts the user's values at the current version, or None.

        Offered only for a form posted to the edit page itself (retry_url), and only
        with the fields the view listed: never an arbitrary key of the request.
        """
        if not self.fields or not self.retry_url or request.method != "POST":
            return None
        if request.script_root + request.path != self.retry_url.split("?", 1)[0]:
            return None
        prefix = _form_prefix(request.form)
        if prefix is None:
            return None
        hidden = []
        for name, _label in self.fields:
            if any(word in name for word in NEVER_RESUBMITTED):
                continue
            key = prefix + name
            for value in request.form.getlist(key):
                hidden.append((key, value))
        from flask_wtf.csrf import generate_csrf

        return {
            "action": self.retry_url,
            "fields": hidden,
            "csrf_name": prefix + "csrf_token",
            "csrf_token": generate_csrf(),
            "version_name": prefix + "version",
            "version": str(self.record.version),
        }

    def _make_response(self, body):
        from flask import make_response

        return make_response(body, 409)


def _form_prefix(form) -> str | None:
    """Return the prefix of the posted form's fields ("" for none), from its version field."""
    if "version" in form:
        return ""
    found = [key for key in form if key.endswith("-version")]
    if not found:
        return ""  # posted without a version at all
    return found[0][: -len("version")] if len(found) == 1 else None


def ensure_current(record, submitted_version, **context) -> None:
    """Raise StaleEdit unless the form was made from the record as stored now."""
    if str(record.version) != str(submitted_version or "").strip():
        raise StaleEdit(record, **context)
