"""The as-of rebuild, on plain dicts: no database, no clock."""

from datetime import UTC, date, datetime
from decimal import Decimal

from roadmap.reports.snapshot import entries_between, last_reason, rebuild

JULY_END = datetime(2026, 8, 1, tzinfo=UTC)


def at(day, hour=12):
    return datetime(2026, 8 if day < 100 else 7, day % 100, hour, tzinfo=UTC)


def entry(n, when, entity, key, action, changes, reason=""):
    return {
        "id": n,
        "at": when,
        "entity": entity,
        "entity_id": key,
        "action": action,
        "changes": changes,
        "reason": reason,
    }


def current():
    return {
        "milestone": {
            1: {
                "id": 1,
                "title": "Mapping report",
                "current_end": date(2026, 9, 30),
                "status": "in_progress",
                "percent_complete": 60,
            },
        },
        "border_post": {
            7: {"id": 7, "name": "Gaya", "stage": "completed", "spent": Decimal("96500.00")},
            8: {"id": 8, "name": "Ayorou", "stage": "identified", "spent": None},
        },
    }


def test_updates_after_the_instant_are_undone_newest_first():
    entries = [
        entry(
            1,
            at(5),
            "milestone",
            1,
            "update",
            {"current_end": ["2026-08-31", "2026-09-15"], "percent_complete": [40, 50]},
        ),
        entry(
            2,
            at(20),
            "milestone",
            1,
            "update",
            {"current_end": ["2026-09-15", "2026-09-30"], "percent_complete": [50, 60]},
        ),
    ]
    state = rebuild(current(), entries, JULY_END)
    assert state["milestone"][1]["current_end"] == date(2026, 8, 31)
    assert state["milestone"][1]["percent_complete"] == 40


def test_changes_before_the_instant_stay():
    entries = [
        entry(1, at(115), "border_post", 7, "update", {"stage": ["works_in_progress", "completed"]})
    ]
    state = rebuild(current(), entries, JULY_END)
    assert state["border_post"][7]["stage"] == "completed"


def test_records_created_after_the_instant_do_not_exist():
    entries = [entry(1, at(3), "border_post", 8, "create", {"name": [None, "Ayorou"]})]
    state = rebuild(current(), entries, JULY_END)
    assert 8 not in state["border_post"]
    assert 7 in state["border_post"]


def test_deleted_records_come_back_with_their_types():
    entries = [
        entry(
            1,
            at(10),
            "border_post",
            9,
            "delete",
            {"name": ["Diffa", None], "stage": ["designed", None], "spent": ["1200.50", None]},
        )
    ]
    state = rebuild(current(), entries, JULY_END)
    assert state["border_post"][9] == {
        "id": 9,
        "name": "Diffa",
        "stage": "designed",
        "spent": Decimal("1200.50"),
    }


def test_a_record_created_then_deleted_later_is_absent():
    entries = [
        entry(1, at(2), "border_post", 9, "create", {"name": [None, "Diffa"]}),
        entry(2, at(9), "border_post", 9, "delete", {"name": ["Diffa", None]}),
    ]
    assert 9 not in rebuild(current(), entries, JULY_END)["border_post"]


def test_the_input_is_not_modified():
    rows = current()
    rebuild(
        rows,
        [entry(1, at(5), "milestone", 1, "update", {"status": ["planned", "in_progress"]})],
        JULY_END,
    )
    assert rows["milestone"][1]["status"] == "in_progress"


def test_same_instant_entries_are_undone_by_id():
    when = at(5)
    entries = [
        entry(2, when, "milestone", 1, "update", {"status": ["planned", "in_progress"]}),
        entry(1, when, "milestone", 1, "update", {"status": ["cancelled", "planned"]}),
    ]
    assert rebuild(current(), entries, JULY_END)["milestone"][1]["status"] == "cancelled"


