"""Outcomes: milestone links, stale edits, follow-up notes, overdue and the summary."""

from datetime import date

from roadmap.extensions import db
from roadmap.history import HistoryEntry
from roadmap.schedule.models import Milestone
from roadmap.workshops.models import Outcome, OutcomeNote
from roadmap.workshops.summary import followup_summary
from tests import factories

TODAY = date(2026, 8, 15)  # TestingConfig pins ROADMAP_TODAY to this date


def outcome_data(**changes):
    data = {
        "kind": "recommendation",
        "text": "Designate national focal points.",
        "responsible": "Government of Mali",
        "due_date": "2026-08-31",
        "status": "not_started",
    }
    data.update(changes)
    return data


def note_data(outcome_id, version, **changes):
    data = {
        "date": "2026-08-12",
        "status": "completed",
        "text": "Focal points named.",
        "version": str(version),
    }
    data.update(changes)
    return {f"note-{outcome_id}-{key}": value for key, value in data.items()}


def test_milestone_links_show_in_both_directions(app):
    with app.app_context():
        workshop = factories.workshop()
        stream = factories.workstream()
        first = factories.milestone(
            stream, "National follow-up meetings", date(2026, 9, 1), date(2026, 9, 30)
        )
        second = factories.milestone(
            stream, "Rehabilitation designs", date(2026, 8, 1), date(2026, 9, 30)
        )
        outcome = factories.outcome(workshop)
        outcome.milestones = [first, second]
        db.session.commit()
        db.session.expire_all()
        outcome = db.session.get(Outcome, outcome.id)
        # ordered by the milestones' current start
        assert [m.title for m in outcome.milestones] == [
            "Rehabilitation designs",
            "National follow-up meetings",
        ]
        assert [o.id for o in db.session.get(Milestone, first.id).outcomes] == [outcome.id]
        assert [o.id for o in db.session.get(Milestone, second.id).outcomes] == [outcome.id]
        # linking from the milestone's side shows on the outcome too
        other = factories.outcome(workshop, text="Share the designs.")
        db.session.get(Milestone, first.id).outcomes.append(other)
        db.session.commit()
        db.session.expire_all()
        assert [m.id for m in db.session.get(Outcome, other.id).milestones] == [first.id]
        assert sorted(o.id for o in db.session.get(Milestone, first.id).outcomes) == sorted(
            [outcome.id, other.id]
        )


def test_manager_adds_an_outcome_linked_to_milestones(app, client, auth):
    with app.app_context():
        workshop_id = factories.workshop().id
        milestone_id = factories.milestone(title="National follow-up meetings").id
        db.session.commit()
    auth.login("manager")
    form = client.get(f"/workshops/{workshop_id}/outcomes/new").get_data(as_text=True)
    assert "National follow-up meetings" in form
    response = client.post(
        f"/workshops/{workshop_id}/outcomes/new", data=outcome_data(milestones=[str(milestone_id)])
    )
    assert response.status_code == 302
    with app.app_context():
        outcome = db.session.scalar(db.select(Outcome))
        assert [m.id for m in outcome.milestones] == [milestone_id]
        assert [o.id for o in db.session.get(Milestone, milestone_id).outcomes] == [outcome.id]
    page = client.get(f"/workshops/{workshop_id}").get_data(as_text=True)
    assert f'href="/milestones/{milestone_id}"' in page
    assert "Government of Mali" in page


def test_outcome_refuses_an_unknown_milestone(app, client, auth):
    with app.app_context():
        workshop_id = factories.workshop().id
        db.session.commit()
    auth.login("manager")
    response = client.post(
        f"/workshops/{workshop_id}/outcomes/new", data=outcome_data(milestones=["999"])
    )
    assert response.status_code == 200
    with app.app_context():
        assert db.session.scalar(db.select(db.func.count(Outcome.id))) == 0


def test_editing_milestone_links_is_recorded_in_history(app, client, auth):
    with app.app_context():
        outcome_id = factories.outcome().id
        milestone_id = factories.milestone().id
        db.session.commit()
    auth.login("manager")
    response = client.post(
        f"/workshops/outcomes/{outcome_id}/edit",
        data=outcome_data(responsible="IOM", milestones=[str(milestone_id)], version="1"),
    )
    assert response.status_code == 302
    with app.app_context():
        entries = db.session.scalars(
            db.select(HistoryEntry).where(
                HistoryEntry.entity == "outcome", HistoryEntry.action == "update"
            )
        ).all()
        changes = {key: value for entry in entries for key, value in entry.changes.items()}
        assert changes["milestones"] == [[], [milestone_id]]
        assert changes["text"] == ["Designate focal points.", "Designate national focal points."]


def test_stale_outcome_edit_gets_409_and_writes_nothing(app, client, auth):
    with app.app_context():
        outcome_id = factories.outcome().id
        db.session.commit()
    auth.login("manager")
    form = client.get(f"/workshops/outcomes/{outcome_id}/edit").get_data(as_text=True)
    assert 'name="version" type="hidden" value="1"' in form
    # someone else saves first
    first = client.post(
        f"/workshops/outcomes/{outcome_id}/edit",
        data=outcome_data(status="in_progress", version="1"),
    )
    assert first.status_code == 302
    stale = client.post(
        f"/workshops/outcomes/{outcome_id}/edit",
        data=outcome_data(status="discontinued", text="Changed", version="1"),
    )
    assert stale.status_code == 409
    assert "Changed by someone else" in stale.get_data(as_text=True)
    with app.app_context():
        outcome = db.session.get(Outcome, outcome_id)
        assert (outcome.status, outcome.text, outcome.version) == (
            "in_progress",
            "Designate national focal points.",
            2,
        )


