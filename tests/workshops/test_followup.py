"""The follow-up rules and the participation grid, on plain values."""

from datetime import date

import pytest

from roadmap.workshops.followup import days_overdue, implemented_share, is_overdue
from roadmap.workshops.participation import (
    cell_name,
    parse_count,
    parse_grid,
    participation_totals,
)

TODAY = date(2026, 8, 15)


@pytest.mark.parametrize(
    ("statuses", "expected"),
    [
        (["completed", "completed", "in_progress", "not_started"], 50.0),
        # discontinued leaves both sides: 1 completed of 2 still counted
        (["completed", "discontinued", "constrained"], 50.0),
        (["completed", "discontinued", "discontinued"], 100.0),
        (["in_progress", "constrained", "not_started"], 0.0),
        # nothing left to count: no figure rather than 0 % or 100 %
        (["discontinued", "discontinued"], None),
        ([], None),
    ],
)
def test_implemented_share(statuses, expected):
    assert implemented_share(statuses) == expected


def test_implemented_share_accepts_a_generator():
    statuses = (s for s in ["completed", "in_progress", "in_progress"])
    assert implemented_share(statuses) == pytest.approx(100 / 3)


@pytest.mark.parametrize(
    ("due", "status", "expected"),
    [
        (date(2026, 8, 14), "in_progress", True),
        (date(2026, 8, 14), "not_started", True),
        (date(2026, 8, 14), "constrained", True),
        (date(2026, 8, 14), "completed", False),
        (date(2026, 8, 14), "discontinued", False),
        # due today is not yet overdue
        (TODAY, "in_progress", False),
        (date(2026, 8, 16), "not_started", False),
        (None, "not_started", False),
    ],
)
def test_is_overdue(due, status, expected):
    assert is_overdue(due, status, TODAY) is expected


def test_days_overdue():
    assert days_overdue(date(2026, 8, 5), "in_progress", TODAY) == 10
    assert days_overdue(date(2026, 8, 5), "completed", TODAY) == 0
    assert days_overdue(None, "in_progress", TODAY) == 0


@pytest.mark.parametrize(
    ("raw", "value"), [("", 0), (None, 0), ("  ", 0), ("0", 0), ("12", 12), (" 7 ", 7)]
)
def test_parse_count_accepts_whole_numbers_and_blank_as_zero(raw, value):
    assert parse_count(raw) == (value, None)


@pytest.mark.parametrize("raw", ["-1", "-0", "1.5", "2,0", "3.", "abc", "1e3", "+4", "½", "１２"])
def test_parse_count_refuses_anything_else(raw):
    value, error = parse_count(raw)
    assert value is None
    assert error


def test_parse_count_messages_name_the_problem():
    assert "0 or more" in parse_count("-3")[1]
    assert "whole number" in parse_count("2.5")[1]
    assert "whole number" in parse_count("many")[1]


def test_parse_grid_reports_every_bad_cell():
    form = {
        cell_name("MLI", "government", "female"): "2",
        cell_name("MLI", "government", "male"): "-1",
        cell_name("NER", "iom", "female"): "1.5",
        cell_name("NER", "partner", "male"): "x",
    }
    counts, errors = parse_grid(form, ["MLI", "NER"])
    assert set(errors) == {
        ("MLI", "government", "male"),
        ("NER", "iom", "female"),
        ("NER", "partner", "male"),
    }
    assert counts[("MLI", "government", "female")] == 2
    # blank cells count as 0
    assert counts[("NER", "other", "male")] == 0
    assert len(counts) + len(errors) == 2 * 4 * 2


def test_participation_totals():
    totals = participation_totals(
        {
            ("MLI", "government", "female"): 2,
            ("MLI", "government", "male"): 6,
            ("NER", "government", "female"): 4,
            ("NER", "partner", "male"): 8,
            ("NER", "iom", "female"): 0,
        }
    )
    assert totals.total == 20
    assert totals.by_sex == {"female": 6, "male": 14}
    assert totals.by_country["NER"] == {"female": 4, "male": 8, "total": 12}
    assert totals.by_org_type["government"]["total"] == 12
    assert totals.by_country_org["NER"]["partner"] == 8
    assert totals.by_row[("MLI", "government")] == 8
    assert totals.women_share == 30.0
    assert totals.country_women_share("MLI") == 25.0
    assert totals.country_women_share("BFA") is None


def test_participation_totals_of_nobody():
    totals = participation_totals({})
    assert totals.total == 0
    assert totals.women_share is None
