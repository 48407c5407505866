"""Rules of the rehabilitation stages and physical progress; plain values in and out."""

from datetime import date

from flask_babel import gettext as _

from roadmap.posts.models import STAGES

# Stages in which the works are finished: exactly these go with 100 % progress.
FINISHED_STAGES = ("completed", "handed_over")


def stage_index(stage: str) -> int:
    """Return the stage's position in the order identified → handed over."""
    return STAGES.index(stage)


def consistency_problems(stage: str, progress: int) -> dict[str, str]:
    """Return {field: message} when stage and progress contradict each other."""
    if progress is None or not 0 <= progress <= 100:
        return {"progress": _("Physical progress is a whole number from 0 to 100.")}
    if stage in FINISHED_STAGES and progress != 100:
        return {
            "progress": _(
                "A completed or handed-over post has 100 % physical progress: set the progress "
                "to 100 or choose an earlier stage."
            )
        }
    if progress == 100 and stage not in FINISHED_STAGES:
        return {
            "stage": _(
                "100 % physical progress means the works are completed: choose "
                "“Completed” or “Handed over”, or lower the progress."
            )
        }
    return {}


def moves_backwards(old_stage: str, old_progress: int, new_stage: str, new_progress: int) -> bool:
    """Tell whether the update goes back to an earlier stage or a lower progress."""
    return stage_index(new_stage) < stage_index(old_stage) or new_progress < old_progress


def update_problems(
    *,
    old_stage: str,
    old_progress: int,
    new_stage: str,
    new_progress: int,
    on: date | None,
    today: date,
    reason: str = "",
) -> dict[str, str]:
    """Return {field: message} for everything wrong with a dated stage/progress update."""
    problems = {}
    if on is None:
        problems["date"] = _("Give the date of the update.")
    elif on > today:
        problems["date"] = _(
            "The date cannot be in the future; record the update on or after the day it happens."
        )
    if new_stage not in STAGES:
        problems["stage"] = _("Choose a stage from the list.")
        return problems
    problems.update(consistency_problems(new_stage, new_progress))
    if (
        "progress" not in problems
        and moves_backwards(old_stage, old_progress, new_stage, new_progress)
        and not (reason or "").strip()
    ):
        problems["reason"] = _(
            "This update moves the post back (to an earlier stage or a lower progress): say why."
        )
    return problems


def state_before(updates, on: date, current: tuple[str, int]) -> tuple[str, int]:
    """Return (stage, progress) in effect on a date, from updates [(date, stage, progress)].

    Updates of the same day count as earlier. A date before every update starts
    from nothing; a post with no update at all starts from its current state.
    """
    if not updates:
        return current
    earlier = [u for u in updates if u[0] <= on]
    if not earlier:
        return STAGES[0], 0
    last = sorted(earlier, key=lambda u: u[0])[-1]  # stable: the last entered wins a tie
    return last[1], last[2]


def becomes_current(updates, on: date) -> bool:
    """Tell whether an update dated `on` is the latest, so the post takes its values."""
    return all(u[0] <= on for u in updates)
