"""Workshop pages: access, the participation grid, outcomes, notes and stale edits."""

import pytest

from roadmap.extensions import db
from roadmap.history import HistoryEntry
from roadmap.workshops.models import Outcome, OutcomeNote, Participation, Workshop
from roadmap.workshops.participation import cell_name
from roadmap.workshops.views import grid_fingerprint
from tests import factories


def workshop_data(**changes):
    data = {
        "title": "Regional workshop",
        "place": "Niamey",
        "country": "NER",
        "start_date": "2026-07-29",
        "end_date": "2026-07-30",
        "organiser": "IOM Niger",
        "summary": "Two days.",
        "agenda": "Day 1\nDay 2",
    }
    data.update(changes)
    return data


def fingerprint(app, workshop_id):
    with app.app_context():
        return grid_fingerprint(db.session.get(Workshop, workshop_id))


@pytest.fixture
def workshop_id(app):
    with app.app_context():
        workshop = factories.workshop()
        db.session.commit()
        return workshop.id


# --- access -------------------------------------------------------------------------------


def write_requests(workshop_id, outcome_id):
    return [
        ("GET", "/workshops/new"),
        ("POST", "/workshops/new"),
        ("GET", f"/workshops/{workshop_id}/edit"),
        ("POST", f"/workshops/{workshop_id}/edit"),
        ("GET", f"/workshops/{workshop_id}/participation"),
        ("POST", f"/workshops/{workshop_id}/participation"),
        ("GET", f"/workshops/{workshop_id}/outcomes/new"),
        ("POST", f"/workshops/{workshop_id}/outcomes/new"),
        ("GET", f"/workshops/outcomes/{outcome_id}/edit"),
        ("POST", f"/workshops/outcomes/{outcome_id}/edit"),
        ("POST", f"/workshops/outcomes/{outcome_id}/notes"),
    ]


def test_viewer_is_refused_every_write(app, client, auth):
    with app.app_context():
        outcome = factories.outcome()
        workshop_id, outcome_id = outcome.workshop_id, outcome.id
        db.session.commit()
    auth.login("viewer")
    for method, path in write_requests(workshop_id, outcome_id):
        data = {}
        if method == "POST" and path.endswith("/notes"):
            fields = {"date": "2026-08-10", "status": "completed", "text": "Done.", "version": "1"}
            data = {f"note-{outcome_id}-{key}": value for key, value in fields.items()}
        response = client.open(path, method=method, data=data)
        assert response.status_code == 403, (method, path)
    with app.app_context():
        assert db.session.get(Outcome, outcome_id).status == "not_started"
        assert db.session.scalar(db.select(db.func.count(OutcomeNote.id))) == 0


def test_viewer_reads_the_pages_without_edit_controls(app, client, auth):
    with app.app_context():
        workshop_id = factories.outcome().workshop_id
        db.session.commit()
    auth.login("viewer")
    assert client.get("/workshops").status_code == 200
    page = client.get(f"/workshops/{workshop_id}")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "Designate focal points." in html
    assert "Add a follow-up note" not in html
    assert f"/workshops/{workshop_id}/edit" not in html


def test_login_required(client, workshop_id):
    response = client.get(f"/workshops/{workshop_id}")
    assert response.status_code == 302
    assert "/login" in response.headers["Location"]


# --- the workshop itself ------------------------------------------------------------------


def test_manager_creates_and_edits_a_workshop(app, client, auth):
    auth.login("manager")
    response = client.post("/workshops/new", data=workshop_data())
    assert response.status_code == 302
    with app.app_context():
        workshop = db.session.scalar(db.select(Workshop))
        assert (workshop.place, workshop.country, workshop.version) == ("Niamey", "NER", 1)
        workshop_id = workshop.id
    response = client.post(
        f"/workshops/{workshop_id}/edit",
        data=workshop_data(place="Niamey, Palais des congrès", version="1"),
    )
    assert response.status_code == 302
    page = client.get(f"/workshops/{workshop_id}").get_data(as_text=True)
    assert "Palais des congrès" in page
    assert "Day 2" in page
    with app.app_context():
        entries = db.session.scalars(
            db.select(HistoryEntry).where(HistoryEntry.entity == "workshop")
        ).all()
        assert [entry.action for entry in entries] == ["create", "update"]
        assert entries[1].changes["place"] == ["Niamey", "Niamey, Palais des congrès"]


def test_workshop_end_before_start_is_refused(app, client, auth):
    auth.login("manager")
    response = client.post("/workshops/new", data=workshop_data(end_date="2026-07-28"))
    assert response.status_code == 200
    assert "cannot be before the start date" in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalar(db.select(db.func.count(Workshop.id))) == 0


def test_stale_workshop_edit_gets_409(app, client, auth, workshop_id):
    auth.login("manager")
    assert (
        client.post(
            f"/workshops/{workshop_id}/edit", data=workshop_data(title="First", version="1")
        ).status_code
        == 302
    )
    response = client.post(
        f"/workshops/{workshop_id}/edit", data=workshop_data(title="Second", version="1")
    )
    assert response.status_code == 409
    response = client.post(f"/workshops/{workshop_id}/edit", data=workshop_data(title="No version"))
    assert response.status_code == 409
    with app.app_context():
        assert db.session.get(Workshop, workshop_id).title == "First"


# --- participation grid -------------------------------------------------------------------