def test_entries_between_and_last_reason():
    entries = [
        entry(
            1,
            at(110),
            "milestone",
            1,
            "update",
            {"current_end": ["2026-07-31", "2026-08-31"]},
            reason="Rains closed the road",
        ),
        entry(2, at(120), "milestone", 1, "update", {"percent_complete": [10, 20]}),
        entry(
            3,
            at(5),
            "milestone",
            1,
            "update",
            {"current_end": ["2026-08-31", "2026-09-30"]},
            reason="Contractor changed",
        ),
    ]
    july = entries_between(entries, datetime(2026, 7, 1, tzinfo=UTC), JULY_END, "milestone")
    assert [e["id"] for e in july] == [1, 2]
    assert last_reason(entries, "milestone", 1, JULY_END, "current_end") == "Rains closed the road"
    assert last_reason(entries, "milestone", 1, JULY_END, "title") == ""
    assert last_reason(entries, "milestone", 1, datetime(2026, 9, 1, tzinfo=UTC)) == (
        "Contractor changed"
    )


def test_last_reason_says_which_predecessor_pushed_the_dates():
    entries = [
        entry(1, at(101), "milestone", 5, "create", {"title": [None, "Mapping report"]}),
        entry(
            2,
            at(102),
            "milestone",
            1,
            "update",
            {"current_end": ["2026-07-31", "2026-08-20"], "pushed_by_id": [None, 5]},
        ),
    ]
    assert last_reason(entries, "milestone", 1, JULY_END, "current_end") == (
        "Pushed by Mapping report"
    )
    assert last_reason(entries, "milestone", 1, JULY_END) == "Pushed by Mapping report"


def test_last_reason_knows_a_second_push_by_the_same_predecessor():
    entries = [
        entry(1, at(101), "milestone", 5, "create", {"title": [None, "Mapping report"]}),
        entry(
            2,
            at(102),
            "milestone",
            1,
            "update",
            {"current_end": ["2026-07-31", "2026-08-20"], "pushed_by_id": [None, 5]},
        ),
        entry(3, at(103), "milestone", 5, "update", {"title": ["Mapping report", "Mapping"]}),
        # pushed again by 5: pushed_by_id does not change, so it is not in the changes
        entry(4, at(104), "milestone", 1, "update", {"current_end": ["2026-08-20", "2026-08-25"]}),
    ]
    assert last_reason(entries, "milestone", 1, JULY_END, "current_end") == "Pushed by Mapping"


def test_last_reason_prefers_a_given_reason_to_an_older_push():
    entries = [
        entry(1, at(101), "milestone", 5, "create", {"title": [None, "Mapping report"]}),
        entry(
            2,
            at(102),
            "milestone",
            1,
            "update",
            {"current_end": ["2026-07-31", "2026-08-20"], "pushed_by_id": [None, 5]},
        ),
        entry(
            3,
            at(103),
            "milestone",
            1,
            "update",
            {"current_end": ["2026-08-20", "2026-08-30"], "pushed_by_id": [5, None]},
            reason="Contractor late",
        ),
    ]
    assert last_reason(entries, "milestone", 1, JULY_END, "current_end") == "Contractor late"
    entries[2]["reason"] = ""
    # moved by hand without a reason (not a push): like any reasonless change, it is
    # passed over and the older push explains the delay
    assert last_reason(entries, "milestone", 1, JULY_END, "current_end") == (
        "Pushed by Mapping report"
    )


def test_last_reason_skips_baseline_only_changes():
    entries = [
        entry(
            1,
            at(110),
            "milestone",
            1,
            "update",
            {"current_end": ["2026-07-31", "2026-08-31"]},
            reason="Rains closed the road",
        ),
        entry(
            2,
            at(120),
            "milestone",
            1,
            "update",
            {"baseline_start": [None, "2026-06-01"], "baseline_end": [None, "2026-08-31"]},
            reason="First baseline",
        ),
    ]
    assert last_reason(entries, "milestone", 1, JULY_END) == "Rains closed the road"
