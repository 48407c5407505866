"""The 409 page shows what changed and can save the user's values over the other save."""

import re
from html import unescape

from werkzeug.datastructures import MultiDict

from roadmap.auth.models import User
from roadmap.extensions import db
from roadmap.posts.models import BorderPost
from tests import factories
from tests.security.test_lost_updates_missing_version import (  # noqa: F401  (fixtures)
    milestone_form,
    milestone_ids,
    two_managers,
)

INPUT = re.compile(r'<input type="hidden" name="([^"]+)" value="([^"]*)">')


def resubmit_form(page: str) -> tuple[str, list[tuple[str, str]]]:
    """Return the action and the hidden fields of the 409 page's "save mine" form."""
    form = page.split('id="resubmit-form"', 1)[1].split("</form>", 1)[0]
    action = re.search(r'action="([^"]+)"', page.split('id="resubmit-form"', 1)[0][-300:])
    return unescape(action.group(1)), [(k, unescape(v)) for k, v in INPUT.findall(form)]


def test_post_update_409_shows_the_fields(app, client, auth):
    auth.login("manager")
    with app.app_context():
        post = factories.border_post()
        db.session.commit()
        post_id, version = post.id, post.version
    url = f"/posts/{post_id}/updates/new"
    data = {
        "date": "2026-08-14",
        "stage": "assessed",
        "progress": "20",
        "comment": "Mine",
        "reason": "",
        "version": str(version),
    }
    assert client.post(url, data=data).status_code == 302
    response = client.post(url, data={**data, "progress": "25", "comment": "Second"})
    assert response.status_code == 409
    page = response.get_data(as_text=True)
    assert "Physical progress" in page and "Second" in page
    action, hidden = resubmit_form(page)
    assert action == url
    assert dict(hidden)["progress"] == "25"
    assert client.post(action, data=MultiDict(hidden)).status_code == 302
    with app.app_context():
        assert db.session.get(BorderPost, post_id).progress == 25


def test_account_409_shows_the_fields(app, client, auth):
    auth.login("manager")
    with app.app_context():
        version = db.session.scalar(db.select(User.version).filter_by(email="manager@example.org"))
    data = {"name": "First name", "language": "", "version": str(version)}
    assert client.post("/account", data=data).status_code == 302
    response = client.post("/account", data={**data, "name": "Second name"})
    assert response.status_code == 409
    page = response.get_data(as_text=True)
    assert "First name" in page and "Second name" in page
    _action, hidden = resubmit_form(page)
    assert dict(hidden)["name"] == "Second name"


def test_user_edit_409_shows_the_fields_and_never_a_password(app, client, auth):
    auth.login("admin")
    with app.app_context():
        user_id = db.session.scalar(db.select(User.id).filter_by(email="viewer@example.org"))
    url = f"/users/{user_id}"
    data = {
        "name": "Viewer One",
        "role": "viewer",
        "language": "",
        "active": "y",
        "new_password": "",
        "version": "1",
    }
    assert client.post(url, data=data).status_code == 302
    secret = "a-Brand-new-passphrase-2026"
    response = client.post(url, data={**data, "name": "Viewer Two", "new_password": secret})
    assert response.status_code == 409
    page = response.get_data(as_text=True)
    assert "Viewer One" in page and "Viewer Two" in page
    assert secret not in page
    _action, hidden = resubmit_form(page)
    assert dict(hidden)["name"] == "Viewer Two"
    assert not any("password" in name for name, _value in hidden)
