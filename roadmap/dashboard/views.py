"""The dashboard: is the project on track, and what changed since the last visit?"""

from datetime import date, datetime

from flask import render_template, request, session
from flask_babel import format_date
from flask_babel import gettext as _
from markupsafe import Markup

from roadmap.caching import cached
from roadmap.clock import today
from roadmap.conditional import conditional
from roadmap.dashboard import bp
from roadmap.dashboard.loading import recent_changes
from roadmap.dashboard.summary import summary
from roadmap.schedule.models import Project

CHANGES_SHOWN = 10


def previous_login() -> datetime | None:
    """Return when this user logged in before this session, if ever."""
    try:
        return datetime.fromisoformat(session.get("previous_login_at") or "")
    except ValueError:
        return None


def render_body(day, since: datetime | None, as_of: date | None = None) -> tuple[bool, Markup]:
    """Render the dashboard's content (everything but the page around it) as of a day."""
    values = summary(day, as_of)
    if values["project"] is not None and as_of is None:
        values.update(changes=recent_changes(since, CHANGES_SHOWN), since=since)
    html = render_template("dashboard/_body.html", **values)
    # Our own template's output, every value in it escaped by Jinja: already HTML.
    return values["project"] is not None, Markup(html)  # nosec B704


@bp.get("/")
@conditional
def index():
    """Show where the project stands and what changed since the last visit.

    `?as_of=YYYY-MM-DD` shows it as it stood at the end of a past day instead.
    """
    day, since = today(), previous_login()
    asked = request.args.get("as_of", "").strip()
    as_of, problem = read_as_of(asked, day)
    # The content holds no form, token or user name: it is kept and reused as HTML.
    has_project, body = cached(
        "dashboard_body",
        lambda: render_body(day, since, as_of),
        day,
        since,
        as_of,
        request.script_root,
    )
    # Our own template's output, every value in it escaped by Jinja: already HTML.
    body = Markup(body)  # nosec B704
    return (
        render_template(
            "dashboard/index.html",
            project=has_project,
            body=body,
            as_of=as_of,
            asked=asked,
            problem=problem,
            today=day,
        ),
        400 if problem else 200,
    )


def read_as_of(text: str, day: date) -> tuple[date | None, str | None]:
    """Return the past day the dashboard is asked for (None: today) and why it cannot be."""
    if not text:
        return None, None
    try:
        asked = date.fromisoformat(text)
    except ValueError:
        return None, _("Give the day as YYYY-MM-DD, for example 2026-08-31.")
    if asked >= day:
        return None, None if asked == day else _("The dashboard cannot show a day to come.")
    project = Project.current()
    if project is not None and asked < project.start_date:
        return None, _(
            "The project started on %(day)s; choose that day or a later one.",
            day=format_date(project.start_date, "long"),
        )
    return asked, None
