"""Whatever is kept, a change saved through a form shows on the next view, in each language."""

import pytest
from sqlalchemy import select

from roadmap.extensions import db
from roadmap.posts.models import BorderPost
from roadmap.schedule.models import Milestone
from tests.factories import post_form

# Pages that keep what they build (pages, figures, bodies) and show a post's name.
POST_PAGES = ["/", "/posts/map", "/posts", "/reports/2026-08", "/api/v1/posts.geojson"]
NEW_NAME = "Kantchari North Gate"  # ASCII: figures carry it in JSON, where accents are escaped


@pytest.mark.parametrize("language", ["en", "fr"])
def test_a_renamed_post_shows_on_every_kept_page(demo, client, auth, language):
    auth.login("manager")
    headers = {"Accept-Language": language}
    with demo.app_context():
        post_id = db.session.scalar(select(BorderPost.id).order_by(BorderPost.id))
    for path in POST_PAGES:
        page = client.get(path, headers=headers)
        assert page.status_code == 200, path
        assert NEW_NAME not in page.get_data(as_text=True), path
        client.get(path, headers=headers)  # kept now, at every level
    saved = client.post(f"/posts/{post_id}/edit", data=post_form(demo, post_id, name=NEW_NAME))
    assert saved.status_code == 302
    for path in POST_PAGES:
        assert NEW_NAME in client.get(path, headers=headers).get_data(as_text=True), path


@pytest.mark.parametrize("language", ["en", "fr"])
def test_progress_saved_through_the_api_shows_in_the_gantt(demo, client, auth, language):
    auth.login("manager")
    headers = {"Accept-Language": language}
    with demo.app_context():
        milestone = db.session.scalar(
            select(Milestone).where(Milestone.status == "in_progress").order_by(Milestone.id)
        )
        key, version, percent = milestone.id, milestone.version, milestone.percent_complete
    before = client.get("/gantt?format=json", headers=headers).get_data()
    assert client.get("/gantt?format=json", headers=headers).get_data() == before  # kept
    new = 37 if percent != 37 else 38
    answer = client.patch(
        f"/api/v1/milestones/{key}", json={"version": version, "percent_complete": new}
    )
    assert answer.status_code == 200, answer.get_json()
    after = client.get("/gantt?format=json", headers=headers).get_data()
    assert after != before
    with demo.app_context():
        assert db.session.get(Milestone, key).percent_complete == new
