"""The coordination's commands: what they refuse, with a message by the field, and what they record."""

from datetime import date

import pytest

from roadmap.commands import Invalid, NotAllowed, Stale
from roadmap.coordination import commands, loading
from roadmap.coordination.vocab import DEFAULT_WEIGHTS
from roadmap.extensions import db
from roadmap.history import HistoryEntry
from roadmap.schedule.models import Project
from tests import factories

TODAY = date(2026, 8, 15)
SCORES = factories.SCORES


def users():
    from roadmap.auth.models import User

    return {u.role: u for u in db.session.scalars(db.select(User))}


def partner_values(**changes):
    return {
        "name": "United Nations Office on Drugs and Crime",
        "acronym": "UNODC",
        "org_type": "40",
        "country": "",
        "iati_ref": "",
        "contact": "Dakar",
        "website": "https://www.unodc.org",
        "participates": False,
    } | changes


def test_a_partner_is_registered_with_its_history(app):
    with app.app_context():
        partner = commands.create_partner(partner_values(), by=users()["manager"])
        db.session.commit()
        assert partner.country is None and partner.iati_ref is None
        entry = db.session.scalar(db.select(HistoryEntry).where(HistoryEntry.entity == "partner"))
        assert entry.action == "create" and entry.changes["name"][1].startswith("United")


@pytest.mark.parametrize(
    "changes, field",
    [
        ({"name": " "}, "name"),
        ({"org_type": "99"}, "org_type"),
        ({"country": "XXX"}, "country"),
        ({"website": "www.unodc.org"}, "website"),
        ({"website": "javascript:alert(1)"}, "website"),
        ({"acronym": "x" * 41}, "acronym"),
    ],
)
def test_a_bad_partner_is_refused_by_the_field(app, changes, field):
    with app.app_context():
        with pytest.raises(Invalid) as refused:
            commands.create_partner(partner_values(**changes), by=None)
        assert list(refused.value.errors) == [field]


def test_a_partner_name_is_taken_once_and_a_viewer_changes_nothing(app):
    with app.app_context():
        commands.create_partner(partner_values(), by=None)
        db.session.flush()
        with pytest.raises(Invalid) as refused:
            commands.create_partner(partner_values(), by=None)
        assert "already" in refused.value.errors["name"][0]
        with pytest.raises(NotAllowed):
            commands.create_partner(partner_values(name="Other"), by=users()["viewer"])


def test_a_stale_partner_edit_is_refused(app):
    with app.app_context():
        partner = factories.partner()
        db.session.commit()
        commands.update_partner(partner, {"contact": "Niamey"}, by=None, expected_version=1)
        db.session.commit()
        with pytest.raises(Stale):
            commands.update_partner(partner, {"contact": "Dakar"}, by=None, expected_version=1)


def test_an_activity_takes_its_posts_country_and_refuses_a_period_ending_first(app):
    with app.app_context():
        partner, post = factories.partner(), factories.border_post()
        values = {
            "partner_id": partner.id,
            "sector": "equipment",
            "post_id": post.id,
            "country": "MLI",
            "status": "ongoing",
            "start_date": date(2026, 6, 1),
            "end_date": date(2026, 9, 1),
        }
        activity = commands.create_activity(values, by=None)
        db.session.flush()
        assert activity.country == "NER"
        with pytest.raises(Invalid) as refused:
            commands.create_activity(values | {"end_date": date(2026, 5, 1)}, by=None)
        assert list(refused.value.errors) == ["end_date"]
        with pytest.raises(Invalid) as refused:
            commands.create_activity(
                values | {"post_id": None, "country": None, "sector": "bridges"}, by=None
            )
        assert set(refused.value.errors) == {"sector", "country"}


def test_bad_scores_are_refused_each_by_its_field(app):
    with app.app_context(), app.test_request_context():
        post = factories.border_post()
        with pytest.raises(Invalid) as refused:
            commands.record_assessment(
                post,
                {
                    "assessed_on": date(2026, 5, 1),
                    "assessor": "Team",
                    "scores": SCORES | {"traffic": 7, "security": None},
                },
                by=None,
                today=TODAY,
            )
        errors = refused.value.errors
        assert set(errors) == {"score_traffic", "score_security"}
        assert "1 to 5" in errors["score_traffic"][0]


