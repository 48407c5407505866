"""Rules on a milestone's values, shared by the milestone form and the API."""

from flask_babel import gettext as _


def done_percent_problem(status: str, percent_complete) -> str | None:
    """Return why a done milestone's percent complete is wrong, or None."""
    if status == "done" and percent_complete != 100:
        return _("A done milestone is %(percent)d %% complete.", percent=100)
    return None
