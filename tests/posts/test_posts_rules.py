"""The stage and progress rules, tested on plain values."""

from datetime import date

import pytest

from roadmap.posts import rules

TODAY = date(2026, 8, 15)


def problems(**overrides):
    values = dict(
        old_stage="designed",
        old_progress=0,
        new_stage="procured",
        new_progress=0,
        on=TODAY,
        today=TODAY,
        reason="",
    )
    values.update(overrides)
    return rules.update_problems(**values)


def test_a_forward_update_today_is_sound():
    assert problems() == {}


def test_the_date_may_be_in_the_past_but_not_the_future():
    assert problems(on=date(2026, 5, 1)) == {}
    assert "date" in problems(on=date(2026, 8, 16))
    assert "date" in problems(on=None)


@pytest.mark.parametrize(
    ("stage", "progress", "field"),
    [
        ("completed", 90, "progress"),
        ("handed_over", 0, "progress"),
        ("works_in_progress", 100, "stage"),
        ("identified", 100, "stage"),
        ("works_in_progress", 101, "progress"),
        ("works_in_progress", -1, "progress"),
    ],
)
def test_full_progress_and_completed_go_together(stage, progress, field):
    found = rules.consistency_problems(stage, progress)
    assert list(found) == [field]


@pytest.mark.parametrize(
    ("stage", "progress"),
    [("completed", 100), ("handed_over", 100), ("works_in_progress", 99), ("identified", 0)],
)
def test_consistent_pairs(stage, progress):
    assert rules.consistency_problems(stage, progress) == {}


def test_moving_backwards_needs_a_reason():
    back = dict(
        old_stage="works_in_progress", old_progress=40, new_stage="procured", new_progress=0
    )
    assert "reason" in problems(**back)
    assert "reason" in problems(**back, reason="   ")
    assert problems(**back, reason="Contract cancelled; new tender") == {}


def test_lower_progress_is_moving_backwards():
    lower = dict(
        old_stage="works_in_progress",
        old_progress=40,
        new_stage="works_in_progress",
        new_progress=30,
    )
    assert "reason" in problems(**lower)
    assert rules.moves_backwards("works_in_progress", 40, "works_in_progress", 40) is False


def test_unknown_stage():
    assert "stage" in problems(new_stage="demolished")


def test_stage_order():
    assert rules.stage_index("identified") < rules.stage_index("works_in_progress")
    assert rules.stage_index("completed") < rules.stage_index("handed_over")


def test_state_before_takes_the_latest_update_on_or_before_the_date():
    updates = [
        (date(2026, 3, 1), "identified", 0),
        (date(2026, 4, 1), "assessed", 0),
        (date(2026, 4, 1), "designed", 0),
        (date(2026, 6, 1), "works_in_progress", 30),
    ]
    current = ("works_in_progress", 30)
    assert rules.state_before(updates, date(2026, 5, 1), current) == ("designed", 0)
    assert rules.state_before(updates, date(2026, 6, 1), current) == ("works_in_progress", 30)
    assert rules.state_before(updates, date(2026, 1, 1), current) == ("identified", 0)
    assert rules.state_before([], date(2026, 1, 1), current) == current


def test_only_the_latest_dated_update_becomes_current():
    updates = [(date(2026, 3, 1), "identified", 0), (date(2026, 6, 1), "assessed", 0)]
    assert rules.becomes_current(updates, date(2026, 6, 1))
    assert rules.becomes_current(updates, date(2026, 7, 1))
    assert not rules.becomes_current(updates, date(2026, 5, 1))
    assert rules.becomes_current([], date(2026, 5, 1))
