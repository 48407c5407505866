"""The digest's pages: the preview, the unsubscribe link, and the choice on /account."""

from datetime import date

import pytest
from sqlalchemy import select

from roadmap.auth.models import User
from roadmap.digest.tokens import unsubscribe_token
from roadmap.extensions import db
from tests import factories


@pytest.fixture
def overdue(app):
    with app.app_context():
        stream = factories.workstream()
        factories.milestone(stream, "Mapping report", date(2026, 7, 1), date(2026, 8, 1))
        db.session.commit()
    return app


def user(app, email="viewer@example.org") -> User:
    with app.app_context():
        found = db.session.scalar(select(User).filter_by(email=email))
        db.session.expunge(found)
        return found


def token_of(app, email="viewer@example.org") -> str:
    with app.test_request_context():
        found = db.session.scalar(select(User).filter_by(email=email))
        return unsubscribe_token(found)


def test_the_preview_shows_a_viewer_their_digest(overdue, client, auth):
    auth.login("viewer")
    page = client.get("/account/digest")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "My weekly digest" in html and "Milestones past their end" in html
    assert "Mapping report" in html and "https://roadmap.example.org/milestones/" in html
    assert "items need attention this week" in html  # the subject
    assert "The plain-text part" in html


def test_the_preview_works_without_a_project(client, auth):
    auth.login("viewer")
    page = client.get("/account/digest")
    assert page.status_code == 200 and "Nothing needs attention" in page.get_data(as_text=True)


def test_the_preview_needs_a_login(client):
    assert client.get("/account/digest").status_code == 302


def test_the_unsubscribe_link_asks_then_stops_the_digest(app, client):
    url = f"/unsubscribe/{token_of(app)}"
    asked = client.get(url)
    assert asked.status_code == 200 and "Unsubscribe" in asked.get_data(as_text=True)
    assert user(app).wants_digest  # a GET (a link checker's) changes nothing
    done = client.post(url, data={"List-Unsubscribe": "One-Click"})
    assert done.status_code == 200
    assert "will no longer receive" in done.get_data(as_text=True)
    assert not user(app).wants_digest
    assert client.post(url).status_code == 200  # again: still done, no error


def test_an_unsubscribe_link_we_did_not_sign_changes_nothing(app, client):
    token = token_of(app)
    assert client.post(f"/unsubscribe/{token[:-2]}xx").status_code == 400
    assert client.get("/unsubscribe/not-a-token").status_code == 400
    assert user(app).wants_digest


def test_the_account_page_saves_the_digest_choice(app, client, auth):
    auth.login("viewer")
    page = client.get("/account").get_data(as_text=True)
    assert 'name="wants_digest"' in page and "checked" in page
    version = user(app).version
    data = {"name": "Viewer User", "language": "", "version": str(version)}
    assert client.post("/account", data=data).status_code == 302  # the box left unticked
    assert not user(app).wants_digest
    again = {**data, "version": str(version + 1), "wants_digest": "y"}
    assert client.post("/account", data=again).status_code == 302
    assert user(app).wants_digest


def test_a_stale_account_form_does_not_change_the_digest_choice(app, client, auth):
    auth.login("viewer")
    version = user(app).version
    data = {"name": "Renamed", "language": "", "version": str(version), "wants_digest": "y"}
    assert client.post("/account", data=data).status_code == 302  # moves the version on
    stale = client.post("/account", data={"name": "Viewer User", "version": str(version)})
    assert stale.status_code == 409
    assert "Send me the weekly digest by e-mail" in stale.get_data(as_text=True)
    assert user(app).wants_digest


def test_the_account_form_needs_its_csrf_token(app, client, auth):
    app.config["WTF_CSRF_ENABLED"] = True
    from tests.security.conftest import csrf_token

    auth.login_client(client, "viewer", csrf_token=csrf_token(client, "/login"))
    version = user(app).version
    data = {"name": "Viewer User", "language": "", "version": str(version)}
    assert client.post("/account", data=data).status_code == 400
    assert user(app).wants_digest
    token = csrf_token(client, "/account")
    assert client.post("/account", data={**data, "csrf_token": token}).status_code == 302
    assert not user(app).wants_digest


def test_a_french_reader_previews_the_digest_in_french(overdue, client, auth):
    with overdue.app_context():
        db.session.scalar(select(User).filter_by(email="viewer@example.org")).language = "fr"
        db.session.commit()
    auth.login("viewer")
    html = client.get("/account/digest").get_data(as_text=True)
    assert "Jalons dont la fin est passée" in html and "éléments à suivre" in html


def test_the_facts_are_read_in_five_queries(demo):
    from roadmap.digest.loading import load_facts
    from tests.conftest import recorded_statements, selects

    with demo.app_context(), recorded_statements(demo) as statements:
        facts = load_facts(date(2026, 8, 15))
    assert len(facts.posts) > 10 and facts.milestones and facts.outcomes
    assert len(selects(statements)) == 5


def test_a_long_list_shows_ten_items_and_links_to_the_rest(app, client, auth):
    with app.app_context():
        stream = factories.workstream()
        for n in range(12):
            factories.milestone(
                stream, f"Late task {n:02d}", date(2026, 6, 1), date(2026, 7, n + 1)
            )
        db.session.commit()
    auth.login("viewer")
    html = client.get("/account/digest").get_data(as_text=True)
    html_part, _sep, text_part = html.partition("The plain-text part")
    for part in (html_part, text_part):
        shown = [n for n in range(12) if f"Late task {n:02d}" in part]
        assert shown == list(range(10)), shown  # the oldest ten, by end date
        assert "and 2 more" in part
    assert 'href="https://roadmap.example.org/milestones?health=late&amp;sort=end"' in html_part
    assert "https://roadmap.example.org/milestones?health=late&amp;sort=end" in text_part
