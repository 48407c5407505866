"""The effective date of a fact: given, not in the future, not before the project."""

from datetime import date

import pytest

from roadmap.effective import effective_problem

TODAY = date(2026, 10, 14)
START = date(2026, 3, 1)


@pytest.fixture
def context(app):
    with app.test_request_context():
        yield


def test_a_past_day_of_the_project_is_accepted(context):
    assert effective_problem(date(2026, 8, 12), TODAY, START) is None
    assert effective_problem(TODAY, TODAY, START) is None
    assert effective_problem(START, TODAY, START) is None


@pytest.mark.parametrize(
    ("day", "words"),
    [
        (date(2026, 10, 15), "future"),
        (date(2026, 2, 28), "before the project started"),
        (None, "YYYY-MM-DD"),
        ("2026-08-12", "YYYY-MM-DD"),
    ],
)
def test_a_wrong_day_is_refused_with_a_reason(context, day, words):
    assert words in effective_problem(day, TODAY, START)
