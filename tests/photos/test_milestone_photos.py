"""Managers add photos to a milestone too; checked against its post when it has one."""

import io

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from roadmap.extensions import db
from roadmap.photos.models import Photo, PhotoFile
from tests import factories

from .pictures import HTML, SVG, jpeg, png

FAR = (13.01, 1.68)  # about 20 km north of the factories' post


@pytest.fixture
def ids(app):
    """Return the ids of a milestone at the factories' post, and of one with no post."""
    with app.app_context():
        stream = factories.workstream()
        post = factories.border_post()
        at_post = factories.milestone(stream, "Works at Makalondi", post=post)
        nowhere = factories.milestone(stream, "Regional meeting")
        db.session.commit()
        return {"at_post": at_post.id, "nowhere": nowhere.id, "post": post.id}


def count(app, model) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(model))


def send(client, milestone_id, *files, caption="Site visit", stage="", taken_on=""):
    return client.post(
        f"/milestones/{milestone_id}/photos/new",
        data={
            "photos": [(io.BytesIO(data), name) for name, data in files],
            "caption": caption,
            "stage": stage,
            "taken_on": taken_on,
        },
        content_type="multipart/form-data",
    )


def test_a_manager_adds_photos_to_a_milestone_checked_against_its_post(app, client, auth, ids):
    auth.login("manager")
    answer = send(client, ids["at_post"], ("far.jpg", jpeg(at=FAR)), stage="works_in_progress")
    assert answer.status_code == 302
    assert answer.headers["Location"].endswith(f"/milestones/{ids['at_post']}#photos")
    page = client.get(f"/milestones/{ids['at_post']}").get_data(as_text=True)
    assert "1 photo added." in page and "was taken 20 km from the post" in page
    section = page.split('id="photos"', 1)[1].split("</section>", 1)[0]
    assert section.count("<figure") == 1 and "Taken elsewhere" in section
    assert "Works in progress" in section
    with app.app_context():
        photo = db.session.scalar(select(Photo))
        assert photo.milestone_id == ids["at_post"] and photo.post_id is None
        assert photo.elsewhere and photo.stage == "works_in_progress"
    # The post's own page and its API list only the post's photos.
    post_page = client.get(f"/posts/{ids['post']}").get_data(as_text=True)
    assert "No photo of this post yet." in post_page


def test_a_milestone_without_a_post_takes_photos_without_a_stage_or_a_check(app, client, auth, ids):
    auth.login("manager")
    form = client.get(f"/milestones/{ids['nowhere']}/photos/new").get_data(as_text=True)
    assert "no position is checked" in form and 'value=""' in form
    assert send(client, ids["nowhere"], ("far.jpg", jpeg(at=FAR))).status_code == 302
    with app.app_context():
        photo = db.session.scalar(select(Photo))
        assert photo.stage is None and photo.distance_km is None and not photo.elsewhere
        assert photo.latitude == pytest.approx(FAR[0], abs=0.001)  # kept as a column


def test_a_viewer_sees_a_milestones_photos_but_cannot_add_or_remove_them(app, client, auth, ids):
    auth.login("manager")
    send(client, ids["nowhere"], ("a.png", png()))
    auth.logout()
    auth.login("viewer")
    assert client.get(f"/milestones/{ids['nowhere']}/photos/new").status_code == 403
    assert send(client, ids["nowhere"], ("b.jpg", jpeg())).status_code == 403
    assert count(app, Photo) == 1
    with app.app_context():
        photo = db.session.scalar(select(Photo))
        key, version = photo.id, photo.version
    page = client.get(f"/milestones/{ids['nowhere']}").get_data(as_text=True)
    assert f"/photos/{key}/thumbnail" in page and "Add photos" not in page
    assert client.get(f"/photos/{key}").content_type == "image/png"
    assert client.post(f"/photos/{key}/delete", data={"version": version}).status_code == 403
    assert count(app, Photo) == 1


@pytest.mark.parametrize(("name", "data"), [("drawing.svg", SVG), ("page.jpg", HTML)])
def test_what_is_no_photo_is_refused_on_a_milestone_too(app, client, auth, ids, name, data):
    auth.login("manager")
    answer = send(client, ids["at_post"], ("good.jpg", jpeg()), (name, data))
    assert answer.status_code == 422
    error = answer.get_data(as_text=True).split('id="photos-error"', 1)[1].split("</div>", 1)[0]
    assert name in error and "is not a JPEG, PNG or HEIC photo" in error
    assert (count(app, Photo), count(app, PhotoFile)) == (0, 0)


def test_a_stage_that_is_none_is_refused(app, client, auth, ids):
    auth.login("manager")
    assert send(client, ids["nowhere"], ("a.png", png()), stage="demolished").status_code == 422
    assert count(app, Photo) == 0


def test_confirming_and_removing_a_milestones_photo_return_to_the_milestone(app, client, auth, ids):
    auth.login("manager")
    send(client, ids["at_post"], ("far.jpg", jpeg(at=FAR)), stage="assessed")
    with app.app_context():
        photo = db.session.scalar(select(Photo))
        key, version = photo.id, photo.version
    confirmed = client.post(
        f"/photos/{key}/confirm", data={"version": version, "reason": "The quarry of the works"}
    )
    assert confirmed.headers["Location"].endswith(f"/milestones/{ids['at_post']}#photo-{key}")
    removed = client.post(f"/photos/{key}/delete", data={"version": version + 1})
    assert removed.headers["Location"].endswith(f"/milestones/{ids['at_post']}#photos")
    assert (count(app, Photo), count(app, PhotoFile)) == (0, 0)


def test_a_photo_belongs_to_a_post_or_a_milestone_never_both_nor_none(app, ids):
    with app.app_context():
        file = PhotoFile(
            sha256="0" * 64,
            content_type="image/png",
            width=1,
            height=1,
            size=1,
            content=b"x",
            thumbnail=b"x",
        )
        db.session.add(file)
        db.session.flush()
        for subject in ({}, {"post_id": ids["post"], "milestone_id": ids["at_post"]}):
            with pytest.raises(IntegrityError), db.session.begin_nested():
                db.session.add(
                    Photo(file=file, stage="assessed", taken_on=factories.PROJECT_START, **subject)
                )
                db.session.flush()
        db.session.rollback()
