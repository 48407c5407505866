"""The dashboard's schedule figures: the coming weeks' Gantt and the project's S-curve."""

from datetime import timedelta

from flask_babel import gettext as _

from roadmap.charts.gantt import gantt_figure
from roadmap.charts.scurve import scurve_figure
from roadmap.schedule.queries import dependency_pairs, gantt_labels
from roadmap.schedule.scurve import scurve_series


def scurve_labels() -> dict:
    """Return the S-curve's texts in the user's language."""
    return {
        "planned": _("Planned"),
        "actual": _("Actual"),
        "axis": _("Cumulative percent complete"),
        "today": _("Today"),
    }


def upcoming_gantt(rows: list[dict], today, days: int = 60):
    """Return the compact Gantt of the next `days` days from `load_rows` rows, for the dashboard."""
    return gantt_figure(
        rows,
        today,
        gantt_labels(),
        dependencies=[(pred, succ) for pred, succ, _lag in dependency_pairs()],
        window=(today, today + timedelta(days=days)),
    )


def project_scurve(rows: list[dict], project, today):
    """Return the whole project's S-curve figure from `load_rows` rows, for the dashboard."""
    series = scurve_series(rows, project.start_date, project.end_date, today)
    return scurve_figure(series, today, scurve_labels())
