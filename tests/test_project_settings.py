"""The administrator edits the project's settings; nobody else can."""

from datetime import date

from sqlalchemy import select

from roadmap.extensions import db
from roadmap.schedule.models import Project

VALID = {
    "name": "Coordinated Border Management",
    "code": "CBM-1",
    "donor": "Government of Japan",
    "implementing_org": "IOM",
    "start_date": "2026-03-01",
    "end_date": "2027-02-28",
    "countries": ["MLI", "NER"],
    "currency": "USD",
    "budget": "2500000",
    "summary": "",
    "iati_identifier": "",
}


def saved_project(app):
    with app.app_context():
        return db.session.scalar(select(Project))


def test_admin_creates_then_edits(app, client, auth):
    auth.login("admin")
    response = client.post("/project/edit", data={**VALID, "version": ""})
    assert response.status_code == 302
    project = saved_project(app)
    assert project.start_date == date(2026, 3, 1)
    assert project.countries == ["MLI", "NER"]
    response = client.post(
        "/project/edit", data={**VALID, "donor": "Japan", "version": str(project.version)}
    )
    assert response.status_code == 302
    assert saved_project(app).donor == "Japan"


def test_end_before_start_is_refused_beside_the_field(app, client, auth):
    auth.login("admin")
    response = client.post("/project/edit", data={**VALID, "end_date": "2026-01-01", "version": ""})
    assert response.status_code == 422
    assert "cannot be before the start date" in response.get_data(as_text=True)
    assert saved_project(app) is None


def test_stale_edit_gets_409_and_writes_nothing(app, client, auth):
    auth.login("admin")
    client.post("/project/edit", data={**VALID, "version": ""})
    version = saved_project(app).version
    client.post("/project/edit", data={**VALID, "donor": "First", "version": str(version)})
    response = client.post(
        "/project/edit", data={**VALID, "donor": "Second", "version": str(version)}
    )
    assert response.status_code == 409
    assert saved_project(app).donor == "First"


def test_manager_cannot_edit_settings(client, auth):
    auth.login("manager")
    assert client.get("/project/edit").status_code == 403
    assert client.post("/project/edit", data=VALID).status_code == 403
    assert client.get("/project").status_code == 200
