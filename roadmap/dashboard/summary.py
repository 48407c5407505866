"""The dashboard's numbers and charts, built once per data version, language and day.

Everything here is the same for every user who reads the dashboard in one language
on one day, so it is kept in the one cache (roadmap.caching) and rebuilt only after a
change to project data. The values are plain (no database rows): a cached value
outlives the session that read it. What differs per session (the changes since the
last visit) is kept apart, in roadmap/dashboard/loading.py.
"""

from datetime import date
from types import SimpleNamespace

from sqlalchemy import select

from roadmap.caching import cached
from roadmap.charts import figure_json
from roadmap.dashboard import figures
from roadmap.dashboard.as_of import state_of
from roadmap.dashboard.loading import latest_issued
from roadmap.extensions import db
from roadmap.posts.figures import map_figure, progress_figure
from roadmap.posts.models import BorderPost
from roadmap.results.framework import framework
from roadmap.results.summary import indicator_lines, status_counts
from roadmap.schedule import critical
from roadmap.schedule.figures import project_scurve, upcoming_gantt
from roadmap.schedule.models import Project
from roadmap.schedule.queries import load_rows, plan_network
from roadmap.schedule.scheduling import Span
from roadmap.schedule.window import extension_warning
from roadmap.workshops.summary import followup_summary

DUE_SOON_DAYS = 30
OVERDUE_SHOWN = 5


def summary(day: date, as_of: date | None = None) -> dict:
    """Return the dashboard's template values as of a day (a copy of what is kept).

    With `as_of` (a past day), the project as it stood at the end of that day, from
    every fact effective by then, whenever it was entered.
    """
    return cached(
        "dashboard_summary", lambda: build_summary(as_of or day, past=bool(as_of)), day, as_of
    )


def build_summary(day: date, *, past: bool = False) -> dict:
    """Read the project and build the dashboard's numbers and charts as of a day.

    `past`: read the state at the end of that day from the history (as_of.py) rather
    than the stored records, which are today's.
    """
    project = Project.current()
    if project is None:
        return {"project": None}
    if past:
        then = state_of(day)
        plain, posts, outcomes = then["milestones"], then["posts"], then["outcomes"]
    else:
        plain = load_rows({}, day)  # read once: the figures and both charts share them
        posts = db.session.scalars(select(BorderPost)).all()
        outcomes = None
    rows = figures.rows_from(plain)
    gap = figures.schedule_gap_days(rows, project.start_date, day)
    if past:  # the plan as it stood: its own end, not today's
        schedule_end = critical.schedule_end(
            {row["id"]: Span(row["start"], row["end"], row["status"]) for row in plain}
        )
    else:
        schedule_end = plan_network(plain)["end"]  # the floats of these same rows
    handed_over, planned_posts = figures.handed_over_share([post.stage for post in posts])
    followup = followup_summary(day, outcomes)
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
        # The framework's indicators by status, in the period under way on the day.
        "results": status_counts(indicator_lines(framework(day))),
        "report": issued_facts(latest_issued(before=day if past else None)),
        "as_of": day if past else None,
        "extension_due": extension_warning(project.end_date, day),
        "charts": {
            "scurve": figure_json(project_scurve(plain, project, day)),
            "gantt": figure_json(upcoming_gantt(plain, day)),
            "progress": figure_json(progress_figure(posts)),
            "map": figure_json(map_figure(posts, resolution=110)),  # see dashboard/index.html
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