def test_note_sets_the_status_and_the_summary_figure(app, client, auth):
    with app.app_context():
        workshop = factories.workshop()
        outcome_id = factories.outcome(workshop, status="in_progress").id
        factories.outcome(workshop, text="Hold a meeting.", status="in_progress")
        factories.outcome(workshop, text="Dropped.", status="discontinued")
        workshop_id = workshop.id
        db.session.commit()
        assert followup_summary(TODAY)["implemented_percent"] == 0.0
    auth.login("manager")
    response = client.post(f"/workshops/outcomes/{outcome_id}/notes", data=note_data(outcome_id, 1))
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"#outcome-{outcome_id}")
    with app.app_context():
        outcome = db.session.get(Outcome, outcome_id)
        assert outcome.status == "completed"
        [note] = outcome.notes
        assert (note.date, note.status, note.text) == (
            date(2026, 8, 12),
            "completed",
            "Focal points named.",
        )
        assert note.author.email == "manager@example.org"
        summary = followup_summary(TODAY)
        # 1 completed of the 2 not discontinued
        assert summary["implemented_percent"] == 50.0
        assert summary["by_status"]["completed"] == 1
        entities = {e.entity for e in db.session.scalars(db.select(HistoryEntry)).all()}
        assert {"outcome", "outcome_note"} <= entities
    page = client.get(f"/workshops/{workshop_id}").get_data(as_text=True)
    assert "Focal points named." in page
    assert "Implemented: 50%" in page


def test_note_without_text_or_in_the_future_is_refused(app, client, auth):
    with app.app_context():
        outcome_id = factories.outcome().id
        db.session.commit()
    auth.login("manager")
    response = client.post(
        f"/workshops/outcomes/{outcome_id}/notes",
        data=note_data(outcome_id, 1, text="", date="2026-08-16"),
    )
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert "cannot be dated in the future" in html
    assert f'id="note-{outcome_id}-text-error"' in html
    with app.app_context():
        assert db.session.get(Outcome, outcome_id).status == "not_started"
        assert db.session.scalar(db.select(db.func.count(OutcomeNote.id))) == 0


def test_note_on_a_stale_outcome_gets_409(app, client, auth):
    with app.app_context():
        outcome_id = factories.outcome().id
        db.session.commit()
    auth.login("manager")
    assert (
        client.post(
            f"/workshops/outcomes/{outcome_id}/notes",
            data=note_data(outcome_id, 1, status="in_progress"),
        ).status_code
        == 302
    )
    response = client.post(
        f"/workshops/outcomes/{outcome_id}/notes",
        data=note_data(outcome_id, 1, status="discontinued"),
    )
    assert response.status_code == 409
    with app.app_context():
        assert db.session.get(Outcome, outcome_id).status == "in_progress"
        assert db.session.scalar(db.select(db.func.count(OutcomeNote.id))) == 1


def test_overdue_outcomes_are_flagged_in_words(app, client, auth):
    with app.app_context():
        workshop = factories.workshop()
        late = factories.outcome(
            workshop, text="Late one.", due_date=date(2026, 8, 5), status="constrained"
        )
        factories.outcome(workshop, text="Done one.", due_date=date(2026, 8, 1), status="completed")
        factories.outcome(
            workshop, text="Dropped one.", due_date=date(2026, 8, 1), status="discontinued"
        )
        factories.outcome(workshop, text="Due today.", due_date=TODAY, status="in_progress")
        factories.outcome(workshop, text="No date.", due_date=None)
        db.session.commit()
        workshop_id, late_id = workshop.id, late.id
        summary = followup_summary(TODAY)
        assert summary["total"] == 5
        assert summary["overdue_count"] == 1
        [row] = summary["overdue"]
        assert (row["id"], row["days_overdue"], row["workshop_title"]) == (
            late_id,
            10,
            "Regional workshop",
        )
        # 1 completed of the 4 not discontinued
        assert summary["implemented_percent"] == 25.0
    auth.login("viewer")
    html = client.get(f"/workshops/{workshop_id}").get_data(as_text=True)
    assert html.count("Overdue by") == 1
    assert "Overdue by 10 days" in html
    assert "1 outcome is overdue." in html
    assert '<span aria-hidden="true">⚠</span>' in html
    start = html.index(f'id="outcome-{late_id}"')
    assert "outcome-overdue" in html[start : start + 120]
    assert html.count("outcome-overdue") == 1


def test_summary_of_nothing(app):
    with app.app_context():
        summary = followup_summary(TODAY)
    assert summary["total"] == 0
    assert summary["implemented_percent"] is None
    assert summary["overdue"] == []


def test_followup_command(app, runner):
    with app.app_context():
        factories.outcome(due_date=date(2026, 8, 1))
        db.session.commit()
    result = runner.invoke(args=["followup"])
    assert result.exit_code == 0
    assert "overdue: 1" in result.output
    assert "14 days late" in result.output
