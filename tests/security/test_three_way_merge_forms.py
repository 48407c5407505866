"""Every edit form merges like the milestone's: two people open it at the same version; a
field only one of them changed keeps that change, and only a field both changed is asked.

Each case names a form, who edits it, and three of its fields: X (both change it), Y (only
the other person changes it) and Z (only I change it)."""

import re
from dataclasses import dataclass
from datetime import date
from html import unescape

import pytest
from werkzeug.datastructures import MultiDict

from roadmap.extensions import db
from roadmap.posts.models import BorderPost
from roadmap.schedule.models import Milestone, Project
from roadmap.workshops.models import Outcome, Workshop
from roadmap.workshops.participation import cell_name
from tests import factories
from tests.forms_page import form_values


@dataclass
class Case:
    """One edit form: who edits it, how its record is made and read, and its fields."""

    role: str
    make: object  # () -> (edit url, record id), inside an app context
    read: object  # (record id) -> {field: stored value}
    x: tuple  # (field, its label, their value, my value)
    y: tuple  # (field, their value)
    z: tuple  # (field, my value)
    form_id: str | None = None


def _post():
    record = factories.border_post(contractor="Sahel BTP", notes="Survey done.")
    return f"/posts/{record.id}/edit", record.id


def _read_post(key):
    record = db.session.get(BorderPost, key)
    return {"contractor": record.contractor, "latitude": record.latitude, "name": record.name}


def _workshop():
    record = factories.workshop(summary="Two days.")
    return f"/workshops/{record.id}/edit", record.id


def _read_workshop(key):
    record = db.session.get(Workshop, key)
    return {"place": record.place, "summary": record.summary, "title": record.title}


def _outcome():
    record = factories.outcome()
    factories.milestone(title="Focal points named", start=date(2026, 9, 1), end=date(2026, 9, 30))
    return f"/workshops/outcomes/{record.id}/edit", record.id


def _read_outcome(key):
    record = db.session.get(Outcome, key)
    return {
        "responsible": record.responsible,
        "milestones": [m.title for m in record.milestones],
        "text": record.text,
        "status": record.status,
    }


def _project():
    record = factories.project()
    return "/project/edit", record.id


def _read_project(key):
    record = db.session.get(Project, key)
    return {"donor": record.donor, "countries": sorted(record.countries), "name": record.name}


MLI_WOMEN = cell_name("MLI", "government", "female")
NER_MEN = cell_name("NER", "partner", "male")
BFA_WOMEN = cell_name("BFA", "other", "female")


def _participation():
    record = factories.workshop()
    factories.participation(record, "MLI", "government", "female", 4)
    return f"/workshops/{record.id}/participation", record.id


def _read_participation(key):
    rows = db.session.get(Workshop, key).participation
    counts = {cell_name(r.country, r.org_type, r.sex): r.count for r in rows}
    return {name: counts.get(name) for name in (MLI_WOMEN, NER_MEN, BFA_WOMEN)}


def _milestone_id():
    return db.session.scalar(db.select(Milestone.id).where(Milestone.title == "Focal points named"))


CASES = {
    "post": Case(
        "manager",
        _post,
        _read_post,
        ("contractor", "Contractor", "Niger Travaux", "Sahel BTP & Fils"),
        ("latitude", 12.9),  # a number typed as text: the stored value is kept as a number
        ("name", "Makalondi-Kantchari"),
    ),
    "workshop": Case(
        "manager",
        _workshop,
        _read_workshop,
        ("place", "Place", "Niamey, Palais des congrès", "Niamey, Hôtel Gaweye"),
        ("summary", "Two days, 40 people."),
        ("title", "Regional workshop on data sharing"),
    ),
    "outcome": Case(
        "manager",
        _outcome,
        _read_outcome,
        ("responsible", "Responsible party", "Government of Niger", "IOM Niger"),
        ("milestones", "focal-points"),  # a link chosen in a multiple select
        ("text", "Designate national focal points."),
    ),
    "project": Case(
        "admin",
        _project,
        _read_project,
        ("donor", "Donor", "Japan (MOFA)", "Government of Japan, MOFA"),
        ("countries", ["MLI", "NER", "MRT", "BFA", "TCD"]),
        ("name", "Coordinated Border Management, phase 1"),
    ),
    "participation": Case(
        "manager",
        _participation,
        _read_participation,
        (MLI_WOMEN, "Mali (Government, Women)", "6", "5"),
        (NER_MEN, "3"),
        (BFA_WOMEN, "2"),
        form_id="participation-form",
    ),
}


