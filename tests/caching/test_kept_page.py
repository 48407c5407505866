"""A kept page is answered before the user is loaded, but only to the account it was made for.

conditional.kept_page checks the account itself (one query with the data version);
each test keeps a page, changes one thing about the account or the session, and
checks the usual path answers instead.
"""

from datetime import timedelta

import pytest
from sqlalchemy import select, update

from roadmap.auth.models import User
from roadmap.clock import now_utc
from roadmap.extensions import db
from roadmap.schedule.models import Milestone
from tests.conftest import recorded_statements
from tests.conftest import selects as only_selects

PAGES = ["/", "/gantt", "/gantt?workstream=1", "/posts/map", "/reports/2026-07"]
# Headers that differ between any two answers.
PER_ANSWER = {"Date", "X-Request-Id", "Set-Cookie"}


def selects(app, client, path, method="GET", **kwargs):
    """Return the answer to a request and the SELECTs it ran."""
    with recorded_statements(app) as statements:
        answer = client.open(path, method=method, **kwargs)
    return answer, only_selects(statements)


def change_account(app, who: str, **values) -> None:
    """Change an account as another process would, without moving the data version."""
    with app.app_context():
        db.session.execute(update(User).where(User.email == f"{who}@example.org").values(**values))
        db.session.commit()


@pytest.mark.parametrize("path", PAGES)
def test_a_kept_page_costs_one_query_and_answers_as_the_usual_path(demo, login_as, path):
    client = login_as("viewer")
    made = client.get(path)
    assert made.status_code == 200
    kept, statements = selects(demo, client, path)
    assert kept.status_code == 200 and kept.data == made.data
    assert len(statements) == 1, statements  # the account and the data version, together
    assert "user_account" in statements[0] and "history_entry" in statements[0]
    assert {k: v for k, v in kept.headers.items() if k not in PER_ANSWER} == {
        k: v for k, v in made.headers.items() if k not in PER_ANSWER
    }
    assert kept.headers["X-Request-Id"] != made.headers["X-Request-Id"]


def test_a_deactivated_account_gets_no_kept_page(demo, login_as):
    client = login_as("viewer")
    assert client.get("/").status_code == 200
    change_account(demo, "viewer", active=False)
    answer = client.get("/")
    assert answer.status_code == 302 and "/login" in answer.headers["Location"]


def test_a_rotated_session_token_gets_no_kept_page(demo, login_as):
    client = login_as("viewer")
    first = client.get("/")
    change_account(demo, "viewer", session_token="rotated-elsewhere")  # a password change
    for headers in ({}, {"If-None-Match": first.headers["ETag"]}):
        answer = client.get("/", headers=headers)
        assert answer.status_code == 302 and "/login" in answer.headers["Location"]


def test_an_expired_login_gets_no_kept_page(demo, login_as, monkeypatch):
    client = login_as("viewer")
    first = client.get("/")
    later = now_utc() + timedelta(hours=9)
    monkeypatch.setattr("roadmap.auth.access.now_utc", lambda: later)
    answer = client.get("/", headers={"If-None-Match": first.headers["ETag"]})
    assert answer.status_code == 302 and "/login" in answer.headers["Location"]
    assert client.get("/").status_code == 302  # logged out for good


def test_a_new_role_gets_a_page_made_for_it(demo, login_as):
    client = login_as("viewer")
    first = client.get("/reports/2026-07")
    assert "Save the narrative" not in first.get_data(as_text=True)
    change_account(demo, "viewer", role="manager")
    again = client.get("/reports/2026-07", headers={"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 200 and again.headers["ETag"] != first.headers["ETag"]
    assert "Save the narrative" in again.get_data(as_text=True)


def test_a_page_kept_for_one_account_is_not_served_to_another(demo, login_as):
    admin = login_as("admin")
    made = admin.get("/")
    assert admin.get("/").data == made.data  # kept
    assert 'href="/users"' in made.get_data(as_text=True)
    viewer = login_as("viewer")
    shown = viewer.get("/", headers={"If-None-Match": made.headers["ETag"]})
    assert shown.status_code == 200 and shown.headers["ETag"] != made.headers["ETag"]
    assert 'href="/users"' not in shown.get_data(as_text=True)


def test_the_account_language_chooses_the_kept_page(demo, login_as):
    client = login_as("viewer")
    english = client.get("/")
    assert '<html lang="en">' in english.get_data(as_text=True)
    change_account(demo, "viewer", language="fr")
    french = client.get("/", headers={"If-None-Match": english.headers["ETag"]})
    assert french.status_code == 200 and '<html lang="fr">' in french.get_data(as_text=True)
    kept, statements = selects(demo, client, "/")
    assert kept.data == french.data and len(statements) == 1


def test_a_data_change_is_seen_by_the_next_request(demo, login_as):
    viewer, manager = login_as("viewer"), login_as("manager")
    before = viewer.get("/gantt?format=json").get_data(as_text=True)
    with demo.app_context():
        milestone = db.session.scalar(select(Milestone).order_by(Milestone.id))
        milestone_id, title = milestone.id, milestone.title
    assert manager.get(f"/milestones/{milestone_id}").status_code == 200
    with demo.app_context():
        db.session.get(Milestone, milestone_id).title = title + " (renamed)"
        db.session.commit()
    after = viewer.get("/gantt?format=json").get_data(as_text=True)
    assert after != before and "(renamed)" in after


def test_a_pending_message_and_other_methods_take_the_usual_path(demo, login_as):
    client = login_as("viewer")
    assert client.get("/").status_code == 200
    with client.session_transaction() as session:
        session["_flashes"] = [("info", "A one-time message")]
    shown = client.get("/")
    assert "A one-time message" in shown.get_data(as_text=True) and "ETag" not in shown.headers
    head, statements = selects(demo, client, "/", method="HEAD")
    assert head.status_code == 200 and len(statements) == 1


def test_an_anonymous_visitor_is_sent_to_log_in(demo, login_as):
    login_as("viewer").get("/")
    answer = demo.test_client().get("/")
    assert answer.status_code == 302 and "/login" in answer.headers["Location"]
