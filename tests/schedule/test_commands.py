"""The schedule's rules, tested against its commands without HTTP."""

from datetime import date

import pytest
from sqlalchemy import select

from roadmap.auth.models import User
from roadmap.commands import Invalid, NotAllowed, Stale
from roadmap.extensions import db
from roadmap.history import HistoryEntry
from roadmap.schedule import commands
from roadmap.schedule.models import Milestone, MilestoneDependency
from tests.factories import dependency as link
from tests.factories import milestone as make_milestone
from tests.factories import project as make_project
from tests.factories import workstream as make_workstream

TODAY = date(2026, 8, 15)


@pytest.fixture
def ctx(app):
    """Yield a request context with a small chained schedule and the test accounts."""
    with app.test_request_context():
        project = make_project()
        stream = make_workstream(project)
        first = make_milestone(stream, "Mapping", date(2026, 4, 1), date(2026, 4, 30))
        second = make_milestone(stream, "Works", date(2026, 5, 6), date(2026, 6, 30))
        third = make_milestone(stream, "Hand-over", date(2026, 7, 1), date(2026, 7, 1))
        link(first, second, lag=5)
        link(second, third)
        db.session.commit()
        yield {
            "stream": stream,
            "first": first,
            "second": second,
            "third": third,
            "manager": user("manager"),
            "viewer": user("viewer"),
        }


def user(role: str) -> User:
    return db.session.scalar(select(User).filter_by(email=f"{role}@example.org"))


def entries(milestone) -> list[HistoryEntry]:
    return db.session.scalars(
        select(HistoryEntry)
        .filter_by(entity="milestone", entity_id=milestone.id)
        .order_by(HistoryEntry.id)
    ).all()


def new_values(ctx, **changes) -> dict:
    values = {
        "title": "Training of border officials",
        "workstream_id": ctx["stream"].id,
        "current_start": date(2026, 9, 1),
        "current_end": date(2026, 9, 30),
    }
    return {**values, **changes}


def test_create_milestone_cleans_its_values(ctx):
    item = commands.create_milestone(
        new_values(ctx, owner="  IOM Niger ", country="", description=None),
        by=ctx["manager"],
        today=TODAY,
    )
    db.session.commit()
    assert (item.owner, item.country, item.description) == ("IOM Niger", None, "")
    assert (item.status, item.percent_complete, item.baseline_start) == ("planned", 0, None)
    assert entries(item)[-1].action == "create"


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"current_end": date(2026, 8, 1)}, "current_end", "The end cannot be before the start."),
        (
            {"status": "done", "percent_complete": 90, "actual_start": date(2026, 8, 1)},
            "percent_complete",
            "A done milestone is 100 % complete.",
        ),
        ({"actual_start": date(2026, 9, 1)}, "actual_start", "cannot be in the future"),
        ({"actual_finish": date(2026, 8, 1)}, "actual_start", "must have started"),
    ],
)
def test_create_milestone_refuses_what_the_rules_refuse(ctx, changes, field, message):
    before = db.session.scalar(select(db.func.count(Milestone.id)))
    with pytest.raises(Invalid) as refused:
        commands.create_milestone(new_values(ctx, **changes), by=ctx["manager"], today=TODAY)
    assert any(message in text for text in refused.value.errors[field])
    assert db.session.scalar(select(db.func.count(Milestone.id))) == before


def test_a_viewer_cannot_change_the_schedule(ctx):
    with pytest.raises(NotAllowed):
        commands.create_milestone(new_values(ctx), by=ctx["viewer"], today=TODAY)
    with pytest.raises(NotAllowed):
        commands.set_baseline(by=ctx["viewer"])


def test_update_milestone_pushes_the_successors_and_keeps_the_reason_to_itself(ctx):
    first, second, third = ctx["first"], ctx["second"], ctx["third"]
    pushes = commands.update_milestone(
        first,
        {"current_end": date(2026, 5, 10)},
        by=ctx["manager"],
        expected_version=first.version,
        today=TODAY,
        reason="  Rains closed the road ",
    )
    db.session.commit()
    assert set(pushes) == {second.id, third.id}
    # 10 May + 5 days lag: the works start on 15 May, 55 days long as before.
    assert (second.current_start, second.current_end) == (date(2026, 5, 15), date(2026, 7, 9))
    assert (third.current_start, third.pushed_by_id) == (date(2026, 7, 9), second.id)
    assert second.pushed_by_id == first.id
    assert entries(first)[-1].reason == "Rains closed the road"
    assert entries(first)[-1].changes == {"current_end": ["2026-04-30", "2026-05-10"]}
    assert entries(second)[-1].reason == "" and "current_start" in entries(second)[-1].changes


