"""Validation of API writes, shared in spirit with the forms: plain values in, errors out.

Each function returns {field: [message, ...]}; an empty dict means the change is valid.
Posts use the posts feature's own rules (roadmap/posts/rules.py), so the update form
and the API never disagree. Milestones use roadmap/schedule/rules.py where it has the rule;
the other milestone checks live here.
"""

from datetime import date

from flask_babel import gettext as _

from roadmap.posts.rules import update_problems
from roadmap.schedule.rules import done_percent_problem


def _add(errors: dict, field: str, message: str) -> None:
    errors.setdefault(field, []).append(message)


def milestone_errors(values: dict, today: date) -> dict[str, list[str]]:
    """Check a milestone's values as they would be after the change."""
    errors: dict[str, list[str]] = {}
    start, end = values["current_start"], values["current_end"]
    if end < start:
        _add(errors, "current_end", _("The end date cannot be before the start date."))
    problem = done_percent_problem(values["status"], values["percent_complete"])
    if problem:
        _add(errors, "percent_complete", problem)
    actual_start, actual_finish = values.get("actual_start"), values.get("actual_finish")
    for name, value in (("actual_start", actual_start), ("actual_finish", actual_finish)):
        if value is not None and value > today:
            _add(errors, name, _("An actual date cannot be in the future."))
    if actual_finish is not None and actual_start is None:
        _add(errors, "actual_start", _("A milestone that finished must have started."))
    if actual_start and actual_finish and actual_finish < actual_start:
        _add(errors, "actual_finish", _("The finish cannot be before the start."))
    return errors


def post_errors(old_stage: str, old_progress: int, values: dict, today: date) -> dict:
    """Check a stage/progress update with the posts feature's own rules."""
    problems = update_problems(
        old_stage=old_stage,
        old_progress=old_progress,
        new_stage=values["stage"],
        new_progress=values["progress"],
        on=today,
        today=today,
        reason=values.get("reason", ""),
    )
    return {field: [str(message)] for field, message in problems.items()}
