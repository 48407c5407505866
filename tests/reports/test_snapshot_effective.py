"""The as-of rebuild by effective date: late field news lands in the month it happened."""

from datetime import UTC, date, datetime

from roadmap.history import effective_instant, is_late
from roadmap.reports.snapshot import History, entries_between, rebuild

from .entries import entry as history_entry

AUGUST_END = datetime(2026, 9, 1, tzinfo=UTC)
SEPTEMBER_END = datetime(2026, 10, 1, tzinfo=UTC)


def entered(month, day, hour=12):
    return datetime(2026, month, day, hour, tzinfo=UTC)


def entry(n, at, changes, effective_on=None, action="update", entity="milestone", key=1):
    return history_entry(n, at, entity, key, changes, effective_on, action)


def rows(percent):
    return {"milestone": {1: {"id": 1, "title": "Mapping", "percent_complete": percent}}}


def test_a_change_entered_on_its_day_counts_from_when_it_was_entered():
    at = entered(8, 12)
    assert effective_instant(at, None) == at
    assert effective_instant(at, date(2026, 8, 12)) == at


def test_a_late_change_counts_from_the_end_of_the_day_it_happened():
    instant = effective_instant(entered(10, 3), date(2026, 8, 12))
    assert instant.date() == date(2026, 8, 12)
    assert instant < AUGUST_END


def test_late_means_more_than_seven_days_after():
    assert not is_late(entered(8, 19), date(2026, 8, 12))
    assert is_late(entered(8, 20), date(2026, 8, 12))
    assert not is_late(entered(8, 20), None)


def test_a_late_entry_shows_in_the_month_it_happened_not_the_month_entered():
    # Entered in October: 40 -> 55, effective 12 August.
    entries = [entry(1, entered(10, 3), {"percent_complete": [40, 55]}, date(2026, 8, 12))]
    assert rebuild(rows(55), entries, AUGUST_END)["milestone"][1]["percent_complete"] == 55
    july_end = datetime(2026, 8, 1, tzinfo=UTC)
    assert rebuild(rows(55), entries, july_end)["milestone"][1]["percent_complete"] == 40


def test_facts_entered_out_of_order_give_each_month_its_own_state():
    # 3 September (on time): 40 -> 60. Then on 10 October, late news of 12 August: 50;
    # the stored value stays 60, the latest fact. August reads 50, September 60, July 40.
    entries = [
        entry(1, entered(9, 3), {"percent_complete": [40, 60]}),
        entry(2, entered(10, 10), {"percent_complete": [60, 50]}, date(2026, 8, 12)),
    ]
    current = rows(60)
    assert rebuild(current, entries, SEPTEMBER_END)["milestone"][1]["percent_complete"] == 60
    assert rebuild(current, entries, AUGUST_END)["milestone"][1]["percent_complete"] == 50
    july_end = datetime(2026, 8, 1, tzinfo=UTC)
    assert rebuild(current, entries, july_end)["milestone"][1]["percent_complete"] == 40


def test_one_walk_gives_every_month_end_by_effective_date():
    entries = [
        entry(1, entered(9, 3), {"percent_complete": [40, 60]}),
        entry(2, entered(10, 10), {"percent_complete": [60, 50]}, date(2026, 8, 12)),
        entry(3, entered(10, 12), {"percent_complete": [60, 70]}),
    ]
    history = History(entries)
    found = {
        instant: state["milestone"][1]["percent_complete"]
        for instant, state in history.walk_back(
            rows(70), [AUGUST_END, SEPTEMBER_END, datetime(2026, 11, 1, tzinfo=UTC)]
        )
    }
    assert found == {
        datetime(2026, 11, 1, tzinfo=UTC): 70,
        SEPTEMBER_END: 60,
        AUGUST_END: 50,
    }


def test_a_record_created_late_exists_from_its_effective_day():
    entries = [
        entry(
            1,
            entered(10, 3),
            {"stage": [None, "designed"]},
            date(2026, 8, 12),
            action="create",
            entity="post_update",
            key=9,
        )
    ]
    current = {"post_update": {9: {"id": 9, "stage": "designed", "date": date(2026, 8, 12)}}}
    assert 9 in rebuild(current, entries, AUGUST_END)["post_update"]
    assert 9 not in rebuild(current, entries, datetime(2026, 8, 1, tzinfo=UTC))["post_update"]


def test_changes_of_a_month_are_those_effective_in_it():
    late = entry(2, entered(10, 10), {"percent_complete": [60, 50]}, date(2026, 8, 12))
    on_time = entry(1, entered(9, 3), {"percent_complete": [40, 60]})
    august = entries_between([on_time, late], datetime(2026, 8, 1, tzinfo=UTC), AUGUST_END)
    assert [e["id"] for e in august] == [2]
