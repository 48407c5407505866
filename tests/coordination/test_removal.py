"""Removing a partner, an activity or an assessment: who may, what is kept, what is refused."""

import pytest

from roadmap.commands import Invalid, NotAllowed, Stale
from roadmap.coordination import commands, loading
from roadmap.coordination.models import Activity, Assessment, Partner
from roadmap.extensions import db
from roadmap.history import HistoryEntry
from tests import factories


@pytest.fixture
def scene(app):
    """Two posts; IOM works at Makalondi; Makalondi assessed twice; one spare partner."""
    with app.app_context():
        factories.project()
        makalondi = factories.border_post(priority="low")
        factories.border_post(name="Gaya", latitude=11.88, longitude=3.45, priority="high")
        iom = factories.partner()
        spare = factories.partner(name="Typed twice", acronym="TT")
        activity = factories.activity(iom, makalondi, note="Scanners")
        older = factories.assessment(makalondi, scores=dict.fromkeys(factories.SCORES, 2))
        latest = factories.assessment(
            makalondi,
            assessed_on=older.assessed_on.replace(month=7),
            scores=dict.fromkeys(factories.SCORES, 5),
        )
        db.session.commit()
        return {
            "post": makalondi.id,
            "iom": iom.id,
            "spare": spare.id,
            "activity": activity.id,
            "older": older.id,
            "latest": latest.id,
        }


def users():
    from roadmap.auth.models import User

    return {u.role: u for u in db.session.scalars(db.select(User))}


def history(entity, entity_id):
    return db.session.scalars(
        db.select(HistoryEntry)
        .where(HistoryEntry.entity == entity, HistoryEntry.entity_id == entity_id)
        .order_by(HistoryEntry.id)
    ).all()


def test_removing_an_activity_keeps_its_values_and_reason_in_the_change_log(app, scene):
    with app.app_context():
        activity = db.session.get(Activity, scene["activity"])
        commands.delete_activity(
            activity, by=users()["manager"], expected_version=activity.version, reason="Twice"
        )
        db.session.commit()
        assert db.session.get(Activity, scene["activity"]) is None
        entry = history("partner_activity", scene["activity"])[-1]
        assert entry.action == "delete" and entry.reason == "Twice"
        assert entry.changes["note"][0] == "Scanners"


def test_a_partner_with_activities_is_not_removed(app, scene):
    with app.app_context():
        iom = db.session.get(Partner, scene["iom"])
        with pytest.raises(Invalid) as refused:
            commands.delete_partner(iom, by=users()["manager"], expected_version=iom.version)
        assert "1 activity still names this partner" in refused.value.errors["remove"][0]
        db.session.rollback()
        assert db.session.get(Partner, scene["iom"]) is not None
        assert db.session.get(Activity, scene["activity"]) is not None


def test_a_partner_without_activities_is_removed(app, scene):
    with app.app_context():
        spare = db.session.get(Partner, scene["spare"])
        commands.delete_partner(spare, by=users()["manager"], expected_version=spare.version)
        db.session.commit()
        assert db.session.get(Partner, scene["spare"]) is None
        assert history("partner", scene["spare"])[-1].action == "delete"


def test_removing_the_latest_assessment_ranks_the_post_by_the_one_before(app, scene):
    with app.app_context():
        assert loading.priorities_by_post()[scene["post"]]["score"] == 5
        latest = db.session.get(Assessment, scene["latest"])
        commands.delete_assessment(latest, by=users()["manager"], expected_version=latest.version)
        db.session.commit()
        assert loading.priorities_by_post()[scene["post"]]["score"] == 2


@pytest.mark.parametrize(
    "command, model, key",
    [
        (commands.delete_activity, Activity, "activity"),
        (commands.delete_assessment, Assessment, "latest"),
        (commands.delete_partner, Partner, "spare"),
    ],
)
def test_a_viewer_and_a_stale_version_remove_nothing(app, scene, command, model, key):
    with app.app_context():
        record = db.session.get(model, scene[key])
        with pytest.raises(NotAllowed):
            command(record, by=users()["viewer"], expected_version=record.version)
        with pytest.raises(Stale):
            command(record, by=users()["manager"], expected_version=record.version - 1)
        with pytest.raises(Invalid) as refused:
            command(
                record, by=users()["manager"], expected_version=record.version, reason="x" * 2001
            )
        assert list(refused.value.errors) == ["reason"]
        db.session.rollback()
        assert db.session.get(model, scene[key]) is not None