def test_dates_set_by_hand_are_no_longer_pushed_ones(ctx):
    first, second = ctx["first"], ctx["second"]
    commands.update_milestone(
        first,
        {"current_end": date(2026, 5, 10)},
        by=ctx["manager"],
        expected_version=first.version,
        today=TODAY,
    )
    db.session.commit()
    commands.update_milestone(
        second,
        {"current_start": date(2026, 5, 20), "current_end": date(2026, 7, 20)},
        by=ctx["manager"],
        expected_version=second.version,
        today=TODAY,
    )
    db.session.commit()
    assert second.pushed_by_id is None


def test_a_change_that_moves_no_date_pushes_nothing(ctx):
    first = ctx["first"]
    pushes = commands.update_milestone(
        first,
        {"percent_complete": 30, "status": "in_progress", "actual_start": date(2026, 4, 1)},
        by=ctx["manager"],
        expected_version=first.version,
        today=TODAY,
    )
    db.session.commit()
    assert pushes == {}
    assert ctx["second"].current_start == date(2026, 5, 6)


def test_a_stale_version_is_refused_before_anything_changes(ctx):
    first = ctx["first"]
    with pytest.raises(Stale) as stale:
        commands.update_milestone(
            first,
            {"percent_complete": 50},
            by=ctx["manager"],
            expected_version=first.version + 1,
            today=TODAY,
        )
    assert stale.value.record is first
    assert first.percent_complete == 0 and not db.session.dirty


def test_a_done_milestone_must_be_complete_and_finished(ctx):
    first = ctx["first"]
    with pytest.raises(Invalid) as refused:
        commands.update_milestone(
            first,
            {"status": "done", "percent_complete": 80},
            by=ctx["manager"],
            expected_version=first.version,
            today=TODAY,
        )
    assert set(refused.value.errors) == {"percent_complete", "actual_finish"}
    assert first.status == "planned"


def test_a_cycle_is_refused_with_its_path(ctx):
    with pytest.raises(Invalid) as refused:
        commands.add_dependency(ctx["first"], ctx["third"].id, by=ctx["manager"])
    (message,) = refused.value.errors["predecessor_id"]
    assert "Hand-over → Mapping → Works → Hand-over" in message


@pytest.mark.parametrize(
    ("successor", "predecessor", "message"),
    [
        ("second", "first", "This dependency already exists."),
        ("first", "first", "A milestone cannot be its own predecessor."),
    ],
)
def test_a_dependency_twice_or_on_itself_is_refused(ctx, successor, predecessor, message):
    with pytest.raises(Invalid) as refused:
        commands.add_dependency(ctx[successor], ctx[predecessor].id, by=ctx["manager"])
    assert refused.value.errors == {"predecessor_id": [message]}


def test_a_new_dependency_pushes_its_successor(ctx):
    stream = ctx["stream"]
    late = make_milestone(stream, "Survey", date(2026, 6, 1), date(2026, 7, 10))
    pushes = commands.add_dependency(ctx["third"], late.id, lag_days=2, by=ctx["manager"])
    db.session.commit()
    assert set(pushes) == {ctx["third"].id}
    assert ctx["third"].current_start == date(2026, 7, 12)
    removed = db.session.scalar(select(MilestoneDependency).filter_by(predecessor_id=late.id))
    commands.remove_dependency(removed, by=ctx["manager"])
    db.session.commit()
    assert ctx["third"].current_start == date(2026, 7, 12)  # removing a link moves nothing


def test_the_first_baseline_needs_no_reason_and_a_new_one_does(ctx):
    assert commands.set_baseline(by=ctx["manager"]) == 3
    db.session.commit()
    assert entries(ctx["first"])[-1].reason == "First baseline"
    with pytest.raises(Invalid) as refused:
        commands.set_baseline(reason="  ", by=ctx["manager"])
    assert refused.value.errors == {"reason": ["Give the reason for changing the approved plan."]}
    commands.set_baseline(reason="Donor approved the new plan", by=ctx["manager"])
    db.session.commit()
    assert ctx["second"].baseline_end == ctx["second"].current_end


def test_a_reason_stays_with_its_own_change(ctx):
    first, second = ctx["first"], ctx["second"]
    commands.update_milestone(
        first,
        {"owner": "IOM"},
        by=ctx["manager"],
        expected_version=first.version,
        today=TODAY,
        reason="New owner",
    )
    commands.update_milestone(
        second,
        {"owner": "Ministry"},
        by=ctx["manager"],
        expected_version=second.version,
        today=TODAY,
    )
    db.session.commit()
    assert (entries(first)[-1].reason, entries(second)[-1].reason) == ("New owner", "")


def test_delete_milestone_takes_its_dependencies(ctx):
    commands.delete_milestone(ctx["second"], by=ctx["manager"])
    db.session.commit()
    assert db.session.scalar(select(db.func.count(MilestoneDependency.id))) == 0
