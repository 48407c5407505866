"""One walk back through history gives every instant's state, and the S-curve's cheap sums agree."""

from datetime import UTC, date, datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from roadmap.reports import content, curve
from roadmap.reports.snapshot import History, freeze, rebuild, snapshot

START = datetime(2026, 3, 1, tzinfo=UTC)
STATUSES = ("planned", "in_progress", "done", "cancelled")


def milestone(key, status, percent, start, days, baseline_shift=None, finish=None):
    first = date(2026, 3, 1) + timedelta(days=start)
    return {
        "id": key,
        "title": f"M{key}",
        "workstream_id": 1,
        "status": status,
        "percent_complete": percent,
        "current_start": first,
        "current_end": first + timedelta(days=days),
        "baseline_start": None if baseline_shift is None else first,
        "baseline_end": None
        if baseline_shift is None
        else first + timedelta(days=max(days - baseline_shift, 0)),
        "actual_finish": finish and first + timedelta(days=finish),
    }


milestones = st.builds(
    milestone,
    st.integers(1, 6),
    st.sampled_from(STATUSES),
    st.integers(0, 100),
    st.integers(0, 300),
    st.integers(0, 90),
    st.none() | st.integers(-20, 20),
    st.none() | st.integers(0, 120),
)
updates = st.lists(
    st.tuples(
        st.integers(0, 400),  # hours after START
        st.integers(1, 6),
        st.sampled_from(["update", "create", "delete"]),
        st.sampled_from(STATUSES),
        st.integers(0, 100),
    ),
    max_size=25,
)


def history_of(changes):
    entries = []
    for n, (hours, key, action, status, percent) in enumerate(changes, start=1):
        old = {"status": [status, "in_progress"], "percent_complete": [percent, 50]}
        if action == "delete":
            old = {
                **old,
                "current_start": ["2026-04-01", None],
                "current_end": ["2026-05-01", None],
                "workstream_id": [1, None],
                "title": [f"M{key}", None],
            }
        entries.append(
            {
                "id": n,
                "at": START + timedelta(hours=24 * hours),
                "entity": "milestone",
                "entity_id": key,
                "action": action,
                "changes": old,
                "reason": "",
            }
        )
    return entries


@settings(max_examples=60, deadline=None)
@given(st.lists(milestones, max_size=6, unique_by=lambda m: m["id"]), updates)
def test_a_walk_back_gives_what_rebuild_gives_at_each_instant(rows, changes):
    rows = {"milestone": {m["id"]: m for m in rows}}
    entries = history_of(changes)
    before = freeze(rows)
    instants = [START + timedelta(days=30 * n) for n in range(14)]
    walked = [
        (instant, freeze(state)) for instant, state in History(entries).walk_back(rows, instants)
    ]
    assert [instant for instant, _state in walked] == sorted(instants, reverse=True)
    for instant, state in walked:
        assert state == rebuild(rows, entries, instant)
    assert rows == before  # the walk copies what it changes


def test_a_kept_state_does_not_move_when_the_walk_goes_on():
    rows = {"milestone": {1: milestone(1, "done", 100, 10, 20)}}
    entries = history_of([(40, 1, "update", "planned", 0), (10, 1, "update", "cancelled", 0)])
    walk = History(entries).walk_back(
        rows, [START + timedelta(days=60), START + timedelta(days=20), START]
    )
    _at, latest = next(walk)
    kept = latest["milestone"][1]
    assert kept["status"] == "done"
    list(walk)
    assert kept["status"] == "done"  # records handed out are copied before a later change


@settings(max_examples=80, deadline=None)
@given(st.lists(milestones, max_size=6, unique_by=lambda m: m["id"]), st.integers(0, 400))
def test_the_s_curve_sums_agree_with_the_milestone_rows(rows, offset):
    state = {
        "workstream": {1: {"id": 1, "name": "A", "position": 1}},
        "milestone": {m["id"]: m for m in rows},
    }
    day = date(2026, 3, 1) + timedelta(days=offset)
    assert curve.complete_at(state, day) == content.work_complete(
        content.milestone_rows(state, day)
    )
    listed = content.milestone_rows(state, day)
    days = [day, day + timedelta(days=45)]
    assert curve.planned_series(listed, days) == [
        content.planned_complete(listed, each) for each in days
    ]


def test_a_snapshot_stays_as_it_was_while_the_walk_goes_on():
    rows = {
        "milestone": {1: milestone(1, "done", 100, 10, 20), 2: milestone(2, "planned", 0, 5, 5)}
    }
    entries = history_of(
        [
            (40, 1, "update", "in_progress", 30),
            (30, 2, "create", "planned", 0),
            (10, 1, "update", "planned", 0),
        ]
    )
    instants = [START + timedelta(days=d) for d in (60, 35, 20, 0)]
    kept = [(at, snapshot(state)) for at, state in History(entries).walk_back(rows, instants)]
    for at, state in kept:
        assert state == rebuild(rows, entries, at)
    assert [sorted(state["milestone"]) for _at, state in kept] == [[1, 2], [1, 2], [1], [1]]