def test_a_manager_removes_an_activity_from_its_page(app, client, auth, scene):
    auth.login("manager")
    page = client.get(f"/coordination/activities/{scene['activity']}/edit")
    assert "Remove this activity" in page.get_data(as_text=True)
    answer = client.post(
        f"/coordination/activities/{scene['activity']}/delete",
        data={"version": "1", "reason": "Recorded twice"},
        follow_redirects=True,
    )
    assert answer.status_code == 200
    assert "The activity is removed." in answer.get_data(as_text=True)
    with app.app_context():
        assert db.session.get(Activity, scene["activity"]) is None


def test_a_stale_removal_gets_the_conflict_page_and_removes_nothing(app, client, auth, scene):
    auth.login("manager")
    path = f"/coordination/assessments/{scene['latest']}/delete"
    answer = client.post(path, data={"version": "0"})
    assert answer.status_code == 409
    assert "Someone saved this record after you opened it" in answer.get_data(as_text=True)
    with app.app_context():
        assert db.session.get(Assessment, scene["latest"]) is not None


def test_a_removal_without_its_version_is_refused(app, client, auth, scene):
    auth.login("manager")
    answer = client.post(f"/coordination/partners/{scene['spare']}/delete", data={})
    assert answer.status_code == 302
    with app.app_context():
        assert db.session.get(Partner, scene["spare"]) is not None


def test_the_partner_page_offers_removal_only_without_activities(app, client, auth, scene):
    auth.login("manager")
    busy = client.get(f"/coordination/partners/{scene['iom']}").get_data(as_text=True)
    assert "first remove its activity" in busy and "Remove this partner" not in busy
    free = client.get(f"/coordination/partners/{scene['spare']}").get_data(as_text=True)
    assert "Remove this partner" in free
    # A page opened before the activity was recorded still cannot remove the partner.
    answer = client.post(
        f"/coordination/partners/{scene['iom']}/delete",
        data={"version": "1"},
        follow_redirects=True,
    )
    assert "1 activity still names this partner" in answer.get_data(as_text=True)
    with app.app_context():
        assert db.session.get(Partner, scene["iom"]) is not None
    answer = client.post(
        f"/coordination/partners/{scene['spare']}/delete",
        data={"version": "1"},
        follow_redirects=True,
    )
    assert "The partner Typed twice is removed." in answer.get_data(as_text=True)


def test_a_viewer_sees_no_removal_and_is_refused_it(app, client, auth, scene):
    auth.login("viewer")
    page = client.get(f"/coordination/partners/{scene['spare']}").get_data(as_text=True)
    assert "Remove this partner" not in page
    for path in (
        f"/coordination/partners/{scene['spare']}/delete",
        f"/coordination/activities/{scene['activity']}/delete",
        f"/coordination/assessments/{scene['latest']}/delete",
    ):
        assert client.post(path, data={"version": "1"}).status_code == 403, path
    with app.app_context():
        assert db.session.get(Partner, scene["spare"]) is not None


def test_removal_speaks_french(app, client, auth, scene):
    auth.login("manager")
    client.post("/language", data={"language": "fr"})
    page = client.get(f"/coordination/partners/{scene['iom']}").get_data(as_text=True)
    assert "supprimez d’abord son activité" in page
    answer = client.post(
        f"/coordination/partners/{scene['iom']}/delete",
        data={"version": "1"},
        follow_redirects=True,
    )
    assert "1 activité nomme encore ce partenaire" in answer.get_data(as_text=True)
    page = client.get(f"/coordination/activities/{scene['activity']}/edit").get_data(as_text=True)
    assert "Supprimer cette activité" in page
