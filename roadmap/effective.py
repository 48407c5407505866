"""The effective date of a fact: the day it happened, given by the user.

Never in the future (a fact is recorded once it has happened) and never before the
project started (nothing of the project happened then). The same rule serves the
forms, the API and the commands, so each refuses with the same message.
"""

from contextlib import contextmanager
from datetime import date

from flask_babel import format_date
from flask_babel import gettext as _

from roadmap import history
from roadmap.commands import Invalid, flush
from roadmap.extensions import db


def effective_problem(day, today: date, project_start: date | None) -> str | None:
    """Return why a fact cannot take effect on day, or None."""
    if not isinstance(day, date):
        return _("Give the date it happened, as YYYY-MM-DD.")
    if day > today:
        return _("The date cannot be in the future; record a fact once it has happened.")
    if project_start is not None and day < project_start:
        return _(
            "The date cannot be before the project started (%(day)s).",
            day=format_date(project_start, "long"),
        )
    return None


def latest_fact_day(entity: str, entity_id: int, fields) -> date | None:
    """Return the day the latest recorded change of one of a record's fields happened."""
    from sqlalchemy import func, select

    from roadmap.history import HistoryEntry

    happened = func.coalesce(HistoryEntry.effective_on, func.date(HistoryEntry.at))
    rows = db.session.execute(
        select(HistoryEntry.changes, happened)
        .where(HistoryEntry.entity == entity, HistoryEntry.entity_id == entity_id)
        .where(HistoryEntry.action == "update")
    ).all()
    days = [
        date.fromisoformat(str(when)[:10])
        for changes, when in rows
        if any(name in (changes or {}) for name in fields)
    ]
    return max(days, default=None)


def refuse_undoing(record, fields, day: date, message) -> None:
    """Refuse a fact dated before the latest recorded change of the same fields.

    The stored value is the latest fact; an older one entered now would replace it.
    `message(day_text)` says so for this kind of record.
    """
    when = latest_fact_day(record.__tablename__, record.id, fields)
    if when is not None and when > day:
        raise Invalid({"effective_on": [message(format_date(when, "long"))]})


@contextmanager
def effective(day: date | None, *, today: date, project, field: str = "effective_on"):
    """Date the changes made inside the block by the day they happened (see history.py).

    The day is checked first: given, not in the future, not before the `project`
    started (`project` returns it when asked); a refusal names `field`. None means
    today, unchecked.
    """
    if day is None:  # entered on the day it happened
        yield today
        return
    found = project()
    problem = effective_problem(day, today, found.start_date if found else None)
    if problem:
        raise Invalid({field: [problem]})
    history.set_effective(db.session, day)
    try:
        yield day
        flush()
    finally:
        history.set_effective(db.session, None)
