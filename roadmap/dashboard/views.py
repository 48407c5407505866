"""The dashboard: is the project on track, and what changed since the last visit?"""

from datetime import datetime

from flask import render_template, request, session
from markupsafe import Markup

from roadmap.caching import cached
from roadmap.clock import today
from roadmap.conditional import conditional
from roadmap.dashboard import bp
from roadmap.dashboard.loading import recent_changes
from roadmap.dashboard.summary import summary

CHANGES_SHOWN = 10


def previous_login() -> datetime | None:
    """Return when this user logged in before this session, if ever."""
    try:
        return datetime.fromisoformat(session.get("previous_login_at") or "")
    except ValueError:
        return None


def render_body(day, since: datetime | None) -> tuple[bool, Markup]:
    """Render the dashboard's content (everything but the page around it) as of a day."""
    values = summary(day)
    if values["project"] is not None:
        values.update(changes=recent_changes(since, CHANGES_SHOWN), since=since)
    html = render_template("dashboard/_body.html", **values)
    # Our own template's output, every value in it escaped by Jinja: already HTML.
    return values["project"] is not None, Markup(html)  # nosec B704


@bp.get("/")
@conditional
def index():
    """Show where the project stands and what changed since the last visit."""
    day, since = today(), previous_login()
    # The content holds no form, token or user name: it is kept and reused as HTML.
    has_project, body = cached(
        "dashboard_body", lambda: render_body(day, since), day, since, request.script_root
    )
    # Our own template's output, every value in it escaped by Jinja: already HTML.
    body = Markup(body)  # nosec B704
    return render_template("dashboard/index.html", project=has_project, body=body)
