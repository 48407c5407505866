"""Total float and the critical path on textbook networks, with fixed dates."""

import random
from datetime import date, timedelta

import pytest

from roadmap.schedule.critical import is_critical, latest_finish, schedule_end, total_floats
from roadmap.schedule.scheduling import Span, earliest_start, push_successors

D = date


def test_one_chain_is_critical_from_end_to_end():
    spans = {1: Span(D(2026, 4, 1), D(2026, 4, 10)), 2: Span(D(2026, 4, 10), D(2026, 4, 30))}
    assert total_floats(spans, [(1, 2, 0)]) == {1: 0, 2: 0}


def test_parallel_paths_the_longer_is_critical_the_shorter_floats():
    # A → B → D and A → C → D; C ends ten days before D may start.
    spans = {
        "A": Span(D(2026, 4, 1), D(2026, 4, 10)),
        "B": Span(D(2026, 4, 10), D(2026, 4, 30)),
        "C": Span(D(2026, 4, 10), D(2026, 4, 20)),
        "D": Span(D(2026, 4, 30), D(2026, 5, 10)),
    }
    links = [("A", "B", 0), ("A", "C", 0), ("B", "D", 0), ("C", "D", 0)]
    assert total_floats(spans, links) == {"A": 0, "B": 0, "C": 10, "D": 0}


@pytest.mark.parametrize(
    ("lag", "expected"),
    [
        (7, 0),  # B starts exactly a week after A ends: A is critical
        (3, 4),  # B could start three days after A; it starts seven: four days of float
        (0, 7),
        (-5, 12),  # a lead lets B overlap A by five days
    ],
)
def test_lag_is_read_with_the_start_rule(lag, expected):
    spans = {1: Span(D(2026, 4, 1), D(2026, 4, 10)), 2: Span(D(2026, 4, 17), D(2026, 4, 30))}
    floats = total_floats(spans, [(1, 2, lag)])
    assert floats == {1: expected, 2: 0}
    # The same rule the scheduler pushes with: spending the float moves nothing.
    slipped = {**spans, 1: Span(D(2026, 4, 1), D(2026, 4, 10) + timedelta(days=expected))}
    assert push_successors(slipped, [(1, 2, lag)], [1]) == {}


def test_several_ends_float_against_the_latest_finish():
    # A → B ends on 20 April; C, on its own, ends on 31 May.
    spans = {
        "A": Span(D(2026, 4, 1), D(2026, 4, 10)),
        "B": Span(D(2026, 4, 10), D(2026, 4, 20)),
        "C": Span(D(2026, 4, 1), D(2026, 5, 31)),
    }
    floats = total_floats(spans, [("A", "B", 0)])
    assert floats == {"A": 41, "B": 41, "C": 0}
    assert latest_finish(spans) == D(2026, 5, 31)


def test_two_ends_on_the_same_day_are_both_critical():
    spans = {
        1: Span(D(2026, 4, 1), D(2026, 4, 30)),
        2: Span(D(2026, 4, 15), D(2026, 4, 30)),
        3: Span(D(2026, 4, 1), D(2026, 4, 15)),
    }
    assert total_floats(spans, [(3, 2, 0)]) == {1: 0, 2: 0, 3: 0}


def test_point_milestones_float_like_any_other():
    spans = {
        1: Span(D(2026, 4, 1), D(2026, 4, 10)),
        2: Span(D(2026, 4, 12), D(2026, 4, 12)),  # a one-day event
        3: Span(D(2026, 4, 1), D(2026, 4, 20)),
    }
    assert total_floats(spans, [(1, 2, 0)]) == {1: 10, 2: 8, 3: 0}


