"""The coordination's codes and their translated names, one place for all of them."""

from flask_babel import lazy_gettext as _l

from roadmap.project.commands import ORGANISATION_TYPES

SECTORS = {
    "infrastructure": _l("Infrastructure"),
    "equipment": _l("Equipment"),
    "training": _l("Training"),
    "coordination": _l("Coordination"),
    "other": _l("Other"),
}
ACTIVITY_STATUSES = {"planned": _l("Planned"), "ongoing": _l("Ongoing"), "done": _l("Done")}
# The criteria a post is scored on, 1 (no need) to 5 (urgent need), in the order shown.
CRITERIA = {
    "traffic": _l("Traffic"),
    "infrastructure": _l("Infrastructure condition"),
    "equipment": _l("Equipment"),
    "staffing": _l("Staffing"),
    "security": _l("Security"),
    "connectivity": _l("Connectivity"),
}
# The weights of a project that has set none (percent, summing to 100).
DEFAULT_WEIGHTS = {
    "traffic": 25,
    "infrastructure": 20,
    "equipment": 15,
    "staffing": 15,
    "security": 15,
    "connectivity": 10,
}
SCORE_RANGE = (1, 5)
__all__ = ["ACTIVITY_STATUSES", "CRITERIA", "DEFAULT_WEIGHTS", "ORGANISATION_TYPES", "SECTORS"]


def name(table: dict, code) -> str:
    """Return the translated name of a code in one of the tables above, or the code."""
    return str(table.get(code, code or ""))


def names(table: dict, codes) -> str:
    """Return the translated names of several codes, joined by commas."""
    return ", ".join(name(table, code) for code in codes or [])


def choices(table: dict) -> list[tuple[str, str]]:
    return [(code, str(text)) for code, text in table.items()]
