"""A script outside the app, holding only a token: reads everything, updates, is refused when stale.

Also: the calendar feed and the IATI file carry the demo project.
"""

import xml.etree.ElementTree as ET
from datetime import date
from pathlib import Path

import pytest
import xmlschema
from icalendar import Calendar

from roadmap.auth.models import User
from roadmap.extensions import db

ENTITIES = ["milestones", "dependencies", "posts", "workshops", "outcomes", "reports"]
SCHEMA = Path(__file__).resolve().parents[1] / "data" / "iati-2.03" / "iati-activities-schema.xsd"


class Script:
    """What a donor's or IOM's script does with the API: plain HTTP and a bearer token."""

    def __init__(self, http, token):
        self.http = http
        self.headers = {"Authorization": f"Bearer {token}", "Accept": "application/json"}

    def get(self, path, **query):
        response = self.http.get(f"/api/v1/{path}", query_string=query, headers=self.headers)
        assert response.status_code == 200, (path, response.json)
        return response.json

    def every(self, entity):
        """Follow the pages of a list to the end."""
        items, page = [], 1
        while True:
            body = self.get(entity, page=page, per_page=2)
            items += body["items"]
            if page >= body["pages"]:
                return items
            page += 1

    def patch(self, path, body):
        return self.http.patch(f"/api/v1/{path}", json=body, headers=self.headers)


def test_script_reads_everything_updates_and_is_refused_when_stale(app, ids, tokens):
    http = app.test_client()  # no session, no cookie: the token alone
    script = Script(http, tokens["manager"])
    assert script.get("project")["code"] == "CBM-TEST"
    assert len(script.get("workstreams")) == 2
    seen = {entity: script.every(entity) for entity in ENTITIES}
    assert len(seen["milestones"]) == 4 and len(seen["posts"]) == 2
    assert len(seen["dependencies"]) == 2 and len(seen["workshops"]) == 1
    assert len(seen["outcomes"]) == 1 and len(seen["reports"]) == 6
    for milestone in seen["milestones"]:
        assert script.get(f"milestones/{milestone['id']}") == milestone
    for entity in ("posts", "workshops", "outcomes"):
        for item in seen[entity]:
            assert script.get(f"{entity}/{item['id']}")["id"] == item["id"]

    target = next(m for m in seen["milestones"] if m["title"] == "Rehabilitate Makalondi")
    updated = script.patch(
        f"milestones/{target['id']}", {"version": target["version"], "percent_complete": 60}
    )
    assert updated.status_code == 200
    assert updated.json["percent_complete"] == 60

    refused = script.patch(
        f"milestones/{target['id']}", {"version": target["version"], "percent_complete": 70}
    )
    assert refused.status_code == 409
    assert refused.json["current"]["percent_complete"] == 60
    assert refused.json["current"]["version"] == updated.json["version"]


def test_viewer_script_reads_but_cannot_write(app, ids, tokens):
    script = Script(app.test_client(), tokens["viewer"])
    milestone = script.every("milestones")[0]
    response = script.patch(
        f"milestones/{milestone['id']}", {"version": milestone["version"], "percent_complete": 10}
    )
    assert response.status_code == 403


@pytest.fixture
def demo(app):
    seed = pytest.importorskip("roadmap.demo.seed")
    with app.app_context():
        seed.load_demo(date(2026, 3, 1))
        user = db.session.scalar(db.select(User).filter_by(email="manager@example.org"))
        return user.calendar_token


def test_calendar_and_iati_carry_the_demo_project(app, client, auth, demo):
    from roadmap.posts.models import BorderPost
    from roadmap.schedule.models import Milestone

    with app.app_context():
        milestones = db.session.scalar(db.select(db.func.count(Milestone.id)))
        posts = db.session.scalar(db.select(db.func.count(BorderPost.id)))
    assert milestones >= 10 and posts >= 10

    feed = client.get("/calendar.ics", query_string={"token": demo})
    events = Calendar.from_ical(feed.data).walk("VEVENT")
    assert len(events) == milestones
    assert any("Niamey" in str(event["summary"]) for event in events)

    auth.login("viewer")
    document = client.get("/iati.xml").data
    xmlschema.XMLSchema(str(SCHEMA)).validate(document)
    activity = ET.fromstring(document).find("iati-activity")
    assert activity.findtext("iati-identifier") == "XM-DAC-47066-CBM-2026"
    assert len(activity.findall("location")) == posts
    assert {c.get("code") for c in activity.findall("recipient-country")} == {
        "ML",
        "NE",
        "MR",
        "BF",
    }
