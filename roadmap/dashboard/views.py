"""The dashboard: is the project on track, and what changed since the last visit?"""

from datetime import datetime

from flask import Blueprint, render_template, session
from sqlalchemy import select

from roadmap.charts import figure_payload
from roadmap.clock import today
from roadmap.dashboard import figures
from roadmap.dashboard.loading import latest_issued, recent_changes
from roadmap.extensions import db
from roadmap.posts.figures import map_figure, progress_figure
from roadmap.posts.models import BorderPost
from roadmap.schedule.queries import current_project, load_rows, project_scurve, upcoming_gantt
from roadmap.schedule.window import extension_warning
from roadmap.workshops.summary import followup_summary

bp = Blueprint("dashboard", __name__)
DUE_SOON_DAYS = 30
CHANGES_SHOWN = 10
OVERDUE_SHOWN = 5


def previous_login() -> datetime | None:
    """Return when this user logged in before this session, if ever."""
    try:
        return datetime.fromisoformat(session.get("previous_login_at") or "")
    except ValueError:
        return None


@bp.get("/")
def index():
    """Show where the project stands and what changed since the last visit."""
    project = current_project()
    if project is None:
        return render_template("dashboard/index.html", project=None)
    day = today()
    plain = load_rows({}, day)  # read once: the figures and both charts share them
    rows = figures.rows_from(plain)
    gap = figures.schedule_gap_days(rows, project.start_date, day)
    posts = db.session.scalars(select(BorderPost)).all()
    handed_over, planned_posts = figures.handed_over_share([post.stage for post in posts])
    followup = followup_summary(day)
    since = previous_login()
    return render_template(
        "dashboard/index.html",
        project=project,
        elapsed=figures.time_elapsed(project.start_date, project.end_date, day),
        complete=figures.work_complete(rows),
        planned=figures.work_planned(rows, day),
        gap_days=gap,
        gap_words=figures.gap_in_words(gap),
        counts=figures.milestone_counts(rows, day, DUE_SOON_DAYS),
        due_days=DUE_SOON_DAYS,
        handed_over=handed_over,
        planned_posts=planned_posts,
        recommendations=followup["by_kind"]["recommendation"]["implemented_percent"],
        overdue_count=followup["overdue_count"],
        overdue=followup["overdue"][:OVERDUE_SHOWN],
        changes=recent_changes(since, CHANGES_SHOWN),
        since=since,
        report=latest_issued(),
        extension_due=extension_warning(project.end_date, day),
        charts={
            "scurve": figure_payload(project_scurve(plain, project, day)),
            "gantt": figure_payload(upcoming_gantt(plain, day)),
            "progress": figure_payload(progress_figure(posts)),
            "map": figure_payload(map_figure(posts)),
        },
    )