def test_done_milestones_have_no_float_and_hold_nothing_back():
    spans = {
        1: Span(D(2026, 4, 1), D(2026, 4, 10), "done"),
        2: Span(D(2026, 4, 10), D(2026, 4, 30), "in_progress"),
        3: Span(D(2026, 4, 1), D(2026, 4, 5)),
        4: Span(D(2026, 4, 5), D(2026, 4, 8), "done"),  # done, yet after 3
        5: Span(D(2026, 4, 1), D(2026, 6, 30), "cancelled"),  # its end is no finish
    }
    floats = total_floats(spans, [(1, 2, 0), (3, 4, 0)])
    assert floats == {1: None, 2: 0, 3: 25, 4: None, 5: None}
    assert [key for key, value in floats.items() if is_critical(value)] == [2]


def test_a_frozen_milestone_cuts_the_chain():
    spans = {
        1: Span(D(2026, 4, 1), D(2026, 4, 10)),
        2: Span(D(2026, 4, 10), D(2026, 4, 12), "done"),
        3: Span(D(2026, 4, 12), D(2026, 4, 30)),
    }
    # 1's slip cannot reach 3 through a milestone that is done (push_successors agrees).
    assert total_floats(spans, [(1, 2, 0), (2, 3, 0)]) == {1: 20, 2: None, 3: 0}


def test_dates_that_break_a_link_give_negative_float_and_are_critical():
    spans = {1: Span(D(2026, 4, 1), D(2026, 4, 20)), 2: Span(D(2026, 4, 10), D(2026, 4, 30))}
    floats = total_floats(spans, [(1, 2, 0)])
    assert floats == {1: -10, 2: 0}
    assert is_critical(floats[1]) and is_critical(floats[2])


def test_nothing_open_no_floats_and_odd_links_are_ignored():
    assert total_floats({}, []) == {}
    spans = {1: Span(D(2026, 4, 1), D(2026, 4, 10)), 2: Span(D(2026, 4, 10), D(2026, 4, 20))}
    # Links to an unknown milestone and to itself are ignored.
    assert total_floats(spans, [(1, 99, 0), (1, 1, 0), (1, 2, 0)]) == {1: 0, 2: 0}
    # A cycle (refused by the commands) still gives every milestone a float, no failure.
    floats = total_floats(spans, [(1, 2, 0), (2, 1, 0)])
    assert set(floats) == {1, 2} and all(isinstance(value, int) for value in floats.values())


def test_schedule_end_counts_done_work_but_not_cancelled():
    spans = {
        1: Span(D(2026, 4, 1), D(2026, 9, 30), "done"),
        2: Span(D(2026, 4, 1), D(2026, 8, 31)),
        3: Span(D(2026, 4, 1), D(2026, 12, 31), "cancelled"),
    }
    assert schedule_end(spans) == D(2026, 9, 30)
    assert latest_finish(spans) == D(2026, 8, 31)
    assert schedule_end({}) is None


def test_critical_milestones_form_chains_ending_at_the_latest_finish():
    """On random networks made consistent by the scheduler, every critical chain reaches the end."""
    rnd = random.Random(21)
    for _network in range(30):
        n = rnd.randint(2, 40)
        spans, links = {}, []
        for key in range(n):
            start = D(2026, 3, 1) + timedelta(days=rnd.randint(0, 200))
            spans[key] = Span(start, start + timedelta(days=rnd.randint(0, 40)))
            for pred in rnd.sample(range(key), min(key, rnd.randint(0, 2))):
                links.append((pred, key, rnd.randint(-5, 10)))
        for key, push in push_successors(spans, links, list(spans)).items():
            spans[key] = Span(push.start, push.end)
        floats = total_floats(spans, links)
        finish = latest_finish(spans)
        assert all(value >= 0 for value in floats.values())
        assert any(value == 0 for value in floats.values())
        for key, value in floats.items():
            if value:
                continue
            binding = [
                succ
                for pred, succ, lag in links
                if pred == key
                and floats[succ] == 0
                and spans[succ].start == earliest_start(spans[key].end, lag)
            ]
            assert spans[key].end == finish or binding, (key, spans, links)