def test_an_assessment_sets_the_posts_priority_and_a_correction_checks_the_version(app):
    with app.app_context():
        post = factories.border_post(priority="low")
        db.session.commit()
        assessment = commands.record_assessment(
            post,
            {
                "assessed_on": date(2026, 5, 1),
                "assessor": "Team",
                "scores": dict.fromkeys(SCORES, 5),
                "needs": ["training", "equipment"],
            },
            by=None,
            today=TODAY,
        )
        db.session.commit()
        assert assessment.needs == ["equipment", "training"]  # in the sectors' order
        row = loading.priorities_by_post()[post.id]
        assert (row["score"], row["priority"], row["rank"]) == (5.0, "high", 1)
        with pytest.raises(Stale):
            commands.update_assessment(
                assessment, {"comment": "x"}, by=None, expected_version=0, today=TODAY
            )
        with pytest.raises(Invalid) as refused:
            commands.update_assessment(
                assessment,
                {"assessed_on": date(2026, 9, 1)},
                by=None,
                expected_version=assessment.version,
                today=TODAY,
            )
        assert list(refused.value.errors) == ["assessed_on"]


def test_weights_are_the_administrators_and_must_add_up_to_100(app):
    with app.app_context():
        project = factories.project()
        db.session.commit()
        with pytest.raises(NotAllowed):
            commands.set_weights(
                project, DEFAULT_WEIGHTS, by=users()["manager"], expected_version=1
            )
        with pytest.raises(Invalid) as refused:
            commands.set_weights(
                project, DEFAULT_WEIGHTS | {"traffic": 35}, by=None, expected_version=1
            )
        assert "110" in refused.value.errors["traffic"][0]
        with pytest.raises(Invalid) as refused:
            commands.set_weights(
                project,
                DEFAULT_WEIGHTS | {"equipment": -15, "traffic": 55},
                by=None,
                expected_version=1,
            )
        assert list(refused.value.errors) == ["equipment"]
        weights = dict.fromkeys(DEFAULT_WEIGHTS, 0) | {"security": 100}
        commands.set_weights(project, weights, by=users()["admin"], expected_version=1)
        db.session.commit()
        assert Project.current().assessment_weights["security"] == 100
        assert loading.weights()["security"] == 100
        with pytest.raises(Stale):
            commands.set_weights(project, DEFAULT_WEIGHTS, by=None, expected_version=1)


def test_the_ranking_follows_the_weights_and_the_overrides(app):
    with app.app_context():
        project = factories.project()
        busy = factories.border_post(name="Busy", latitude=12.9)
        unsafe = factories.border_post(name="Unsafe", latitude=13.0)
        quiet = factories.border_post(name="Quiet", latitude=13.1)
        factories.assessment(busy, scores=SCORES | {"traffic": 5, "security": 1})
        factories.assessment(unsafe, scores=SCORES | {"traffic": 1, "security": 5})
        factories.assessment(quiet, scores=dict.fromkeys(SCORES, 1))
        db.session.commit()

        def order():
            return [row["name"] for row in loading.priorities()]

        commands.set_weights(
            project,
            dict.fromkeys(SCORES, 0) | {"traffic": 60, "security": 40},
            by=None,
            expected_version=project.version,
        )
        db.session.commit()
        assert order() == ["Busy", "Unsafe", "Quiet"]
        commands.set_weights(
            project,
            dict.fromkeys(SCORES, 0) | {"traffic": 40, "security": 60},
            by=None,
            expected_version=project.version,
        )
        db.session.commit()
        assert order() == ["Unsafe", "Busy", "Quiet"]

        with pytest.raises(Invalid) as refused:
            commands.override_rank(quiet, 1, " ", by=None)
        assert list(refused.value.errors) == ["reason"]
        with pytest.raises(Invalid) as refused:
            commands.override_rank(quiet, "0", "Why", by=None)
        assert list(refused.value.errors) == ["rank"]
        commands.override_rank(quiet, 1, "The governments chose it first.", by=None)
        db.session.commit()
        assert order() == ["Quiet", "Unsafe", "Busy"]
        row = loading.priorities_by_post()[quiet.id]
        assert row["overridden"] and row["override_reason"].startswith("The governments")
        entry = db.session.scalar(
            db.select(HistoryEntry).where(HistoryEntry.entity == "post_rank_override")
        )
        assert entry.reason == "The governments chose it first."
        with pytest.raises(Stale):
            commands.override_rank(quiet, 2, "Later", by=None, expected_version=0)
        commands.override_rank(quiet, None, "Back to its score", by=None, expected_version=1)
        db.session.commit()
        assert order() == ["Unsafe", "Busy", "Quiet"]
