"""The results framework's rules, tested against its commands without HTTP."""

from datetime import date

import pytest
from sqlalchemy import select

from roadmap.auth.models import User
from roadmap.commands import Invalid, NotAllowed, Stale
from roadmap.extensions import db
from roadmap.history import HistoryEntry
from roadmap.results import commands
from tests import factories

TODAY = date(2026, 8, 15)
Q1, Q2 = date(2026, 3, 1), date(2026, 6, 1)


def account(role: str) -> User:
    return db.session.scalar(select(User).filter_by(email=f"{role}@example.org"))


@pytest.fixture
def ctx(app):
    """Yield a request context with the project, a split indicator and the accounts."""
    with app.test_request_context():
        factories.project()
        indicator = factories.indicator(by_sex=True, by_country=True)
        db.session.commit()
        yield {"indicator": indicator, "manager": account("manager"), "viewer": account("viewer")}


def record(ctx, period=Q1, **values):
    return commands.record_actual(ctx["indicator"], period, values, by=ctx["manager"], today=TODAY)


def test_an_actual_is_recorded_with_its_split_and_history(ctx):
    actual = record(
        ctx,
        value=18,
        effective_on=date(2026, 5, 31),
        source="Attendance sheets",
        breakdown={"sex": {"female": 8, "male": 10}, "country": {"NER": 18}},
    )
    db.session.commit()
    assert actual.breakdown == {"sex": {"female": 8.0, "male": 10.0}, "country": {"NER": 18.0}}
    entry = db.session.scalar(select(HistoryEntry).filter_by(entity="indicator_actual"))
    assert entry.action == "create"
    assert entry.effective_on == date(2026, 5, 31)


def test_a_split_that_does_not_add_up_is_refused_by_its_field(ctx):
    with pytest.raises(Invalid) as refused:
        record(ctx, value=18, breakdown={"sex": {"female": 8, "male": 9}})
    assert list(refused.value.errors) == ["breakdown_sex"]
    assert "17" in refused.value.errors["breakdown_sex"][0]
    db.session.rollback()
    assert ctx["indicator"].actuals == []


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"value": None}, "value"),
        ({"value": "many"}, "value"),
        ({"value": -1}, "value"),
        ({"value": 3, "effective_on": date(2026, 9, 1)}, "effective_on"),
        ({"value": 3, "effective_on": date(2025, 1, 1)}, "effective_on"),
    ],
)
def test_bad_actuals_are_refused_by_their_field(ctx, values, field):
    with pytest.raises(Invalid) as refused:
        record(ctx, **values)
    assert list(refused.value.errors) == [field]


def test_an_actual_belongs_to_one_of_the_periods(ctx):
    with pytest.raises(Invalid) as refused:
        record(ctx, period=date(2026, 4, 1), value=3)
    assert list(refused.value.errors) == ["period_start"]


def test_a_percentage_lies_between_0_and_100(ctx):
    indicator = ctx["indicator"]
    with pytest.raises(Invalid) as refused:
        commands.update_indicator(
            indicator,
            {"unit": "percentage", "baseline_value": 140},
            by=ctx["manager"],
            expected_version=indicator.version,
        )
    assert list(refused.value.errors) == ["baseline_value"]


def test_a_computed_indicator_takes_no_typed_actual(ctx):
    indicator = ctx["indicator"]
    commands.update_indicator(
        indicator, {"source": "posts_handed_over"}, by=ctx["manager"], expected_version=1
    )
    with pytest.raises(Invalid):
        record(ctx, value=3)


def test_a_stale_edit_is_refused(ctx):
    indicator = ctx["indicator"]
    commands.update_indicator(indicator, {"title_en": "New"}, by=ctx["manager"], expected_version=1)
    db.session.commit()
    with pytest.raises(Stale):
        commands.update_indicator(
            indicator, {"title_en": "Newer"}, by=ctx["manager"], expected_version=1
        )


def test_a_stale_actual_correction_is_refused(ctx):
    record(ctx, value=3)
    db.session.commit()
    with pytest.raises(Stale):
        commands.record_actual(
            ctx["indicator"], Q1, {"value": 4}, by=ctx["manager"], today=TODAY, expected_version=7
        )


def test_a_viewer_changes_nothing(ctx):
    with pytest.raises(NotAllowed):
        commands.set_target(ctx["indicator"], Q2, 20, by=ctx["viewer"])
    with pytest.raises(NotAllowed):
        commands.record_actual(ctx["indicator"], Q1, {"value": 3}, by=ctx["viewer"], today=TODAY)


def test_targets_are_set_changed_and_removed(ctx):
    indicator = ctx["indicator"]
    target = commands.set_target(indicator, Q2, 20, by=ctx["manager"])
    db.session.commit()
    commands.set_target(indicator, Q2, 25, by=ctx["manager"], expected_version=target.version)
    db.session.commit()
    assert [t.value for t in indicator.targets] == [25.0]
    commands.set_target(indicator, Q2, None, by=ctx["manager"], expected_version=target.version)
    db.session.commit()
    assert indicator.targets == []


def test_codes_are_unique(ctx):
    result = ctx["indicator"].result
    with pytest.raises(Invalid) as refused:
        commands.create_indicator(result, {"code": "1.1", "title_en": "Again"}, by=ctx["manager"])
    assert list(refused.value.errors) == ["code"]
