"""The grant window: dates outside the project, and the extension deadline."""

from datetime import date


def months_before(day: date, months: int) -> date:
    """Return the same day `months` calendar months earlier (clamped to the month's end)."""
    month_index = day.year * 12 + day.month - 1 - months
    year, month = divmod(month_index, 12)
    month += 1
    for candidate in (day.day, 30, 29, 28):
        try:
            return date(year, month, candidate)
        except ValueError:
            continue
    raise ValueError(day)  # unreachable: every month has 28 days


def outside_grant_window(start: date, end: date, project_start: date, project_end: date) -> bool:
    """Tell whether a milestone's dates leave the project's start–end window."""
    return start < project_start or end > project_end


def extension_warning(project_end: date, today: date) -> bool:
    """Tell whether today lies in the last month before the project ends.

    A no-cost extension must be requested from the donor at least one month before
    the end date, so from then on the dashboard and milestone pages remind the manager.
    """
    return months_before(project_end, 1) <= today <= project_end
