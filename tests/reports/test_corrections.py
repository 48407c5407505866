"""Corrections of an issued month: what was entered after the issue about that month."""

from datetime import UTC, date, datetime

from roadmap.reports.corrections import corrections

from .entries import entry

ISSUED = datetime(2026, 9, 2, 9, tzinfo=UTC)
AUGUST_END = datetime(2026, 9, 1, tzinfo=UTC)
ROWS = {
    "border_post": {7: {"id": 7, "name": "Gaya"}},
    "post_update": {30: {"id": 30, "post_id": 7}},
    "milestone": {1: {"id": 1, "title": "Mapping report"}},
}


def test_late_news_about_the_month_entered_after_the_issue_is_a_correction():
    late = datetime(2026, 10, 14, 10, tzinfo=UTC)
    entries = [
        entry(1, late, "border_post", 7, {"stage": ["designed", "procured"]}, date(2026, 8, 12)),
        entry(
            2,
            late,
            "post_update",
            30,
            {"stage": [None, "procured"], "post_id": [None, 7]},
            date(2026, 8, 12),
            action="create",
        ),
    ]
    found = corrections(entries, ROWS, ISSUED, AUGUST_END)
    stage = found[0]
    assert (stage["what"], stage["field"], stage["old"], stage["new"]) == (
        "Gaya",
        "stage",
        "designed",
        "procured",
    )
    assert stage["effective_on"] == date(2026, 8, 12) and stage["entered_at"] == late
    assert stage["by"] == "Amina"
    # The update that moved the post is told once, by the post's own change.
    assert len(found) == 1


def test_late_news_that_a_later_fact_overtook_is_told_by_its_own_values():
    late = datetime(2026, 10, 14, 10, tzinfo=UTC)
    entries = [
        entry(
            2,
            late,
            "post_update",
            30,
            {
                "stage": [None, "designed"],
                "progress": [None, 0],
                "post_id": [None, 7],
                "comment": [None, "Visit"],
            },
            date(2026, 8, 12),
            action="create",
        ),
    ]
    found = corrections(entries, ROWS, ISSUED, AUGUST_END)
    assert [(c["entity"], c["what"], c["field"], c["new"]) for c in found] == [
        ("post_update", "Gaya", "stage", "designed"),
        ("post_update", "Gaya", "progress", 0),
    ]


def test_news_of_a_later_month_or_entered_before_the_issue_is_not():
    entries = [
        entry(1, datetime(2026, 9, 20, tzinfo=UTC), "milestone", 1, {"percent_complete": [40, 50]}),
        entry(2, datetime(2026, 8, 30, tzinfo=UTC), "milestone", 1, {"percent_complete": [30, 40]}),
    ]
    assert corrections(entries, ROWS, ISSUED, AUGUST_END) == []


def test_bookkeeping_fields_are_not_listed():
    late = datetime(2026, 10, 1, tzinfo=UTC)
    entries = [
        entry(
            1,
            late,
            "milestone",
            1,
            {"pushed_by_id": [None, 4], "percent_complete": [40, 60]},
            date(2026, 8, 20),
        ),
    ]
    assert [c["field"] for c in corrections(entries, ROWS, ISSUED, AUGUST_END)] == [
        "percent_complete"
    ]
