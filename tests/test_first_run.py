"""The first run: with no account, /setup creates the administrator and the project."""

import re
from datetime import date

import pytest
from sqlalchemy import delete, func, select

from roadmap.auth.models import User
from roadmap.extensions import db
from roadmap.schedule.models import Project, Workstream

FORM = {
    "admin_email": "Aissa@Example.org",
    "admin_name": "Aïssa Maïga",
    "admin_password": "sahel borders 2027",
    "admin_language": "fr",
    "name": "Border management in Niger",
    "code": "NE-BM-2027",
    "donor": "European Union",
    "implementing_org": "International Organization for Migration",
    "start_date": "2027-01-01",
    "end_date": "2027-12-31",
    "countries": ["NER", "MLI"],
    "currency": "XOF",
    "budget": "1500000000",
    "iati_identifier": "XM-DAC-47066-NE-BM-2027",
    "reporting_org_ref": "XM-DAC-47066",
    "reporting_org_type": "40",
    "funding_org_ref": "XI-IATI-EC_INTPA",
    "funding_org_type": "15",
    "summary": "Posts along the Niger–Mali border.",
    "workstream": "Assessment\r\nRehabilitation\r\n",
}


@pytest.fixture
def empty(app):
    """The app on a database with no account at all."""
    with app.app_context():
        db.session.execute(delete(User))
        db.session.commit()
    return app


def counts(app) -> tuple[int, int, int]:
    with app.app_context():
        return tuple(
            db.session.scalar(select(func.count()).select_from(model))
            for model in (User, Project, Workstream)
        )


def test_the_login_page_links_to_the_setup_only_while_no_account_exists(empty, client):
    assert "/setup" in client.get("/login").get_data(as_text=True)
    html = client.get("/setup").get_data(as_text=True)
    assert 'name="admin_password"' in html and 'name="funding_org_type"' in html
    client.post("/setup", data=FORM)
    assert "/setup" not in client.get("/login").get_data(as_text=True)


def test_the_form_creates_the_admin_and_the_project(empty, client):
    response = client.post("/setup", data=FORM)
    assert response.status_code == 302 and response.headers["Location"].endswith("/login")
    with empty.app_context():
        admin = db.session.scalar(select(User))
        assert (admin.email, admin.role, admin.language) == ("aissa@example.org", "admin", "fr")
        project = Project.current()
        assert (project.code, project.currency, project.countries) == (
            "NE-BM-2027",
            "XOF",
            ["NER", "MLI"],
        )
        assert (project.start_date, project.end_date) == (date(2027, 1, 1), date(2027, 12, 31))
        assert (project.funding_org_ref, project.funding_org_type) == ("XI-IATI-EC_INTPA", "15")
        assert [w.name for w in project.workstreams] == ["Assessment", "Rehabilitation"]
    login = client.post(
        "/login", data={"email": "aissa@example.org", "password": FORM["admin_password"]}
    )
    assert login.status_code == 302
    assert client.get("/project").status_code == 200


@pytest.mark.parametrize("method", ["get", "post"])
def test_once_an_account_exists_the_setup_is_not_found(app, client, method):
    before = counts(app)
    response = getattr(client, method)("/setup", data=FORM if method == "post" else None)
    assert response.status_code == 404
    assert counts(app) == before


@pytest.mark.parametrize(
    ("change", "field", "words"),
    [
        ({"admin_password": "password"}, "admin_password", "too common"),
        ({"admin_email": "not-an-address"}, "admin_email", "email address"),
        ({"end_date": "2026-12-31"}, "end_date", "before the start date"),
        ({"currency": "XYZ"}, "currency", "three-letter ISO code"),
        ({"workstream": "Assessment\nAssessment"}, "workstream", "a name of its own"),
        ({"code": ""}, "code", "This field is required"),
    ],
)
def test_bad_input_is_named_by_its_field_and_nothing_is_written(
    empty, client, change, field, words
):
    response = client.post("/setup", data={**FORM, **change})
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    feedback = re.search(rf'id="{field}-error"[^>]*>([^<]*)<', html)
    assert feedback and words in feedback.group(1), html
    assert counts(empty) == (0, 0, 0)  # the account is not kept without its project


def test_the_setup_needs_its_csrf_token(empty, client):
    empty.config["WTF_CSRF_ENABLED"] = True
    response = client.post("/setup", data=FORM)
    assert response.status_code == 400
    assert counts(empty) == (0, 0, 0)
