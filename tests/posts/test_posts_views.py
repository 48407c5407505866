"""The register, a post's page, edits with locking, dated updates, the map and GeoJSON."""

import json

import pytest
from sqlalchemy import select

from roadmap.extensions import db
from roadmap.history import HistoryEntry
from roadmap.posts.figures import progress_figure
from roadmap.posts.models import BorderPost
from tests.factories import post_form

NEW_POST = {
    "name": "Makalondi",
    "country": "NER",
    "neighbour_country": "BFA",
    "kind": "land",
    "latitude": "12,83",
    "longitude": "1.68",
    "priority": "high",
    "stage": "assessed",
    "progress": "0",
    "contractor": "",
    "estimated_cost": "32 000",
    "spent": "",
    "notes": "",
}


def edit_data(app, post_id, **changes):
    """The post's edit form with its costs left blank, and some fields changed."""
    return post_form(app, post_id, **{"estimated_cost": "", "spent": "", **changes})


def test_index_filters_sorts_and_flags_over_budget(client, auth, make_post):
    make_post(name="Gaya", estimated_cost=90000, spent=96500)
    make_post(
        name="Diboli", country="MLI", latitude=14.47, longitude=-12.19, stage="assessed", progress=0
    )
    auth.login("viewer")
    page = client.get("/posts").get_data(as_text=True)
    assert "Gaya" in page and "Diboli" in page
    assert "Over budget" in page
    assert 'aria-valuenow="40"' in page
    page = client.get("/posts?country=MLI").get_data(as_text=True)
    assert "Diboli" in page and "Gaya" not in page
    page = client.get("/posts?stage=works_in_progress&kind=river&priority=high").get_data(
        as_text=True
    )
    assert "Gaya" in page and "Diboli" not in page
    page = client.get("/posts?sort=progress&dir=desc").get_data(as_text=True)
    assert page.index("Gaya</a>") < page.index("Diboli</a>")
    page = client.get("/posts?sort=progress&dir=asc&stage=nonsense").get_data(as_text=True)
    assert page.index("Diboli</a>") < page.index("Gaya</a>")


def test_post_page_shows_everything_and_its_timeline(client, auth, make_post):
    post_id = make_post(notes="Ferry landing to rebuild")
    auth.login("viewer")
    page = client.get(f"/posts/{post_id}").get_data(as_text=True)
    for text in (
        "Gaya",
        "Niger",
        "Benin",
        "River crossing",
        "Niger Fleuve Construction",
        "Ferry landing to rebuild",
        "Timeline",
        "Start",
        "40 % physical progress",
    ):
        assert text in page
    assert client.get("/posts/9999").status_code == 404


def test_create_a_post_with_decimal_comma(app, client, auth):
    auth.login("manager")
    response = client.post("/posts/new", data=NEW_POST)
    assert response.status_code == 302
    with app.app_context():
        post = db.session.scalar(select(BorderPost))
        assert (post.latitude, post.longitude, int(post.estimated_cost)) == (12.83, 1.68, 32000)
        assert [(u.stage, u.progress) for u in post.updates] == [("assessed", 0)]


def test_swapped_coordinates_are_refused_with_a_clear_message(app, client, auth):
    auth.login("manager")
    response = client.post(
        "/posts/new", data={**NEW_POST, "latitude": "1.68", "longitude": "12.83"}
    )
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert "latitude and longitude swapped" in page
    assert 'aria-invalid="true"' in page
    response = client.post(
        "/posts/new", data={**NEW_POST, "country": "MLI", "latitude": "27.87", "longitude": "-0.29"}
    )
    assert "This point is in Algeria, not Mali" in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalar(select(BorderPost)) is None


def test_new_post_at_full_progress_must_be_completed(client, auth):
    auth.login("manager")
    response = client.post("/posts/new", data={**NEW_POST, "progress": "100"})
    assert response.status_code == 422
    assert "100 % physical progress means the works are completed" in response.get_data(
        as_text=True
    )


def test_duplicate_name_in_the_same_country(client, auth, make_post):
    make_post(name="Makalondi")
    auth.login("manager")
    response = client.post("/posts/new", data=NEW_POST)
    assert response.status_code == 422
    assert "already exists in this country" in response.get_data(as_text=True)


def test_edit_a_post(app, client, auth, make_post):
    post_id = make_post()
    auth.login("manager")
    assert client.get(f"/posts/{post_id}/edit").status_code == 200
    response = client.post(
        f"/posts/{post_id}/edit", data=edit_data(app, post_id, contractor="New SARL")
    )
    assert response.status_code == 302
    with app.app_context():
        assert db.session.get(BorderPost, post_id).contractor == "New SARL"


def test_a_stale_edit_gets_409_and_writes_nothing(app, client, auth, make_post):
    post_id = make_post()
    auth.login("manager")
    stale = edit_data(app, post_id, contractor="Mine")
    fresh = edit_data(app, post_id, contractor="Theirs")
    assert client.post(f"/posts/{post_id}/edit", data=fresh).status_code == 302
    response = client.post(f"/posts/{post_id}/edit", data=stale)
    assert response.status_code == 409
    assert "Mine" in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.get(BorderPost, post_id).contractor == "Theirs"


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("get", "/posts/new"),
        ("post", "/posts/new"),
        ("get", "/posts/{id}/edit"),
        ("post", "/posts/{id}/edit"),
        ("get", "/posts/{id}/updates/new"),
        ("post", "/posts/{id}/updates/new"),
        ("get", "/posts/import"),
        ("post", "/posts/import"),
    ],
)
def test_viewer_is_refused_every_change(client, auth, make_post, method, path):
    post_id = make_post()
    auth.login("viewer")
    response = getattr(client, method)(path.format(id=post_id), data=NEW_POST)
    assert response.status_code == 403


