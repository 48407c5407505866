"""The workshops' rules, tested against their commands without HTTP."""

from datetime import date

import pytest
from sqlalchemy import select

from roadmap.auth.models import User
from roadmap.commands import Invalid, NotAllowed, Stale
from roadmap.extensions import db
from roadmap.history import HistoryEntry
from roadmap.workshops import commands
from roadmap.workshops.models import Participation
from tests import factories

TODAY = date(2026, 8, 15)
NIAMEY = {
    "title": " Regional workshop ",
    "place": "Niamey",
    "country": "NER",
    "start_date": date(2026, 7, 29),
    "end_date": date(2026, 7, 30),
}


@pytest.fixture
def ctx(app):
    """Yield a request context with a workshop, an outcome, a milestone and the accounts."""
    with app.test_request_context():
        manager = account("manager")
        workshop = commands.create_workshop(NIAMEY, by=manager)
        db.session.commit()
        outcome = commands.create_outcome(
            workshop,
            {
                "kind": "recommendation",
                "text": "Designate focal points.",
                "responsible": "IOM",
                "due_date": date(2026, 8, 31),
                "status": "not_started",
            },
            by=manager,
        )
        db.session.commit()
        yield {
            "workshop": workshop,
            "outcome": outcome,
            "milestone": _milestone(),
            "manager": manager,
            "viewer": account("viewer"),
        }


def _milestone():
    item = factories.milestone(title="National follow-up meetings")
    db.session.commit()
    return item


def account(role: str) -> User:
    return db.session.scalar(select(User).filter_by(email=f"{role}@example.org"))


def test_a_workshop_is_stored_clean(ctx):
    workshop = ctx["workshop"]
    assert (workshop.title, workshop.organiser, workshop.summary) == ("Regional workshop", "", "")


def test_a_workshop_cannot_end_before_it_starts(ctx):
    workshop = ctx["workshop"]
    with pytest.raises(Invalid) as refused:
        commands.update_workshop(
            workshop,
            {"end_date": date(2026, 7, 1)},
            by=ctx["manager"],
            expected_version=workshop.version,
        )
    assert refused.value.errors == {"end_date": ["The end date cannot be before the start date."]}
    with pytest.raises(Stale):
        commands.update_workshop(
            workshop, {"place": "Dosso"}, by=ctx["manager"], expected_version=workshop.version + 1
        )


def test_participation_is_saved_against_the_counts_it_was_made_from(ctx):
    workshop = ctx["workshop"]
    version = commands.participation_version(workshop)
    counts = {("NER", "government", "female"): 7, ("NER", "government", "male"): 0}
    commands.save_participation(workshop, counts, by=ctx["manager"], expected_version=version)
    db.session.commit()
    rows = db.session.scalars(select(Participation)).all()
    assert [(row.sex, row.count) for row in rows] == [("female", 7)]  # a 0 adds no row
    with pytest.raises(Stale):  # the grid was made before those seven were counted
        commands.save_participation(workshop, counts, by=ctx["manager"], expected_version=version)


def test_a_note_moves_the_outcome_and_says_so(ctx):
    outcome = ctx["outcome"]
    moved = commands.add_note(
        outcome,
        on=date(2026, 8, 5),
        status="in_progress",
        text=" Focal points named in Niger ",
        by=ctx["manager"],
        expected_version=outcome.version,
        today=TODAY,
    )
    db.session.commit()
    assert moved and outcome.status == "in_progress"
    assert outcome.notes[0].text == "Focal points named in Niger"
    assert outcome.notes[0].author_id == ctx["manager"].id
    again = commands.add_note(
        outcome,
        on=TODAY,
        status="in_progress",
        text="Mali next",
        by=ctx["manager"],
        expected_version=outcome.version,
        today=TODAY,
    )
    assert again is False


def test_a_note_cannot_be_dated_in_the_future_nor_written_on_an_old_copy(ctx):
    outcome = ctx["outcome"]
    note = {"status": "completed", "text": "Done", "by": ctx["manager"], "today": TODAY}
    with pytest.raises(Invalid) as refused:
        commands.add_note(outcome, on=date(2026, 8, 16), expected_version=outcome.version, **note)
    assert refused.value.errors == {"date": ["A follow-up note cannot be dated in the future."]}
    with pytest.raises(Stale):
        commands.add_note(outcome, on=TODAY, expected_version=outcome.version + 1, **note)
    assert outcome.status == "not_started" and outcome.notes == []


def test_an_outcome_records_the_milestones_linked_to_it(ctx):
    outcome, milestone = ctx["outcome"], ctx["milestone"]
    commands.update_outcome(
        outcome,
        {"milestone_ids": [milestone.id]},
        by=ctx["manager"],
        expected_version=outcome.version,
    )
    db.session.commit()
    assert [m.id for m in outcome.milestones] == [milestone.id]
    assert outcome.version == 2  # a form opened before the link sees it was changed
    entry = db.session.scalars(
        select(HistoryEntry)
        .filter_by(entity="outcome", entity_id=outcome.id)
        .order_by(HistoryEntry.id.desc())
    ).first()
    assert entry.changes == {"milestones": [[], [milestone.id]]}


def test_a_viewer_cannot_follow_up(ctx):
    outcome = ctx["outcome"]
    with pytest.raises(NotAllowed):
        commands.add_note(
            outcome,
            on=TODAY,
            status="completed",
            text="Done",
            by=ctx["viewer"],
            expected_version=outcome.version,
            today=TODAY,
        )
