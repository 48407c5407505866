"""The milestones as an iCalendar feed, for a calendar client that cannot log in.

The URL carries the user's calendar token (regenerable on the account page); the
feed is written in the user's language.
"""

import hashlib
import hmac
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from flask import Response, abort, current_app, request
from flask_babel import force_locale, ngettext
from flask_babel import gettext as _

from roadmap.api import bp, ical
from roadmap.auth.access import public
from roadmap.auth.models import User
from roadmap.caching import kept, key_of
from roadmap.clock import today
from roadmap.data_version import data_version
from roadmap.extensions import db
from roadmap.labels import label
from roadmap.release import release
from roadmap.schedule.health import health, slip_days
from roadmap.schedule.models import Milestone, Workstream


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
    return ical.calendar_document(
        name,
        "-//Roadmap//Milestones//EN",
        (
            {
                "uid": f"milestone-{item.id}@{host}",
                "stamp": item.stamp,
                "summary": item.title,
                "start": item.start,
                "end": item.end + timedelta(days=1),
                "description": item.description,
                "url": item.url,
                "categories": [item.category],
                "status": "CANCELLED" if item.status == "cancelled" else "CONFIRMED",
            }
            for item in items
        ),
    )


# What the feed reads of each milestone: plain rows, not whole records.
FEED_COLUMNS = (
    Milestone.id,
    Milestone.title,
    Milestone.current_start,
    Milestone.current_end,
    Milestone.status,
    Milestone.percent_complete,
    Milestone.baseline_end,
    Milestone.updated_at,
    Workstream.name.label("workstream"),
)


def calendar_items(milestones, base_url: str, on: date) -> list[CalendarItem]:
    """Describe each milestone (a row of FEED_COLUMNS) in the current language."""
    # A feed repeats a few dozen sentences thousands of times: translate each once.
    texts = _Texts()
    items = []
    for m in milestones:
        state = health(
            m.status, m.current_start, m.current_end, m.percent_complete, on, m.baseline_end
        )
        url = f"{base_url}/milestones/{m.id}"
        lines = [texts.status(m.status), texts.health(state), texts.percent(m.percent_complete)]
        slip = slip_days(m.current_end, m.baseline_end)
        if slip:
            lines.append(texts.slip(slip))
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
                category=m.workstream,
                stamp=m.updated_at,
            )
        )
    return items


class _Texts:
    """The description's sentences in the current language, each translated once."""

    def __init__(self):
        self._found = {}

    def _once(self, key, make) -> str:
        if key not in self._found:
            self._found[key] = make()
        return self._found[key]

    def status(self, code) -> str:
        return self._once(
            ("status", code),
            lambda: _("Status: %(status)s", status=label("milestone_status", code)),
        )

    def health(self, code) -> str:
        return self._once(
            ("health", code), lambda: _("Health: %(health)s", health=label("health", code))
        )

    def percent(self, value) -> str:
        return self._once(("percent", value), lambda: _("Complete: %(percent)s %%", percent=value))

    def slip(self, days) -> str:
        return self._once(
            ("slip", days),
            lambda: ngettext(
                "Slip against the baseline: %(days)d day",
                "Slip against the baseline: %(days)d days",
                abs(days),
                days=days,
            ),
        )


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
    user = feed_owner(request.args.get("token", ""))  # checked on every request
    if user is None:
        abort(404)
    language = user.language or current_app.config["BABEL_DEFAULT_LOCALE"]
    base_url = request.url_root.rstrip("/")
    # Calendar clients poll: the feed is written once per data version, day and language.
    key = (data_version(), today(), language, base_url, request.host)
    body = kept(key_of("calendar_feed", *key), lambda: feed_body(language, base_url, request.host))
    response = Response(body, mimetype="text/calendar", headers={"Content-Language": language})
    # A client polling an unchanged feed gets a 304: no body to send or compress.
    response.set_etag(hashlib.sha256(repr((release(), key)).encode()).hexdigest()[:32], weak=True)
    return response.make_conditional(request)


def feed_body(language: str, base_url: str, host: str) -> bytes:
    """Return the feed of every milestone, written in that language."""
    milestones = db.session.execute(
        db.select(*FEED_COLUMNS)
        .join(Milestone.workstream)
        .order_by(Milestone.current_start, Milestone.id)
    ).all()
    with force_locale(language):
        items = calendar_items(milestones, base_url, today())
        name = _("Roadmap milestones")
    return build_calendar(name, items, host)