@pytest.mark.parametrize(
    "path", ["/posts", "/posts/1", "/posts/map", "/posts.csv", "/posts/import", "/posts/new"]
)
def test_login_required(client, path):
    response = client.get(path)
    assert response.status_code == 302
    assert "/login" in response.headers["Location"]


def update(client, post_id, version, **values):
    data = {
        "date": "2026-08-10",
        "stage": "works_in_progress",
        "progress": "60",
        "comment": "Roof done",
        "reason": "",
        "version": version,
    }
    data.update(values)
    return client.post(f"/posts/{post_id}/updates/new", data=data)


def test_an_update_flows_into_the_timeline_history_and_charts(app, client, auth, make_post):
    post_id = make_post()
    auth.login("manager")
    assert client.get(f"/posts/{post_id}/updates/new").status_code == 200
    response = update(client, post_id, 1)
    assert response.status_code == 302
    page = client.get(f"/posts/{post_id}").get_data(as_text=True)
    assert "Roof done" in page and "60 % physical progress" in page
    assert "Manager User" in page
    with app.app_context():
        post = db.session.get(BorderPost, post_id)
        assert (post.stage, post.progress) == ("works_in_progress", 60)
        changes = db.session.scalars(
            select(HistoryEntry.changes).where(
                HistoryEntry.entity == "border_post", HistoryEntry.action == "update"
            )
        ).one()
        assert changes["progress"] == [40, 60]
        figure = progress_figure()
        average = [trace for trace in figure.data if trace.type == "scatter"][0]
        assert list(average.y) == [60]
    map_page = client.get("/posts/map").get_data(as_text=True)
    assert '["Niger","Works in progress",60,' in map_page.replace(", ", ",")


@pytest.mark.parametrize(
    ("values", "field_text"),
    [
        ({"date": "2026-08-16"}, "cannot be in the future"),
        ({"stage": "completed", "progress": "90"}, "has 100 % physical progress"),
        ({"progress": "100"}, "100 % physical progress means the works are completed"),
        ({"stage": "procured", "progress": "0"}, "say why"),
        ({"progress": "20"}, "say why"),
    ],
)
def test_unsound_updates_are_refused(app, client, auth, make_post, values, field_text):
    post_id = make_post()
    auth.login("manager")
    response = update(client, post_id, 1, **values)
    assert response.status_code == 422
    assert field_text in response.get_data(as_text=True)
    with app.app_context():
        post = db.session.get(BorderPost, post_id)
        assert (post.stage, post.progress, len(post.updates)) == ("works_in_progress", 40, 1)


def test_moving_back_with_a_reason_is_recorded(app, client, auth, make_post):
    post_id = make_post()
    auth.login("manager")
    response = update(
        client, post_id, 1, stage="procured", progress="0", reason="Contractor left; new tender"
    )
    assert response.status_code == 302
    with app.app_context():
        post = db.session.get(BorderPost, post_id)
        assert post.stage == "procured"
        assert "Contractor left; new tender" in post.updates[0].comment
        reasons = db.session.scalars(
            select(HistoryEntry.reason).where(
                HistoryEntry.entity == "border_post", HistoryEntry.action == "update"
            )
        ).all()
        assert reasons == ["Contractor left; new tender"]


def test_a_back_dated_update_joins_the_timeline_only(app, client, auth, make_post):
    post_id = make_post()  # its update is dated 2026-06-01 at 40 %
    auth.login("manager")
    response = update(client, post_id, 1, date="2026-05-01", progress="20", comment="May report")
    assert response.status_code == 302
    with app.app_context():
        post = db.session.get(BorderPost, post_id)
        assert post.progress == 40
        assert [u.comment for u in post.updates] == ["Start", "May report"]


def test_a_stale_update_gets_409(app, client, auth, make_post):
    post_id = make_post()
    auth.login("manager")
    assert update(client, post_id, 1).status_code == 302
    assert update(client, post_id, 1, progress="70").status_code == 409
    with app.app_context():
        assert db.session.get(BorderPost, post_id).progress == 60


def test_geojson_is_a_feature_collection_longitude_first(client, auth, make_post):
    make_post(name="Diboli", country="MLI", latitude=14.47, longitude=-12.19)
    assert client.get("/api/v1/posts.geojson").status_code == 401
    auth.login("viewer")
    response = client.get("/api/v1/posts.geojson")
    assert response.status_code == 200
    assert response.mimetype == "application/geo+json"
    body = json.loads(response.data)
    assert body["type"] == "FeatureCollection"
    (feature,) = body["features"]
    assert feature["type"] == "Feature"
    assert feature["geometry"] == {"type": "Point", "coordinates": [-12.19, 14.47]}
    assert feature["properties"]["name"] == "Diboli"
    assert feature["properties"]["stage"] == "works_in_progress"


def test_map_page_uses_the_geo_bundle_and_local_outlines(client, auth, make_post):
    make_post()
    auth.login("viewer")
    page = client.get("/posts/map").get_data(as_text=True)
    assert "vendor/plotly/plotly-geo.min.js" in page
    assert 'data-topojson-url="/static/v/' in page and '/vendor/topojson/"' in page  # hashed
    outlines = client.get("/static/vendor/topojson/africa_50m.json")
    assert outlines.status_code == 200
    outlines.close()
