"""Managers define results and indicators through their forms; viewers read only."""

from datetime import date

import pytest
from sqlalchemy import select

from roadmap.extensions import db
from roadmap.history import HistoryEntry
from roadmap.results.models import Indicator, Result
from tests import factories


@pytest.fixture
def ids(app):
    with app.app_context():
        factories.project()
        indicator = factories.indicator()
        factories.target(indicator, value=20.0)
        db.session.commit()
        return {"result": indicator.result_id, "indicator": indicator.id}


def indicator_data(**changes):
    data = {
        "code": "2.1",
        "title_en": "Border officials trained",
        "title_fr": "Agents des frontières formés",
        "unit": "number",
        "direction": "increase",
        "baseline_value": "4",
        "baseline_date": "2026-03-01",
        "baseline_comment": "Trained in 2025",
        "target_kind": "per_period",
        "period_kind": "month",
        "by_sex": "y",
        "by_country": "y",
        "means_of_verification": "Attendance sheets",
        "source": "manual",
        "version": "",
    }
    return data | changes


def paths(ids):
    return [
        "/results/new",
        f"/results/{ids['result']}/edit",
        f"/results/{ids['result']}/indicators/new",
        f"/results/indicators/{ids['indicator']}/edit",
    ]


def test_a_viewer_neither_opens_nor_sends_the_forms(app, client, auth, ids):
    auth.login("viewer")
    for path in paths(ids):
        assert client.get(path).status_code == 403
        assert client.post(path, data=indicator_data(level="output")).status_code == 403
    page = client.get("/results").get_data(as_text=True)
    assert "Add a result" not in page and "Edit the result" not in page
    with app.app_context():
        assert db.session.query(Result).count() == 1
        assert db.session.query(Indicator).count() == 1


def test_a_manager_opens_every_form_with_labels(client, auth, ids):
    auth.login("manager")
    for path in paths(ids):
        page = client.get(path)
        assert page.status_code == 200
        assert '<label class="form-label" for="title_en">' in page.get_data(as_text=True)
    assert "Add a result" in client.get("/results").get_data(as_text=True)


def test_a_manager_adds_a_result_and_its_history_is_kept(app, client, auth, ids):
    auth.login("manager")
    sent = client.post(
        "/results/new",
        data={"level": "outcome", "title_en": "Safer borders", "title_fr": "Frontières sûres"},
    )
    assert sent.status_code == 302
    with app.app_context():
        result = db.session.scalar(select(Result).filter_by(title_en="Safer borders"))
        assert (result.level, result.title_fr, result.position) == (
            "outcome",
            "Frontières sûres",
            1,
        )
        entry = db.session.scalar(
            select(HistoryEntry).filter_by(entity="result", entity_id=result.id)
        )
        assert entry.action == "create" and entry.user_name


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"level": "output", "title_en": " "}, "title_en", "Give the result a title in English."),
        ({"level": "impact", "title_en": "X"}, "level", "Not a valid choice."),
    ],
)
def test_a_bad_result_is_refused_by_its_field(app, client, auth, ids, data, field, message):
    auth.login("manager")
    sent = client.post("/results/new", data=data)
    assert sent.status_code == 422
    page = sent.get_data(as_text=True)
    assert f'id="{field}-error"' in page and message in page
    with app.app_context():
        assert db.session.query(Result).count() == 1


def test_a_result_edited_from_a_stale_form_is_refused(app, client, auth, ids):
    auth.login("manager")
    path = f"/results/{ids['result']}/edit"
    data = {"level": "output", "title_en": "Officials trained well", "version": "1"}
    assert client.post(path, data=data).status_code == 302
    stale = client.post(path, data=data | {"title_en": "Another title"})
    assert stale.status_code == 409
    with app.app_context():
        assert db.session.get(Result, ids["result"]).title_en == "Officials trained well"


def test_a_manager_defines_an_indicator_with_every_field(app, client, auth, ids):
    auth.login("manager")
    sent = client.post(f"/results/{ids['result']}/indicators/new", data=indicator_data())
    assert sent.status_code == 302
    with app.app_context():
        made = db.session.scalar(select(Indicator).filter_by(code="2.1"))
        assert sent.headers["Location"].endswith(f"/results/indicators/{made.id}")
        assert made.baseline_value == 4.0 and made.baseline_date == date(2026, 3, 1)
        assert (made.period_kind, made.cumulative) == ("month", False)
        assert made.dimensions == ("sex", "country")
        assert made.means_of_verification == "Attendance sheets"
        assert made.title_fr == "Agents des frontières formés"


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"code": "1.1"}, "code"),  # the fixture's indicator has it
        ({"code": ""}, "code"),
        ({"title_en": ""}, "title_en"),
        ({"baseline_value": "many"}, "baseline_value"),
        ({"unit": "percentage", "baseline_value": "140"}, "baseline_value"),
        ({"source": "guesswork"}, "source"),
        ({"baseline_date": "31/02/2026"}, "baseline_date"),
    ],
)
def test_a_bad_indicator_is_refused_by_its_field(app, client, auth, ids, changes, field):
    auth.login("manager")
    sent = client.post(f"/results/{ids['result']}/indicators/new", data=indicator_data(**changes))
    assert sent.status_code == 422
    assert f'id="{field}-error"' in sent.get_data(as_text=True)
    with app.app_context():
        assert db.session.query(Indicator).count() == 1


def test_an_indicator_is_edited_at_the_version_seen(app, client, auth, ids):
    auth.login("manager")
    path = f"/results/indicators/{ids['indicator']}/edit"
    form = client.get(path).get_data(as_text=True)
    assert 'value="Officials trained"' in form and 'name="version" type="hidden" value="1"' in form
    data = indicator_data(code="1.1", period_kind="quarter", version="1")
    assert client.post(path, data=data).status_code == 302
    assert client.post(path, data=data | {"title_en": "Late title"}).status_code == 409
    with app.app_context():
        indicator = db.session.get(Indicator, ids["indicator"])
        assert indicator.title_en == "Border officials trained"
        changes = [
            e.changes
            for e in db.session.scalars(
                select(HistoryEntry).filter_by(entity="indicator", action="update")
            )
        ]
        assert any("title_en" in change for change in changes)


def test_the_periods_of_an_indicator_with_targets_stay(app, client, auth, ids):
    auth.login("manager")
    path = f"/results/indicators/{ids['indicator']}/edit"
    sent = client.post(path, data=indicator_data(code="1.1", period_kind="month", version="1"))
    assert sent.status_code == 422
    assert "remove them first" in sent.get_data(as_text=True)
    with app.app_context():
        assert db.session.get(Indicator, ids["indicator"]).period_kind == "quarter"


def test_the_forms_speak_french(client, auth, ids):
    auth.login("manager")
    client.post("/language", data={"language": "fr"})
    page = client.get(f"/results/{ids['result']}/indicators/new").get_data(as_text=True)
    assert "Moyens de vérification" in page and "Ventilé par sexe" in page
