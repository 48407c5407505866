"""The follow-up rules for workshop outcomes, on plain values (no database)."""

from collections.abc import Iterable
from datetime import date

COMPLETED = "completed"
DISCONTINUED = "discontinued"
# An outcome in one of these states needs no more follow-up, so it cannot be overdue.
CLOSED = frozenset({COMPLETED, DISCONTINUED})


def implemented_share(statuses: Iterable[str]) -> float | None:
    """Return completed ÷ all not discontinued, as a percentage; None when nothing counts.

    A discontinued outcome was dropped on purpose: it is neither done nor pending,
    so it leaves both the numerator and the denominator.
    """
    counted = [status for status in statuses if status != DISCONTINUED]
    if not counted:
        return None
    return 100 * sum(1 for status in counted if status == COMPLETED) / len(counted)


def is_overdue(due_date: date | None, status: str, today: date) -> bool:
    """Tell whether an outcome is past its due date and still open."""
    return due_date is not None and due_date < today and status not in CLOSED


def days_overdue(due_date: date | None, status: str, today: date) -> int:
    """Return how many days an overdue outcome is late, or 0."""
    if not is_overdue(due_date, status, today):
        return 0
    return (today - due_date).days
