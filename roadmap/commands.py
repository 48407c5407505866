"""What every feature's commands.py shares: its refusals, the version check, the reason.

A feature's `commands.py` is the only code that writes its data. The web forms, the
JSON API, the CSV import, the command line and the demo call its functions, which
validate the change, apply it, push what follows from it and say why in the history;
the history listener (roadmap/history.py) writes the history rows when the session
flushes, and so moves the data version the caches are keyed on.

The transaction belongs to the caller. A command adds, changes and flushes, never
commits or rolls back: a view commits once the command returns, the command line and
the demo once their whole job is done, so a failure anywhere leaves nothing behind.

`by` is the user the change is made for: it must be allowed to make it, and it signs
what the change creates (an update's author, an issued version). None stands for the
application itself (the command line, the demo loader). The history names the actor
as it always has: the logged-in user, the API token's user, or the process's name.
"""

from contextlib import contextmanager

from flask_babel import gettext as _
from sqlalchemy.orm.exc import StaleDataError
from werkzeug.exceptions import Forbidden

from roadmap import history
from roadmap.extensions import db


class Invalid(Exception):
    """The change breaks a rule: `errors` is {field: [message, ...]}."""

    def __init__(self, errors: dict):
        self.errors = {
            field: [str(message) for message in messages] for field, messages in errors.items()
        }
        super().__init__(self.errors)


class Stale(Exception):
    """The record changed since the caller read it: its version moved on."""

    def __init__(self, record=None):
        super().__init__(record)
        self.record = record


class NotAllowed(Forbidden):
    """The user may not make this change (a viewer, or a manager changing the settings)."""


def invalid_unless_empty(errors: dict) -> None:
    """Raise Invalid when any field has a message."""
    found = {field: messages for field, messages in errors.items() if messages}
    if found:
        raise Invalid(found)


def check_version(record, expected_version) -> None:
    """Raise Stale unless the caller read the record at its stored version.

    A record not stored yet has no version, and nobody else can have changed it.
    """
    if record.version is None:
        return
    if str(record.version) != str(expected_version if expected_version is not None else "").strip():
        raise Stale(record)


def check_editor(by) -> None:
    """Refuse a user who may not change project data (None is the application itself)."""
    if by is not None and not by.can_edit:
        raise NotAllowed()


def check_admin(by) -> None:
    """Refuse anyone but an administrator (None is the application itself)."""
    if by is not None and not by.is_admin:
        raise NotAllowed()


def flush(record=None) -> None:
    """Write the pending changes now; a save by someone else meanwhile raises Stale."""
    try:
        db.session.flush()
    except StaleDataError:
        raise Stale(record) from None


def commit(record=None) -> None:
    """Commit the caller's transaction; a save by someone else meanwhile raises Stale.

    For callers (views, the command line): commands themselves never commit.
    """
    try:
        db.session.commit()
    except StaleDataError:
        db.session.rollback()
        raise Stale(record) from None


@contextmanager
def reason_for(reason: str | None):
    """Record `reason` with the history rows of the changes made inside the block.

    Set before any change, since the flush that records a change reads it; the block's
    changes are flushed when it ends, so nothing the caller changes later inherits it.
    """
    reason = (reason or "").strip()
    history.set_reason(db.session, reason)
    try:
        yield reason
        if reason:
            flush()
    finally:
        history.set_reason(db.session, "")


REASON_LENGTH = 2000


def delete(*records, reason: str | None = "") -> None:
    """Delete records now, with the reason their history rows keep.

    A save of one of them by someone else meanwhile raises Stale.
    """
    reason = (reason or "").strip()
    if len(reason) > REASON_LENGTH:
        raise Invalid({"reason": [_("At most %(count)s characters.", count=REASON_LENGTH)]})
    with reason_for(reason):
        for record in records:
            db.session.delete(record)
    flush(records[0])
