"""Rules on a milestone's values, shared by the milestone form and the API.

`milestone_problems` is the one place these rules live: the form shows each message
beside its field, the API answers them in its 422 body, so the two never disagree.
"""

from datetime import date

from flask_babel import gettext as _


def done_percent_problem(status: str, percent_complete) -> str | None:
    """Return why a done milestone's percent complete is wrong, or None."""
    if status == "done" and percent_complete != 100:
        return _("A done milestone is %(percent)d %% complete.", percent=100)
    return None


def milestone_problems(values: dict, today: date) -> dict[str, list[str]]:
    """Return {field: [message, ...]} for a milestone's values as they would be saved.

    `values` holds current_start, current_end, actual_start, actual_finish,
    percent_complete and status; a value missing or None is not checked here
    (each field's own validation reports it). An empty dict means no problem.
    """
    problems: dict[str, list[str]] = {}

    def add(field: str, message: str) -> None:
        problems.setdefault(field, []).append(message)

    start, end = values.get("current_start"), values.get("current_end")
    if start is not None and end is not None and end < start:
        add("current_end", _("The end cannot be before the start."))
    status = values.get("status")
    percent = values.get("percent_complete")
    if status == "done" and percent is not None:
        problem = done_percent_problem(status, percent)
        if problem:
            add("percent_complete", problem)
    actual_start, actual_finish = values.get("actual_start"), values.get("actual_finish")
    for name, value in (("actual_start", actual_start), ("actual_finish", actual_finish)):
        if value is not None and value > today:
            add(name, _("An actual date cannot be in the future."))
    if status == "done" and actual_finish is None:
        add("actual_finish", _("Enter the actual finish of a done milestone."))
    if actual_finish is not None and actual_start is None:
        add("actual_start", _("A milestone that finished must have started."))
    if actual_start is not None and actual_finish is not None and actual_finish < actual_start:
        add("actual_finish", _("The actual finish cannot be before the actual start."))
    return problems
