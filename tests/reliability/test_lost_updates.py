"""Lost updates: a form opened before someone else's save gets 409 and writes nothing."""

import pytest
from sqlalchemy import func, select
from werkzeug.datastructures import MultiDict

from roadmap.extensions import db
from tests.security.forms import edit_form, replace


def editable_records():
    """Return (name, edit url, model, id, text field) for every kind of editable record."""
    from roadmap.auth.models import User
    from roadmap.posts.models import BorderPost
    from roadmap.schedule.models import Milestone, Project
    from roadmap.workshops.models import Outcome, Workshop

    def first(model):
        return db.session.scalar(select(func.min(model.id)))

    manager = db.session.scalar(select(User.id).where(User.email == "manager@example.org"))
    viewer = db.session.scalar(select(User.id).where(User.email == "viewer@example.org"))
    return [
        ("milestone", f"/milestones/{first(Milestone)}/edit", Milestone, first(Milestone), "title"),
        ("post", f"/posts/{first(BorderPost)}/edit", BorderPost, first(BorderPost), "name"),
        ("workshop", f"/workshops/{first(Workshop)}/edit", Workshop, first(Workshop), "title"),
        ("outcome", f"/workshops/outcomes/{first(Outcome)}/edit", Outcome, first(Outcome), "text"),
        ("project", "/project/edit", Project, first(Project), "name"),
        ("user (admin)", f"/users/{viewer}", User, viewer, "name"),
        ("own account", "/account", User, manager, "name"),
    ]


@pytest.fixture
def demo_app(app):
    from roadmap.demo.seed import DEMO_START, load_demo

    with app.app_context():
        load_demo(DEMO_START)
    return app


def stored(app, model, record_id, field):
    with app.app_context():
        value = getattr(db.session.get(model, record_id), field)
        db.session.remove()
        return value


def test_every_editable_record_refuses_a_stale_form(demo_app, auth):
    with demo_app.app_context():
        records = editable_records()
    checked = []
    for name, url, model, record_id, field in records:
        role = "admin" if name in ("user (admin)", "project") else "manager"
        first, second = demo_app.test_client(), demo_app.test_client()
        assert auth.login_client(first, role).status_code == 302
        assert auth.login_client(second, role).status_code == 302
        page = first.get(url)
        if page.status_code == 404 and record_id is None:
            continue
        assert page.status_code == 200, (name, url, page.status_code)
        mine = edit_form(page.get_data(as_text=True))
        theirs = edit_form(second.get(url).get_data(as_text=True))
        saved = first.post(url, data=MultiDict(replace(mine, **{field: f"First save {name}"})))
        assert saved.status_code in (302, 303), (name, saved.status_code)
        stale = second.post(url, data=MultiDict(replace(theirs, **{field: f"Second save {name}"})))
        assert stale.status_code == 409, (name, stale.status_code)
        assert stored(demo_app, model, record_id, field) == f"First save {name}"
        checked.append(name)
    assert len(checked) >= 6


def test_report_narrative_refuses_a_stale_form(demo_app, auth):
    from roadmap.reports.models import MonthlyReport

    first, second = demo_app.test_client(), demo_app.test_client()
    assert auth.login_client(first).status_code == 302
    assert auth.login_client(second).status_code == 302
    url = "/reports/2026-07"
    mine = edit_form(first.get(url).get_data(as_text=True))
    theirs = edit_form(second.get(url).get_data(as_text=True))
    assert first.post(url, data=MultiDict(replace(mine, highlights="First"))).status_code in (
        302,
        303,
    )
    assert second.post(url, data=MultiDict(replace(theirs, highlights="Second"))).status_code == 409
    with demo_app.app_context():
        report = db.session.scalar(select(MonthlyReport).where(MonthlyReport.month == "2026-07"))
        assert report.highlights == "First"
