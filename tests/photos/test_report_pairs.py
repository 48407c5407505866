"""The monthly report shows a before/after pair for each post whose stage changed that month."""

from datetime import date

import pytest
from sqlalchemy import select

from roadmap.auth.models import User
from roadmap.extensions import db
from roadmap.photos import commands
from roadmap.posts import commands as post_commands
from roadmap.posts.models import BorderPost
from roadmap.reports.issuing import build_report
from tests import factories

from .pictures import jpeg


@pytest.fixture
def moved_post(app):
    """A post assessed in July, designed on 12 August, with a photo of each stage."""
    with app.test_request_context():
        factories.project()
        post = factories.border_post(stage="assessed")
        factories.post_update(post, date=date(2026, 7, 1), stage="assessed", progress=0)
        db.session.commit()
        manager = db.session.scalar(select(User).where(User.role == "manager"))
        for stage, day, colour in (
            ("assessed", date(2026, 7, 3), (90, 90, 90)),
            ("designed", date(2026, 8, 13), (200, 30, 30)),
        ):
            commands.add_photos(
                post,
                [commands.Upload(f"{stage}.jpg", jpeg(colour=colour, taken=None))],
                caption=f"Gate, {stage}",
                stage=stage,
                taken_on=day,
                by=manager,
                today=date(2026, 8, 20),
            )
        post_commands.record_update(
            post,
            on=date(2026, 8, 12),
            stage="designed",
            progress=0,
            by=manager,
            expected_version=post.version,
            today=date(2026, 8, 20),
        )
        db.session.commit()
        return post.id


def test_the_month_of_the_change_has_the_pair(app, moved_post):
    with app.test_request_context():
        august = build_report("2026-08", date(2026, 8, 20))
        (pair,) = august["photos"]
        assert pair["post_id"] == moved_post
        assert (pair["before"]["stage"], pair["after"]["stage"]) == ("assessed", "designed")
        assert pair["after"]["data_uri"].startswith("data:image/jpeg;base64,")
        assert build_report("2026-07", date(2026, 8, 20))["photos"] == []  # no stage change


def test_the_report_page_and_pdf_show_it(app, client, auth, moved_post, monkeypatch):
    app.config["ROADMAP_TODAY"] = "2026-08-20"
    app.config["CHROMIUM_PATH"] = "/nonexistent/chromium"
    auth.login("viewer")
    page = client.get("/reports/2026-08").get_data(as_text=True)
    section = page.split('id="before-after"', 1)[1]
    assert "Gate, assessed" in section and "Gate, designed" in section
    assert "/thumbnail" in section
    import io

    from pypdf import PdfReader

    pdf = PdfReader(io.BytesIO(client.get("/reports/2026-08.pdf").data))
    text = "".join(page.extract_text() for page in pdf.pages)
    assert "Before and after" in text and "Gate, designed" in text
    images = sum(len(page.images) for page in pdf.pages)
    assert images >= 2


def test_a_post_without_photos_of_both_stages_has_no_pair(app, moved_post):
    with app.test_request_context():
        post = db.session.get(BorderPost, moved_post)
        for photo in [p for p in post_photos(post.id) if p.stage == "assessed"]:
            commands.delete_photo(photo, by=None, expected_version=photo.version)
        db.session.commit()
        assert build_report("2026-08", date(2026, 8, 20))["photos"] == []


def post_photos(post_id):
    from roadmap.photos.models import Photo

    return db.session.scalars(select(Photo).where(Photo.post_id == post_id)).all()
