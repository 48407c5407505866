"""The milestones as an iCalendar feed, for a calendar client that cannot log in.

The URL carries the user's calendar token (regenerable on the account page); the
feed is written in the user's language.
"""

import hmac
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from flask import Response, abort, current_app, request
from flask_babel import force_locale
from flask_babel import gettext as _
from flask_babel import ngettext
from icalendar import Calendar, Event
from sqlalchemy.orm import selectinload

from roadmap.api.views import bp
from roadmap.auth.access import public
from roadmap.auth.models import User
from roadmap.clock import today
from roadmap.extensions import db
from roadmap.labels import label
from roadmap.schedule.health import health
from roadmap.schedule.models import Milestone


@dataclass(frozen=True)
class CalendarItem:
    """What the feed shows of one milestone, already in the reader's language."""

    id: int
    title: str
    start: date
    end: date
    status: str
    description: str
    url: str
    category: str
    stamp: datetime


def build_calendar(name: str, items: list[CalendarItem], host: str) -> bytes:
    """Return the iCalendar document: one all-day VEVENT per milestone, DTEND exclusive."""
    calendar = Calendar()
    calendar.add("prodid", "-//Roadmap//Milestones//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    for item in items:
        event = Event()
        event.add("uid", f"milestone-{item.id}@{host}")
        event.add("dtstamp", item.stamp)
        event.add("summary", item.title)
        event.add("dtstart", item.start)
        event.add("dtend", item.end + timedelta(days=1))
        event.add("description", item.description)
        event.add("url", item.url)
        event.add("categories", [item.category])
        event.add("status", "CANCELLED" if item.status == "cancelled" else "CONFIRMED")
        event.add("transp", "TRANSPARENT")
        calendar.add_component(event)
    return calendar.to_ical()


def calendar_items(milestones, base_url: str, on: date) -> list[CalendarItem]:
    """Describe each milestone in the current language."""
    items = []
    for m in milestones:
        state = health(
            m.status, m.current_start, m.current_end, m.percent_complete, on, m.baseline_end
        )
        url = f"{base_url}/milestones/{m.id}"
        lines = [
            _("Status: %(status)s", status=label("milestone_status", m.status)),
            _("Health: %(health)s", health=label("health", state)),
            _("Complete: %(percent)s %%", percent=m.percent_complete),
        ]
        if m.slip_days:
            lines.append(ngettext("Slip against the baseline: %(days)d day",
                                  "Slip against the baseline: %(days)d days",
                                  abs(m.slip_days), days=m.slip_days))
        lines.append(url)
        items.append(
            CalendarItem(
                id=m.id,
                title=m.title,
                start=m.current_start,
                end=m.current_end,
                status=m.status,
                description="\n".join(lines),
                url=url,
                category=m.workstream.name,
                stamp=m.updated_at,
            )
        )
    return items


def feed_owner(token: str) -> User | None:
    """Return the active user whose calendar token this is."""
    if not token or len(token) > 64:
        return None
    user = db.session.scalar(db.select(User).filter_by(calendar_token=token))
    if user is None or not user.active or not hmac.compare_digest(user.calendar_token, token):
        return None
    return user


@bp.get("/calendar.ics")
@public
def calendar_feed():
    """Return the milestones as iCalendar events for the owner of the token."""
    user = feed_owner(request.args.get("token", ""))
    if user is None:
        abort(404)
    milestones = db.session.scalars(
        db.select(Milestone)
        .options(selectinload(Milestone.workstream))
        .order_by(Milestone.current_start, Milestone.id)
    ).all()
    language = user.language or current_app.config["BABEL_DEFAULT_LOCALE"]
    base_url = request.url_root.rstrip("/")
    with force_locale(language):
        items = calendar_items(milestones, base_url, today())
        name = _("Roadmap milestones")
    body = build_calendar(name, items, request.host)
    return Response(body, mimetype="text/calendar", headers={"Content-Language": language})
