"""The dashboard's numbers and charts, built once per data version, language and day.

Everything here is the same for every user who reads the dashboard in one language
on one day, so it is kept per process (roadmap.caching) and rebuilt only after a
change to project data. The values are plain (no database rows): a cached value
outlives the session that read it. What differs per session (the changes since the
last visit) is kept apart, in roadmap/dashboard/loading.py.
"""

from datetime import date
from types import SimpleNamespace

from flask_babel import get_locale
from sqlalchemy import select

from roadmap.caching import memoised
from roadmap.charts import figure_json
from roadmap.dashboard import figures
from roadmap.dashboard.loading import latest_issued
from roadmap.data_version import data_version
from roadmap.extensions import db
from roadmap.posts.figures import map_figure, progress_figure
from roadmap.posts.models import BorderPost
from roadmap.schedule.figures import project_scurve, upcoming_gantt
from roadmap.schedule.models import Project
from roadmap.schedule.queries import load_rows, plan_network
from roadmap.schedule.window import extension_warning
from roadmap.workshops.summary import followup_summary

DUE_SOON_DAYS = 30
OVERDUE_SHOWN = 5
# A language or two over a few days; an entry is mostly its four charts' JSON.
SUMMARY_CACHE_SIZE = 8


def summary(day: date) -> dict:
    """Return the dashboard's template values as of a day; treat the result as read-only."""
    language = str(get_locale() or "en")
    found = memoised(
        "dashboard_summary_cache",
        (data_version(), language, day),
        lambda: build_summary(day),
        SUMMARY_CACHE_SIZE,
    )
    return dict(found)


def build_summary(day: date) -> dict:
    """Read the project and build the dashboard's numbers and charts as of a day."""
    project = Project.current()
    if project is None:
        return {"project": None}
    plain = load_rows({}, day)  # read once: the figures and both charts share them
    rows = figures.rows_from(plain)
    gap = figures.schedule_gap_days(rows, project.start_date, day)
    schedule_end = plan_network(plain)["end"]  # the floats of these same rows
    posts = db.session.scalars(select(BorderPost)).all()
    handed_over, planned_posts = figures.handed_over_share([post.stage for post in posts])
    followup = followup_summary(day)
    return {
        "project": project_facts(project),
        "elapsed": figures.time_elapsed(project.start_date, project.end_date, day),
        "complete": figures.work_complete(rows),
        "planned": figures.work_planned(rows, day),
        "gap_days": gap,
        "gap_words": figures.gap_in_words(gap),
        "schedule_end": schedule_end,
        # Days the schedule ends before the grant window closes (negative: after it).
        "window_margin": (project.end_date - schedule_end).days if schedule_end else None,
        "counts": figures.milestone_counts(rows, day, DUE_SOON_DAYS),
        "due_days": DUE_SOON_DAYS,
        "handed_over": handed_over,
        "planned_posts": planned_posts,
        "recommendations": followup["by_kind"]["recommendation"]["implemented_percent"],
        "overdue_count": followup["overdue_count"],
        "overdue": followup["overdue"][:OVERDUE_SHOWN],
        "report": issued_facts(latest_issued()),
        "extension_due": extension_warning(project.end_date, day),
        "charts": {
            "scurve": figure_json(project_scurve(plain, project, day)),
            "gantt": figure_json(upcoming_gantt(plain, day)),
            "progress": figure_json(progress_figure(posts)),
            "map": figure_json(map_figure(posts)),
        },
    }


def project_facts(project) -> SimpleNamespace:
    """Return what the dashboard shows of the project, detached from the database."""
    return SimpleNamespace(
        name=project.name,
        implementing_org=project.implementing_org,
        donor=project.donor,
        start_date=project.start_date,
        end_date=project.end_date,
    )


def issued_facts(latest: dict | None) -> dict | None:
    """Return the latest issued report's month and version, detached from the database."""
    if latest is None:
        return None
    version = latest["version"]
    issued_by = SimpleNamespace(name=version.issued_by.name) if version.issued_by else None
    return {
        "month": latest["month"],
        "first_day": latest["first_day"],
        "version": SimpleNamespace(
            number=version.number, issued_at=version.issued_at, issued_by=issued_by
        ),
    }
