"""The project's settings, tested against their command without HTTP."""

from datetime import date

import pytest
from sqlalchemy import select

from roadmap.auth.models import User
from roadmap.commands import Invalid, NotAllowed, Stale
from roadmap.extensions import db
from roadmap.project.commands import save_project
from roadmap.schedule.models import Project

SETTINGS = {
    "name": "Coordinated Border Management",
    "code": " CBM-1 ",
    "donor": "Government of Japan",
    "implementing_org": "IOM",
    "start_date": date(2026, 3, 1),
    "end_date": date(2027, 2, 28),
}


@pytest.fixture
def ctx(app):
    with app.test_request_context():
        yield {
            role: db.session.scalar(select(User).filter_by(email=f"{role}@example.org"))
            for role in ("admin", "manager")
        }


def test_an_administrator_sets_up_then_changes_the_project(ctx):
    project = save_project(None, SETTINGS, by=ctx["admin"], expected_version=None)
    db.session.commit()
    assert Project.current() is project
    assert (project.code, project.currency, project.countries) == ("CBM-1", "USD", [])
    save_project(project, {"donor": "Japan"}, by=ctx["admin"], expected_version=project.version)
    db.session.commit()
    assert (project.donor, project.name) == ("Japan", SETTINGS["name"])
    with pytest.raises(Stale):
        save_project(project, {"donor": "x"}, by=ctx["admin"], expected_version=1)


def test_the_project_cannot_end_before_it_starts(ctx):
    with pytest.raises(Invalid) as refused:
        save_project(
            None, {**SETTINGS, "end_date": date(2026, 1, 1)}, by=ctx["admin"], expected_version=None
        )
    assert set(refused.value.errors) == {"end_date"}
    assert Project.current() is None


def test_only_an_administrator_changes_the_settings(ctx):
    with pytest.raises(NotAllowed):
        save_project(None, SETTINGS, by=ctx["manager"], expected_version=None)
