"""Three-way merge of a stale edit, field by field; and the signed starting values."""

from datetime import date
from decimal import Decimal

import pytest

from roadmap.merging import read_base, same, sign_base, three_way

BASE = {"title": "Mapping", "description": "Old", "percent_complete": 40}


def test_only_they_changed_a_field_keeps_theirs():
    merge = three_way(BASE, {**BASE, "title": "Mapping v2"}, {**BASE, "description": "New"})
    assert merge.clean
    assert merge.values == {"title": "Mapping v2", "description": "New", "percent_complete": 40}
    assert merge.theirs_kept == ["description"] and merge.mine_taken == ["title"]


def test_both_changed_a_field_differently_is_the_only_question():
    merge = three_way(
        BASE, {**BASE, "title": "Mine", "percent_complete": 50}, {**BASE, "title": "Theirs"}
    )
    assert merge.conflicts == ["title"]
    assert merge.values["percent_complete"] == 50 and "title" not in merge.values


def test_both_made_the_same_change_is_no_conflict():
    merge = three_way(BASE, {**BASE, "title": "Same"}, {**BASE, "title": "Same"})
    assert merge.clean and merge.values["title"] == "Same"


def test_a_field_without_a_starting_value_is_safe_only_when_equal():
    merge = three_way({}, {"title": "A", "owner": "X"}, {"title": "A", "owner": "Y"})
    assert merge.values == {"title": "A"} and merge.conflicts == ["owner"]


@pytest.mark.parametrize(
    ("form", "stored"),
    [
        ("", None),
        (Decimal("96500"), "96500.00"),
        (96500, Decimal("96500.00")),
        (date(2026, 8, 12), "2026-08-12"),
        ("  Gaya ", "Gaya"),
    ],
)
def test_a_form_value_and_its_stored_value_compare_equal(form, stored):
    assert same(form, stored)


def test_different_values_differ():
    assert not same("Gaya", "Gayá") and not same(40, 41) and not same(None, "x")


def test_the_starting_values_are_signed(app):
    with app.test_request_context():
        token = sign_base({"title": "Mapping", "current_end": date(2026, 9, 30)})
        assert read_base(token) == {"title": "Mapping", "current_end": "2026-09-30"}
        assert read_base(token[:-2] + "xx") is None
        assert read_base("") is None and read_base(None) is None