@pytest.fixture
def two_people(app, auth):
    """Return a function giving two logged-in clients of one role (two accounts)."""

    def log_in(role):
        with app.app_context():
            factories.user(role, email=f"{role}2@example.org", name="Second person")
            db.session.commit()
        first, second = app.test_client(), app.test_client()
        for client, email in ((first, f"{role}@example.org"), (second, f"{role}2@example.org")):
            assert auth.login_client(client, role, email=email).status_code == 302
        return first, second

    return log_in


@pytest.fixture(params=sorted(CASES))
def case(request, app, two_people):
    """Return the case, its edit url, a reader of its stored values and the two clients."""
    case = CASES[request.param]
    with app.app_context():
        url, key = case.make()
        db.session.commit()

    def read():
        with app.app_context():
            values = case.read(key)
            db.session.remove()
            return values

    return case, url, read, *two_people(case.role)


def opened(client, url, form_id):
    page = client.get(url)
    assert page.status_code == 200
    return form_values(page.get_data(as_text=True), form_id)


def action(page: str) -> str:
    """Return where the conflict page's form posts to."""
    found = re.search(r'action="([^"]+)"[^>]*id="resolve-form"', page)
    return unescape(found.group(1))


def fill(app, form: MultiDict, name, value) -> None:
    """Set a field as a browser would post it (a link by the milestone's id)."""
    if value == "focal-points":
        with app.app_context():
            value = [str(_milestone_id())]
    if isinstance(value, list):
        form.setlist(name, value)
    else:
        form[name] = str(value)


def stored_as(value):
    """Return what a value given to a form is stored as, for comparing with read()."""
    if value == "focal-points":
        return ["Focal points named"]
    if isinstance(value, list):
        return sorted(value)
    if isinstance(value, str) and value.isdigit():
        return int(value)
    return value


def test_changes_to_different_fields_both_survive_unasked(app, case):
    case, url, read, first, second = case
    mine, theirs = opened(first, url, case.form_id), opened(second, url, case.form_id)
    (y, their_y), (z, my_z) = case.y, case.z
    fill(app, theirs, y, their_y)
    assert second.post(url, data=theirs).status_code == 302
    fill(app, mine, z, my_z)
    answer = first.post(url, data=mine, follow_redirects=True)
    assert answer.status_code == 200
    assert "was kept with yours" in answer.get_data(as_text=True)
    values = read()
    assert values[y] == stored_as(their_y)
    assert values[z] == stored_as(my_z)


@pytest.mark.parametrize("choice", ["mine", "theirs"])
def test_a_field_both_changed_is_asked_alone_and_saved_as_chosen(app, case, choice):
    case, url, read, first, second = case
    mine, theirs = opened(first, url, case.form_id), opened(second, url, case.form_id)
    (x, label, their_x, my_x), (y, their_y), (z, my_z) = case.x, case.y, case.z
    before = read()
    fill(app, theirs, x, their_x)
    fill(app, theirs, y, their_y)
    assert second.post(url, data=theirs).status_code == 302
    fill(app, mine, x, my_x)
    fill(app, mine, z, my_z)
    conflict = first.post(url, data=mine)
    assert conflict.status_code == 409
    page = conflict.get_data(as_text=True)
    assert page.count("<legend") == 1
    assert label in page.split("<legend", 1)[1].split("</legend>", 1)[0]
    assert read() == {**before, x: stored_as(their_x), y: stored_as(their_y)}  # mine not yet
    resolve = form_values(page, "resolve-form")
    resolve[f"choose-{x}"] = choice
    assert first.post(action(page), data=resolve).status_code == 302
    chosen = my_x if choice == "mine" else their_x
    assert read() == {**before, x: stored_as(chosen), y: stored_as(their_y), z: stored_as(my_z)}


def test_a_row_added_to_the_grid_survives_the_question(app, two_people):
    first, second = two_people("manager")
    with app.app_context():
        url, key = _participation()
        db.session.commit()
    senegal = cell_name("SEN", "partner", "female")
    mine = opened(first, f"{url}?country=SEN", "participation-form")
    theirs = opened(second, url, "participation-form")
    theirs[MLI_WOMEN] = "6"
    assert second.post(url, data=theirs).status_code == 302
    mine[MLI_WOMEN] = "5"
    mine[senegal] = "2"
    page = first.post(url, data=mine).get_data(as_text=True)
    assert page.count("<legend") == 1 and "Mali (Government, Women)" in page
    resolve = form_values(page, "resolve-form")
    resolve[f"choose-{MLI_WOMEN}"] = "theirs"
    assert first.post(action(page), data=resolve).status_code == 302
    with app.app_context():
        rows = db.session.get(Workshop, key).participation
        assert sorted((r.country, r.count) for r in rows) == [("MLI", 6), ("SEN", 2)]
