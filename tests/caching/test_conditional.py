"""Conditional GET: a repeat visit with nothing changed is a 304, and only then."""

import re

import pytest
from sqlalchemy import select

from roadmap.extensions import db
from roadmap.schedule.models import Milestone
from roadmap.workshops.models import Workshop
from tests.conftest import recorded_statements
from tests.conftest import selects as only_selects

TOKEN = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"')


def workshop_path(app) -> str:
    with app.app_context():
        return f"/workshops/{db.session.scalar(select(Workshop.id))}"


PAGES = [
    "/",
    "/gantt",
    "/gantt?workstream=1",
    "/gantt?format=json",
    "/posts/map",
    "/reports/2026-07",
    "workshop",
]


@pytest.mark.parametrize("path", PAGES)
def test_a_repeat_visit_is_a_304(demo, login_as, path):
    path = workshop_path(demo) if path == "workshop" else path
    client = login_as("viewer")
    first = client.get(path)
    assert first.status_code == 200
    etag, weak = first.get_etag()
    assert etag and weak
    assert first.headers["Cache-Control"] == "private, no-cache"
    assert first.headers["Last-Modified"]
    again = client.get(path, headers={"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304
    assert again.data == b""
    assert again.headers["ETag"] == first.headers["ETag"]
    assert again.headers["Cache-Control"] == "private, no-cache"


def test_a_304_builds_nothing(demo, login_as, monkeypatch):
    client = login_as("viewer")
    etag = client.get("/").headers["ETag"]

    def fail(*args):
        raise AssertionError("the dashboard was built for a 304")

    monkeypatch.setattr("roadmap.dashboard.views.summary", fail)
    with recorded_statements(demo) as statements:
        assert client.get("/", headers={"If-None-Match": etag}).status_code == 304
    selects = only_selects(statements)
    assert len(selects) == 1, selects  # the account with the data version (the user loader)


def test_other_addresses_and_queries_have_their_own_validator(demo, login_as):
    client = login_as("viewer")
    tags = {
        path: client.get(path).headers["ETag"]
        for path in ("/", "/gantt", "/gantt?workstream=1", "/posts/map")
    }
    assert len(set(tags.values())) == len(tags)
    assert client.get("/gantt", headers={"If-None-Match": tags["/"]}).status_code == 200


def done_count(html: str) -> int:
    return int(re.search(r'id="count-done"[^>]*>\s*<span[^>]*>(\d+)</span>', html).group(1))


def test_a_write_changes_the_validator_and_shows_at_once(demo, login_as):
    client = login_as("manager")
    first = client.get("/")
    with demo.app_context():
        milestone = db.session.scalar(select(Milestone).where(Milestone.status == "in_progress"))
        path, version = f"/api/v1/milestones/{milestone.id}", milestone.version
    changed = client.patch(
        path,
        json={
            "version": version,
            "status": "done",
            "percent_complete": 100,
            "actual_finish": "2026-08-14",
        },
    )
    assert changed.status_code == 200
    again = client.get("/", headers={"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 200
    assert again.headers["ETag"] != first.headers["ETag"]
    assert done_count(again.get_data(as_text=True)) == done_count(first.get_data(as_text=True)) + 1


def test_users_roles_and_languages_get_their_own_validator(demo, login_as):
    viewer, manager, admin = login_as("viewer"), login_as("manager"), login_as("admin")
    tags = {
        name: client.get("/").headers["ETag"]
        for name, client in (("viewer", viewer), ("manager", manager), ("admin", admin))
    }
    assert len(set(tags.values())) == 3
    french = viewer.get("/", headers={"Accept-Language": "fr"})
    assert '<html lang="fr">' in french.get_data(as_text=True)
    assert french.headers["ETag"] != tags["viewer"]
    english = viewer.get("/", headers={"If-None-Match": french.headers["ETag"]})
    assert english.status_code == 200 and '<html lang="en">' in english.get_data(as_text=True)


def test_role_specific_content_is_not_served_to_another_role(demo, login_as):
    admin, viewer = login_as("admin"), login_as("viewer")
    page = admin.get("/")
    assert 'href="/users"' in page.get_data(as_text=True)
    shown = viewer.get("/", headers={"If-None-Match": page.headers["ETag"]})
    assert shown.status_code == 200 and 'href="/users"' not in shown.get_data(as_text=True)
    manager = login_as("manager")
    report = manager.get("/reports/2026-07")
    assert "Save the narrative" in report.get_data(as_text=True)
    shown = viewer.get("/reports/2026-07", headers={"If-None-Match": report.headers["ETag"]})
    assert shown.status_code == 200 and "Save the narrative" not in shown.get_data(as_text=True)


def test_a_page_with_a_message_is_never_revalidated(demo, login_as):
    client = login_as("viewer")
    etag = client.get("/").headers["ETag"]
    with client.session_transaction() as session:
        session["_flashes"] = [("info", "A one-time message")]
    shown = client.get("/", headers={"If-None-Match": etag})
    assert shown.status_code == 200 and "A one-time message" in shown.get_data(as_text=True)
    assert "ETag" not in shown.headers and shown.headers["Cache-Control"] == "no-store"
    assert client.get("/", headers={"If-None-Match": etag}).status_code == 304


def test_logout_works_from_a_page_revalidated_by_a_304(demo, login_as):
    client = login_as("viewer")
    demo.config["WTF_CSRF_ENABLED"] = True
    first = client.get("/")
    token = TOKEN.search(first.get_data(as_text=True)).group(1)
    assert client.get("/", headers={"If-None-Match": first.headers["ETag"]}).status_code == 304
    assert client.post("/logout", data={"csrf_token": "forged"}).status_code == 400
    # The browser shows its stored copy: its logout form's token must still be accepted.
    logout = client.post("/logout", data={"csrf_token": token})
    assert logout.status_code == 302 and "/login" in logout.headers["Location"]
    assert client.get("/").status_code == 302  # logged out


def test_a_new_session_gets_a_new_page_not_a_304(demo, login_as):
    client = login_as("viewer")
    demo.config["WTF_CSRF_ENABLED"] = True
    first = client.get("/")
    token = TOKEN.search(first.get_data(as_text=True)).group(1)
    assert client.post("/logout", data={"csrf_token": token}).status_code == 302
    demo.config["WTF_CSRF_ENABLED"] = False
    client.post("/login", data={"email": "viewer@example.org", "password": "viewer-pass-2026"})
    demo.config["WTF_CSRF_ENABLED"] = True
    fresh = client.get("/", headers={"If-None-Match": first.headers["ETag"]})
    assert fresh.status_code == 200  # the stored page's tokens belong to the old session
    new_token = TOKEN.search(fresh.get_data(as_text=True)).group(1)
    logout = client.post("/logout", data={"csrf_token": new_token})
    assert logout.status_code == 302 and "/login" in logout.headers["Location"]


def test_writes_and_errors_are_not_tagged(demo, login_as):
    client = login_as("viewer")
    assert "ETag" not in client.get("/reports/1999-01").headers  # 404
    manager = login_as("manager")
    saved = manager.post("/reports/2026-08", data={"highlights": "Done"})
    assert saved.status_code in (200, 302) and "ETag" not in saved.headers
