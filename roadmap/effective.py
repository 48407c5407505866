"""The effective date of a fact: the day it happened, given by the user.

Never in the future (a fact is recorded once it has happened) and never before the
project started (nothing of the project happened then). The same rule serves the
forms, the API and the commands, so each refuses with the same message.
"""

from datetime import date

from flask_babel import format_date
from flask_babel import gettext as _


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
