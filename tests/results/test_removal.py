"""Removing a result, an indicator or an actual: who may, what goes with it, what is refused."""

import pytest
from sqlalchemy import select

from roadmap.commands import Invalid, NotAllowed, Stale
from roadmap.extensions import db
from roadmap.history import HistoryEntry
from roadmap.results import commands
from roadmap.results.models import Actual, Indicator, Result, Target
from tests import factories


@pytest.fixture
def ids(app):
    """A result whose indicator has a target and an actual; an empty result; a bare indicator."""
    with app.app_context():
        factories.project()
        measured = factories.indicator()
        factories.target(measured, value=20.0)
        actual = factories.actual(measured, value=7.0, source="Attendance sheets")
        empty = factories.result(title_en="Typed by mistake")
        bare = factories.indicator(code="9.9", title_en="Defined twice")
        factories.target(bare, value=3.0)
        db.session.commit()
        return {
            "result": measured.result_id,
            "indicator": measured.id,
            "actual": actual.id,
            "period": actual.period_start.isoformat(),
            "empty": empty.id,
            "bare": bare.id,
            "bare_result": bare.result_id,
        }


def users():
    from roadmap.auth.models import User

    return {u.role: u for u in db.session.scalars(db.select(User))}


def test_an_indicator_with_an_actual_and_a_result_with_an_indicator_stay(app, ids):
    with app.app_context():
        indicator = db.session.get(Indicator, ids["indicator"])
        with pytest.raises(Invalid) as refused:
            commands.delete_indicator(indicator, by=users()["manager"], expected_version=1)
        assert refused.value.errors["remove"] == ["This indicator holds 1 actual: remove it first."]
        result = db.session.get(Result, ids["result"])
        with pytest.raises(Invalid) as refused:
            commands.delete_result(result, by=users()["manager"], expected_version=1)
        assert "still holds 1 indicator" in refused.value.errors["remove"][0]


def test_an_indicator_goes_with_its_targets_and_the_change_log_keeps_them(app, ids):
    with app.app_context():
        bare = db.session.get(Indicator, ids["bare"])
        commands.delete_indicator(
            bare, by=users()["manager"], expected_version=1, reason="Defined twice"
        )
        db.session.commit()
        assert db.session.get(Indicator, ids["bare"]) is None
        assert db.session.scalars(select(Target).filter_by(indicator_id=ids["bare"])).all() == []
        deleted = db.session.scalars(select(HistoryEntry).filter_by(action="delete")).all()
        assert {e.entity for e in deleted} == {"indicator", "indicator_target"}
        assert all(e.reason == "Defined twice" for e in deleted)
        # Now empty, its result can go too.
        result = db.session.get(Result, ids["bare_result"])
        commands.delete_result(result, by=users()["manager"], expected_version=result.version)
        db.session.commit()
        assert db.session.get(Result, ids["bare_result"]) is None


def test_removing_an_actual_then_the_indicator(app, ids):
    with app.app_context():
        indicator = db.session.get(Indicator, ids["indicator"])
        actual = db.session.get(Actual, ids["actual"])
        with pytest.raises(Stale):
            commands.remove_actual(
                indicator, actual.period_start, by=users()["manager"], expected_version=0
            )
        commands.remove_actual(
            indicator, actual.period_start, by=users()["manager"], expected_version=1
        )
        db.session.commit()
        assert db.session.get(Actual, ids["actual"]) is None
        entry = db.session.scalar(
            select(HistoryEntry).filter_by(entity="indicator_actual", action="delete")
        )
        assert entry.action == "delete" and entry.changes["value"][0] == 7.0
        with pytest.raises(Invalid) as refused:
            commands.remove_actual(
                indicator, actual.period_start, by=users()["manager"], expected_version=1
            )
        assert list(refused.value.errors) == ["period_start"]
        db.session.rollback()
        indicator = db.session.get(Indicator, ids["indicator"])
        commands.delete_indicator(indicator, by=users()["manager"], expected_version=1)
        db.session.commit()
        assert db.session.get(Indicator, ids["indicator"]) is None


def test_a_viewer_removes_nothing(app, ids):
    with app.app_context():
        with pytest.raises(NotAllowed):
            commands.delete_result(
                db.session.get(Result, ids["empty"]), by=users()["viewer"], expected_version=1
            )
        with pytest.raises(NotAllowed):
            commands.delete_indicator(
                db.session.get(Indicator, ids["bare"]), by=users()["viewer"], expected_version=1
            )


def test_a_manager_removes_an_actual_from_the_indicator_page(app, client, auth, ids):
    auth.login("manager")
    page = client.get(f"/results/indicators/{ids['indicator']}").get_data(as_text=True)
    action = f"/results/indicators/{ids['indicator']}/actuals/{ids['period']}/delete"
    assert action in page
    answer = client.post(action, data={"version": "1"}, follow_redirects=True)
    assert "The actual is removed." in answer.get_data(as_text=True)
    with app.app_context():
        assert db.session.get(Actual, ids["actual"]) is None
    # Sent again from the same page: nothing left to remove, said on the page.
    answer = client.post(action, data={"version": "1"}, follow_redirects=True)
    assert "This period has no actual to remove." in answer.get_data(as_text=True)
    assert (
        client.post(
            f"/results/indicators/{ids['indicator']}/actuals/not-a-day/delete",
            data={"version": "1"},
        ).status_code
        == 404
    )


def test_a_manager_removes_an_indicator_and_a_result_from_their_edit_pages(app, client, auth, ids):
    auth.login("manager")
    page = client.get(f"/results/indicators/{ids['bare']}/edit").get_data(as_text=True)
    assert "Remove this indicator" in page
    answer = client.post(
        f"/results/indicators/{ids['bare']}/delete", data={"version": "1"}, follow_redirects=True
    )
    assert "The indicator 9.9 is removed." in answer.get_data(as_text=True)
    assert "Remove this result" in client.get(f"/results/{ids['empty']}/edit").get_data(
        as_text=True
    )
    answer = client.post(
        f"/results/{ids['empty']}/delete", data={"version": "1"}, follow_redirects=True
    )
    assert "The result is removed." in answer.get_data(as_text=True)
    with app.app_context():
        assert db.session.get(Result, ids["empty"]) is None


def test_refused_and_stale_removals_leave_everything(app, client, auth, ids):
    auth.login("manager")
    answer = client.post(
        f"/results/indicators/{ids['indicator']}/delete",
        data={"version": "1"},
        follow_redirects=True,
    )
    assert "This indicator holds 1 actual: remove it first." in answer.get_data(as_text=True)
    stale = client.post(f"/results/{ids['empty']}/delete", data={"version": "7"})
    assert stale.status_code == 409
    with app.app_context():
        assert db.session.get(Indicator, ids["indicator"]) is not None
        assert db.session.get(Result, ids["empty"]) is not None


def test_a_viewer_sees_no_removal_and_is_refused_it(app, client, auth, ids):
    auth.login("viewer")
    page = client.get(f"/results/indicators/{ids['indicator']}").get_data(as_text=True)
    assert "Remove the actual" not in page
    for path in (
        f"/results/{ids['empty']}/delete",
        f"/results/indicators/{ids['bare']}/delete",
        f"/results/indicators/{ids['indicator']}/actuals/{ids['period']}/delete",
    ):
        assert client.post(path, data={"version": "1"}).status_code == 403, path
    with app.app_context():
        assert db.session.get(Actual, ids["actual"]) is not None
