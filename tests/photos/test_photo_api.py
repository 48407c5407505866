"""A post's photos through the API: listed for a reader, uploaded by a manager's token."""

import io

import pytest
from sqlalchemy import func, select

from roadmap.extensions import db
from roadmap.photos.models import Photo
from tests import factories

from .pictures import HTML, jpeg, png

FAR = (13.01, 1.68)


@pytest.fixture
def post_id(app):
    with app.app_context():
        factories.project()
        post = factories.border_post()
        db.session.commit()
        return post.id


def upload(client, post_id, files, headers, **form):
    return client.post(
        f"/api/v1/posts/{post_id}/photos",
        data={"stage": "assessed", **form, "photos": [(io.BytesIO(d), n) for n, d in files]},
        content_type="multipart/form-data",
        headers=headers,
    )


def test_a_manager_uploads_and_a_reader_lists(app, client, auth, post_id):
    auth.login("manager")
    answer = upload(
        client, post_id, [("far.jpg", jpeg(at=FAR)), ("b.png", png())], {}, caption="Gate"
    )
    assert answer.status_code == 201, answer.get_json()
    created = answer.get_json()
    assert [p["questioned"] for p in created] == [True, False]
    assert created[0]["distance_km"] == pytest.approx(20, abs=1)
    assert created[0]["url"].endswith(f"/photos/{created[0]['id']}")
    auth.logout()
    auth.login("viewer")
    listed = client.get(f"/api/v1/posts/{post_id}/photos").get_json()
    assert [p["id"] for p in listed] == [p["id"] for p in created]
    assert listed[1]["content_type"] == "image/png"


def test_a_viewer_cannot_upload(app, client, auth, post_id):
    auth.login("viewer")
    answer = upload(client, post_id, [("a.jpg", jpeg())], {})
    assert answer.status_code == 403
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Photo)) == 0


def test_what_is_no_photo_gets_422_naming_the_file(app, client, auth, post_id):
    auth.login("manager")
    answer = upload(client, post_id, [("a.jpg", jpeg()), ("page.jpg", HTML)], {})
    assert answer.status_code == 422
    errors = answer.get_json()["errors"]
    assert any("page.jpg" in message for message in errors["photos"])
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Photo)) == 0


def test_a_missing_stage_is_refused_by_the_field(client, auth, post_id):
    auth.login("manager")
    answer = client.post(
        f"/api/v1/posts/{post_id}/photos",
        data={"photos": [(io.BytesIO(jpeg()), "a.jpg")]},
        content_type="multipart/form-data",
    )
    assert answer.status_code == 422
    assert "stage" in str(answer.get_json())


def test_the_openapi_document_names_the_photo_paths(client):
    paths = client.get("/api/v1/openapi.json").get_json()["paths"]
    photos = paths["/api/v1/posts/{post_id}/photos"]
    assert {"get", "post"} <= set(photos)
    assert "multipart/form-data" in photos["post"]["requestBody"]["content"]
