"""Validation of API writes, shared in spirit with the forms: plain values in, errors out.

Each function returns {field: [message, ...]}; an empty dict means the change is valid.
Posts use the posts feature's own rules (roadmap/posts/rules.py), so the update form
and the API never disagree. Milestones use roadmap/schedule/rules.py
`milestone_problems`, which the milestone form uses too.
"""

from datetime import date

from roadmap.posts.rules import update_problems
from roadmap.schedule.rules import milestone_problems


def milestone_errors(values: dict, today: date) -> dict[str, list[str]]:
    """Check a milestone's values as they would be after the change (the form's own rules)."""
    return milestone_problems(values, today)


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
