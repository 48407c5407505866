"""Feeds built once per data version still show a change at the next request."""

import json

from roadmap.auth.models import User
from roadmap.extensions import db
from roadmap.posts.models import BorderPost
from roadmap.schedule.models import Milestone


def feed_token(app) -> str:
    with app.app_context():
        return db.session.scalar(db.select(User.calendar_token).filter_by(role="viewer"))


def fetch_all(client, token) -> dict:
    return {
        "calendar": client.get("/calendar.ics", query_string={"token": token}).get_data(True),
        "geojson": client.get("/api/v1/posts.geojson").get_data(True),
        "iati": client.get("/iati.xml").get_data(True),
    }


def test_calendar_geojson_and_iati_show_a_change_at_once(app, client, auth, ids):
    token = feed_token(app)
    auth.login("viewer")
    before = fetch_all(client, token)
    assert before == fetch_all(client, token)  # kept, and the same
    assert "Rehabilitate Makalondi" in before["calendar"] and "Makalondi" in before["iati"]
    with app.app_context():
        db.session.get(Milestone, ids["rehab"]).title = "Rebuild Makalondi"
        db.session.get(BorderPost, ids["post"]).name = "Makalondi-Est"
        db.session.commit()
    after = fetch_all(client, token)
    assert "Rebuild Makalondi" in after["calendar"]
    assert "Rehabilitate Makalondi" not in after["calendar"]
    names = [f["properties"]["name"] for f in json.loads(after["geojson"])["features"]]
    assert "Makalondi-Est" in names and "Makalondi" not in names
    assert "Makalondi-Est" in after["iati"]


def test_geojson_properties_are_labelled_and_linked(client, auth, ids):
    auth.login("viewer")
    body = client.get("/api/v1/posts.geojson").get_json()
    (post,) = [f for f in body["features"] if f["id"] == ids["post"]]
    assert post["geometry"] == {"type": "Point", "coordinates": [1.68, 12.83]}
    assert post["properties"]["url"] == f"http://localhost/posts/{ids['post']}"
    assert post["properties"]["country_name"] == "Niger"
    assert post["properties"]["stage_label"] == "Assessed"
    assert post["properties"]["over_budget"] is False
    assert post["properties"]["estimated_cost"] == 32000.0


def test_a_kept_feed_is_not_served_for_a_retired_token(app, client, auth, ids):
    old = feed_token(app)
    assert client.get("/calendar.ics", query_string={"token": old}).status_code == 200
    auth.login("viewer")
    assert client.post("/account/calendar-token").status_code == 302
    assert client.get("/calendar.ics", query_string={"token": old}).status_code == 404


def test_an_unchanged_calendar_feed_is_a_304(app, client, ids):
    token = feed_token(app)
    first = client.get("/calendar.ics", query_string={"token": token})
    etag = first.headers["ETag"]
    again = client.get(
        "/calendar.ics", query_string={"token": token}, headers={"If-None-Match": etag}
    )
    assert again.status_code == 304 and again.data == b""
    with app.app_context():
        db.session.get(Milestone, ids["rehab"]).percent_complete = 30
        db.session.commit()
    changed = client.get(
        "/calendar.ics", query_string={"token": token}, headers={"If-None-Match": etag}
    )
    assert changed.status_code == 200 and changed.headers["ETag"] != etag
    assert (
        client.get(
            "/calendar.ics", query_string={"token": "wrong"}, headers={"If-None-Match": etag}
        ).status_code
        == 404
    )
