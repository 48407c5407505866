"""Managers add photos to a post; everyone logged in sees them; nothing else gets in."""

import io

import pytest
from PIL import Image
from sqlalchemy import func, select

from roadmap.extensions import db
from roadmap.photos.models import Photo, PhotoFile
from tests import factories

from .pictures import HTML, SVG, huge_png, jpeg, png

NEAR = (12.84, 1.69)  # about 1.5 km from the post
FAR = (13.01, 1.68)  # about 20 km north of it


@pytest.fixture
def post_id(app):
    with app.app_context():
        factories.project()
        post = factories.border_post()
        db.session.commit()
        return post.id


def count(app, model) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(model))


def send(client, post_id, *files, caption="North gate", stage="assessed", taken_on=""):
    return client.post(
        f"/posts/{post_id}/photos/new",
        data={
            "photos": [(io.BytesIO(data), name) for name, data in files],
            "caption": caption,
            "stage": stage,
            "taken_on": taken_on,
        },
        content_type="multipart/form-data",
    )


def test_a_manager_adds_photos_and_is_told_which_was_taken_elsewhere(app, client, auth, post_id):
    auth.login("manager")
    answer = send(
        client, post_id, ("near.jpg", jpeg(at=NEAR)), ("far.jpg", jpeg(at=FAR, colour=(1, 2, 3)))
    )
    assert answer.status_code == 302
    page = client.get(f"/posts/{post_id}").get_data(as_text=True)
    assert "2 photos added." in page
    assert "was taken 20 km from the post" in page
    section = page.split('id="photos"', 1)[1].split("</section>", 1)[0]
    assert section.count("<figure") == 2 and section.count("Taken elsewhere") == 1
    with app.app_context():
        near, far = db.session.scalars(select(Photo).order_by(Photo.id)).all()
        assert not near.elsewhere and near.distance_km == pytest.approx(1.5, abs=0.3)
        assert far.elsewhere and far.questioned and far.distance_km == pytest.approx(20, abs=1)
        assert far.taken_on.isoformat() == "2026-08-12"  # from the photo's own EXIF
        for stored in (far.file.content, far.file.thumbnail):
            with Image.open(io.BytesIO(stored)) as image:
                assert dict(image.getexif()) == {}  # no GPS (nor anything else) kept


def test_the_same_photo_twice_is_stored_once(app, client, auth, post_id):
    auth.login("manager")
    assert send(client, post_id, ("a.jpg", jpeg()), ("b.jpg", jpeg())).status_code == 302
    assert (count(app, Photo), count(app, PhotoFile)) == (2, 1)


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("drawing.svg", SVG, "is not a JPEG, PNG or HEIC photo"),
        ("page.jpg", HTML, "is not a JPEG, PNG or HEIC photo"),
        ("huge.png", huge_png(), "too many pixels"),
    ],
)
def test_what_is_no_photo_is_refused_by_the_field_and_nothing_is_stored(
    app, client, auth, post_id, name, data, message
):
    auth.login("manager")
    answer = send(client, post_id, ("good.jpg", jpeg()), (name, data))
    assert answer.status_code == 422
    html = answer.get_data(as_text=True)
    error = html.split('id="photos-error"', 1)[1].split("</div>", 1)[0]
    assert name in error and message in error
    assert (count(app, Photo), count(app, PhotoFile)) == (0, 0)


def test_no_file_or_a_day_to_come_is_said_by_its_field(app, client, auth, post_id):
    auth.login("manager")
    answer = send(client, post_id)
    assert answer.status_code == 422 and "Choose one photo or more." in answer.get_data(
        as_text=True
    )
    answer = send(client, post_id, ("a.png", png()), taken_on="2027-01-01")
    assert answer.status_code == 422
    assert "cannot be taken on a day to come" in answer.get_data(as_text=True)
    assert count(app, Photo) == 0


def test_a_viewer_sees_photos_but_cannot_add_or_remove_them(app, client, auth, post_id):
    auth.login("manager")
    send(client, post_id, ("a.png", png()))
    auth.logout()
    auth.login("viewer")
    assert send(client, post_id, ("b.jpg", jpeg())).status_code == 403
    assert count(app, Photo) == 1
    with app.app_context():
        photo = db.session.scalar(select(Photo))
        key, version = photo.id, photo.version
    shown = client.get(f"/photos/{key}")
    assert shown.status_code == 200 and shown.content_type == "image/png"
    assert shown.headers["X-Content-Type-Options"] == "nosniff"
    thumbnail = client.get(f"/photos/{key}/thumbnail")
    assert thumbnail.status_code == 200 and thumbnail.content_type == "image/jpeg"
    assert client.post(f"/photos/{key}/delete", data={"version": version}).status_code == 403
    page = client.get(f"/posts/{post_id}").get_data(as_text=True)
    assert "Add photos" not in page and f"/photos/{key}/thumbnail" in page
    assert count(app, Photo) == 1


def test_photos_are_only_for_logged_in_readers(app, client, auth, post_id):
    auth.login("manager")
    send(client, post_id, ("a.png", png()))
    auth.logout()
    with app.app_context():
        key = db.session.scalar(select(Photo.id))
    assert client.get(f"/photos/{key}").status_code in (302, 401)
    assert client.get(f"/photos/{key}/thumbnail").status_code in (302, 401)


def test_a_manager_confirms_a_photo_taken_elsewhere_with_a_reason(app, client, auth, post_id):
    auth.login("manager")
    send(client, post_id, ("far.jpg", jpeg(at=FAR)))
    with app.app_context():
        photo = db.session.scalar(select(Photo))
        key, version = photo.id, photo.version
    refused = client.post(f"/photos/{key}/confirm", data={"version": version, "reason": ""})
    assert refused.status_code == 302
    with app.app_context():
        assert db.session.get(Photo, key).questioned
    stale = client.post(f"/photos/{key}/confirm", data={"version": version + 5, "reason": "x"})
    assert stale.status_code == 409
    reason = "Taken at the customs annex, 20 km north, which the works include"
    saved = client.post(f"/photos/{key}/confirm", data={"version": version, "reason": reason})
    assert saved.status_code == 302
    with app.app_context():
        photo = db.session.get(Photo, key)
        assert not photo.questioned and photo.confirmed_reason == reason
    assert reason in client.get(f"/posts/{post_id}").get_data(as_text=True)


def test_removing_a_photo_keeps_a_file_another_photo_shows(app, client, auth, post_id):
    auth.login("manager")
    send(client, post_id, ("a.jpg", jpeg()), ("b.jpg", jpeg()))
    with app.app_context():
        first, second = db.session.scalars(select(Photo).order_by(Photo.id)).all()
        ids = [(first.id, first.version), (second.id, second.version)]
    assert (
        client.post(f"/photos/{ids[0][0]}/delete", data={"version": ids[0][1]}).status_code == 302
    )
    assert (count(app, Photo), count(app, PhotoFile)) == (1, 1)
    assert (
        client.post(f"/photos/{ids[1][0]}/delete", data={"version": ids[1][1]}).status_code == 302
    )
    assert (count(app, Photo), count(app, PhotoFile)) == (0, 0)


def test_the_upload_form_is_for_managers(app, client, auth, post_id):
    auth.login("manager")
    page = client.get(f"/posts/{post_id}/photos/new")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert 'type="file"' in html and "multiple" in html and 'enctype="multipart/form-data"' in html
