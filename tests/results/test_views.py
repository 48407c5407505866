"""The results pages: who may change what, the table, forms and stale edits."""

import pytest

from roadmap.extensions import db
from roadmap.results.models import Actual, Indicator, Target
from tests import factories


@pytest.fixture
def indicator_id(app):
    with app.app_context():
        factories.project()
        indicator = factories.indicator(by_sex=True)
        factories.target(indicator, value=20.0)
        db.session.commit()
        return indicator.id


def actual_data(**changes):
    data = {
        "period_start": "2026-03-01",
        "value": "18",
        "effective_on": "2026-05-20",
        "source": "Attendance sheets",
        "comment": "",
        "breakdown_female": "8",
        "breakdown_male": "10",
        "version": "",
    }
    return data | changes


@pytest.mark.parametrize("role", ["viewer", "manager"])
def test_everyone_reads_the_results(client, auth, indicator_id, role):
    auth.login(role)
    page = client.get("/results")
    assert page.status_code == 200
    assert "Officials trained" in page.get_data(as_text=True)
    assert client.get(f"/results/indicators/{indicator_id}").status_code == 200


def test_the_results_page_speaks_french(client, auth, indicator_id):
    auth.login("viewer")
    client.post("/language", data={"language": "fr"})
    page = client.get("/results")
    assert page.status_code == 200
    assert 'lang="fr"' in page.get_data(as_text=True)
    assert "Agents formés" in page.get_data(as_text=True)


@pytest.mark.parametrize("path", ["targets", "actuals"])
def test_a_viewer_changes_nothing(app, client, auth, indicator_id, path):
    auth.login("viewer")
    sent = client.post(f"/results/indicators/{indicator_id}/{path}", data=actual_data())
    assert sent.status_code == 403
    with app.app_context():
        assert db.session.query(Actual).count() == 0


def test_a_manager_records_an_actual(app, client, auth, indicator_id):
    auth.login("manager")
    sent = client.post(f"/results/indicators/{indicator_id}/actuals", data=actual_data())
    assert sent.status_code == 302
    with app.app_context():
        actual = db.session.query(Actual).one()
        assert (actual.value, actual.breakdown) == (18.0, {"sex": {"female": 8.0, "male": 10.0}})
    page = client.get(f"/results/indicators/{indicator_id}").get_data(as_text=True)
    assert "90 %" in page  # 18 of a target of 20


def test_a_split_that_does_not_add_up_is_shown_by_its_field(app, client, auth, indicator_id):
    auth.login("manager")
    sent = client.post(
        f"/results/indicators/{indicator_id}/actuals", data=actual_data(breakdown_male="9")
    )
    assert sent.status_code == 422
    page = sent.get_data(as_text=True)
    assert 'id="breakdown_female-error"' in page
    assert "17" in page
    with app.app_context():
        assert db.session.query(Actual).count() == 0


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"value": "many"}, "value"),
        ({"value": ""}, "value"),
        ({"effective_on": "2026-09-30"}, "effective_on"),
        ({"effective_on": "yesterday"}, "effective_on"),
        ({"period_start": "2026-04-01"}, "period_start"),
    ],
)
def test_bad_input_is_refused_by_its_field(app, client, auth, indicator_id, changes, field):
    auth.login("manager")
    sent = client.post(f"/results/indicators/{indicator_id}/actuals", data=actual_data(**changes))
    assert sent.status_code == 422
    assert f'id="{field}-error"' in sent.get_data(as_text=True)


def test_a_stale_correction_is_refused(app, client, auth, indicator_id):
    auth.login("manager")
    client.post(f"/results/indicators/{indicator_id}/actuals", data=actual_data())
    # A second form, opened before the first was saved, knew no actual for the period.
    sent = client.post(
        f"/results/indicators/{indicator_id}/actuals",
        data=actual_data(value="20", breakdown_male="12"),
    )
    assert sent.status_code == 409
    with app.app_context():
        assert db.session.query(Actual).one().value == 18.0


def test_a_manager_changes_a_target_seen_at_its_version(app, client, auth, indicator_id):
    auth.login("manager")
    with app.app_context():
        version = db.session.get(Indicator, indicator_id).targets[0].version
    sent = client.post(
        f"/results/indicators/{indicator_id}/targets",
        data={"period_start": "2026-03-01", "value": "25", "version": f"2026-03-01={version}"},
    )
    assert sent.status_code == 302
    stale = client.post(
        f"/results/indicators/{indicator_id}/targets",
        data={"period_start": "2026-03-01", "value": "30", "version": f"2026-03-01={version}"},
    )
    assert stale.status_code == 409
    with app.app_context():
        assert db.session.query(Target).one().value == 25.0