def test_grid_saves_all_counts_and_shows_totals(app, client, auth, workshop_id):
    auth.login("manager")
    assert client.get(f"/workshops/{workshop_id}/participation").status_code == 200
    data = {
        "version": fingerprint(app, workshop_id),
        cell_name("MLI", "government", "female"): "2",
        cell_name("MLI", "government", "male"): "6",
        cell_name("NER", "partner", "female"): " 5 ",
        cell_name("NER", "partner", "male"): "",
        cell_name("TCD", "government", "male"): "3",
    }
    response = client.post(f"/workshops/{workshop_id}/participation", data=data)
    assert response.status_code == 302
    with app.app_context():
        rows = db.session.scalars(db.select(Participation)).all()
        # blank and 0 cells store nothing new
        assert sorted((r.country, r.org_type, r.sex, r.count) for r in rows) == [
            ("MLI", "government", "female", 2),
            ("MLI", "government", "male", 6),
            ("NER", "partner", "female", 5),
            ("TCD", "government", "male", 3),
        ]
    page = client.get(f"/workshops/{workshop_id}").get_data(as_text=True)
    assert "16 participants, of whom 7 women (44%)" in page
    assert 'id="chart-participants-sex"' in page
    assert 'id="chart-women-share"' in page
    assert "plotly-basic.min.js" in page


@pytest.mark.parametrize(
    ("bad", "message"),
    [
        ("-1", "0 or more"),
        ("2.5", "whole number"),
        ("twelve", "whole number"),
    ],
)
def test_grid_refuses_a_bad_cell_and_saves_nothing(app, client, auth, bad, message):
    with app.app_context():
        workshop = factories.workshop()
        factories.participation(workshop, "MLI", "government", "female", 2)
        workshop_id = workshop.id
        db.session.commit()
    auth.login("manager")
    bad_cell = cell_name("NER", "iom", "male")
    response = client.post(
        f"/workshops/{workshop_id}/participation",
        data={
            "version": fingerprint(app, workshop_id),
            cell_name("MLI", "government", "female"): "4",
            cell_name("BFA", "partner", "female"): "3",
            bad_cell: bad,
        },
    )
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert message in html
    assert f'aria-describedby="{bad_cell}-error"' in html
    assert f'value="{bad}"' in html  # what was typed is shown again
    with app.app_context():
        rows = db.session.scalars(db.select(Participation)).all()
        assert [(r.country, r.count) for r in rows] == [("MLI", 2)]


def test_grid_gives_one_message_per_bad_cell(app, client, auth, workshop_id):
    auth.login("manager")
    cells = [
        cell_name("MLI", "government", "female"),
        cell_name("MLI", "partner", "male"),
        cell_name("NER", "other", "female"),
    ]
    response = client.post(
        f"/workshops/{workshop_id}/participation",
        data={
            "version": fingerprint(app, workshop_id),
            cells[0]: "-2",
            cells[1]: "1.0",
            cells[2]: "x",
        },
    )
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    for cell in cells:
        assert f'id="{cell}-error"' in html
    assert "3 cells are not whole numbers" in html


def test_grid_sets_a_count_back_to_zero(app, client, auth):
    with app.app_context():
        workshop = factories.workshop()
        factories.participation(workshop, "MLI", "government", "female", 2)
        workshop_id = workshop.id
        db.session.commit()
    auth.login("manager")
    response = client.post(
        f"/workshops/{workshop_id}/participation",
        data={"version": fingerprint(app, workshop_id)},
    )
    assert response.status_code == 302
    with app.app_context():
        assert db.session.scalar(db.select(Participation.count)) == 0


def test_grid_saved_meanwhile_gets_409(app, client, auth, workshop_id):
    auth.login("manager")
    old = fingerprint(app, workshop_id)
    cell = cell_name("MLI", "government", "female")
    assert (
        client.post(
            f"/workshops/{workshop_id}/participation", data={"version": old, cell: "2"}
        ).status_code
        == 302
    )
    response = client.post(
        f"/workshops/{workshop_id}/participation", data={"version": old, cell: "9"}
    )
    assert response.status_code == 409
    with app.app_context():
        assert db.session.scalar(db.select(Participation.count)) == 2


def test_grid_can_add_a_country_row(app, client, auth, workshop_id):
    auth.login("manager")
    html = client.get(f"/workshops/{workshop_id}/participation?country=SEN").get_data(as_text=True)
    assert cell_name("SEN", "partner", "female") in html
    response = client.post(
        f"/workshops/{workshop_id}/participation",
        data={
            "version": fingerprint(app, workshop_id),
            "country": ["SEN"],
            cell_name("SEN", "partner", "female"): "1",
        },
    )
    assert response.status_code == 302
    with app.app_context():
        assert db.session.scalar(db.select(Participation.country)) == "SEN"


def test_workshop_page_query_count_does_not_grow_with_outcomes(app, client, auth):
    """The page loads its outcomes, notes and milestone links in a fixed number of queries."""
    from tests.conftest import recorded_statements

    def add_outcomes(workshop_id, count):
        with app.app_context():
            workshop = db.session.get(Workshop, workshop_id)
            for n in range(count):
                outcome = factories.outcome(workshop, text=f"Outcome {n}")
                factories.note(outcome, text="n")
            db.session.commit()

    def queries_for(path):
        with recorded_statements(app) as statements:
            assert client.get(path).status_code == 200
        return len(statements)

    with app.app_context():
        workshop_id = factories.workshop(title="W").id
        db.session.commit()
    auth.login("manager")
    add_outcomes(workshop_id, 2)
    few = queries_for(f"/workshops/{workshop_id}")
    add_outcomes(workshop_id, 10)
    assert queries_for(f"/workshops/{workshop_id}") == few
