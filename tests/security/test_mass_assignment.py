"""Mass assignment: fields a form does not offer, and roles may not set, never reach the record."""

from sqlalchemy import inspect, select
from werkzeug.datastructures import MultiDict

from roadmap.auth.models import User
from roadmap.extensions import db

from .forms import edit_form, replace

EXTRA = {
    "id": "9999",
    "role": "admin",
    "created_by": "1",
    "created_at": "2001-01-01T00:00:00",
    "updated_at": "2001-01-01T00:00:00",
    "user_id": "1",
    "email": "attacker@evil.example",
    "active": "y",
    "password_hash": "x",
    "session_token": "x",
    "calendar_token": "x",
    "baseline_start": "2001-01-01",
    "baseline_end": "2001-01-02",
    "stage": "handed_over",
    "progress": "100",
    "spent": "1",
    "issued_at": "2001-01-01",
    "state": "issued",
    "sha256": "0" * 64,
    "project_id": "9999",
    "workshop_id": "9999",
    "is_admin": "1",
}
BOOKKEEPING = {"version", "updated_at", "last_login_at"}


def snapshot(model, record_id):
    record = db.session.get(model, record_id)
    values = {attr.key: getattr(record, attr.key) for attr in inspect(model).column_attrs}
    db.session.remove()
    return values


def demo(app):
    from roadmap.demo.seed import DEMO_START, load_demo

    with app.app_context():
        load_demo(DEMO_START)


def test_extra_fields_change_nothing_on_any_edit_form(app, auth):
    from tests.reliability.test_lost_updates import editable_records

    demo(app)
    with app.app_context():
        records = editable_records()
    for name, url, model, record_id, field in records:
        client = app.test_client()
        auth.login_client(client, "admin" if name in ("user (admin)", "project") else "manager")
        fields = edit_form(client.get(url).get_data(as_text=True))
        offered = {key for key, _ in fields}
        with app.app_context():
            before = snapshot(model, record_id)
        extras = [(key, value) for key, value in EXTRA.items() if key not in offered]
        response = client.post(url, data=MultiDict(replace(fields, **{field: "Renamed"}) + extras))
        assert response.status_code in (302, 303), (name, response.status_code)
        with app.app_context():
            after = snapshot(model, record_id)
        assert after[field] == "Renamed"
        assert after["version"] == before["version"] + 1, name  # never the submitted version
        for column, value in before.items():
            if column in offered or column in BOOKKEEPING or column == field:
                continue
            assert after[column] == value, (name, column, value, after[column])


def test_a_viewer_cannot_raise_their_own_role(app, client, auth):
    auth.login("viewer")
    fields = edit_form(client.get("/account").get_data(as_text=True))
    extras = [("role", "admin"), ("active", "y"), ("email", "admin@example.org"), ("id", "1")]
    response = client.post(
        "/account", data=MultiDict(replace(fields, name="Still a viewer") + extras)
    )
    assert response.status_code == 302
    with app.app_context():
        viewer = db.session.scalar(select(User).where(User.name == "Still a viewer"))
        assert viewer.role == "viewer" and viewer.email == "viewer@example.org"


def test_the_admin_form_cannot_change_an_email_or_secrets(app, client, auth):
    auth.login("admin")
    with app.app_context():
        target = db.session.scalar(select(User).where(User.email == "viewer@example.org"))
        before = snapshot(User, target.id)
    fields = edit_form(client.get(f"/users/{before['id']}").get_data(as_text=True))
    response = client.post(
        f"/users/{before['id']}",
        data=MultiDict(
            fields
            + [
                ("email", "mine@evil.example"),
                ("calendar_token", "x"),
                ("password_hash", "x"),
                ("id", "77"),
            ]
        ),
    )
    assert response.status_code == 302
    with app.app_context():
        after = snapshot(User, before["id"])
    for column in ("email", "calendar_token", "password_hash", "id", "session_token"):
        assert after[column] == before[column], column
