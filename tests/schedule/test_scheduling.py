"""The pure scheduler: cycles and pushing successors, table-driven with fixed dates."""

from datetime import date

import pytest

from roadmap.schedule import extension_warning
from roadmap.schedule.scheduling import Push, Span, find_cycle, push_successors
from roadmap.schedule.window import months_before, outside_grant_window

D = date


@pytest.mark.parametrize(
    ("existing", "new", "cycle"),
    [
        ([], (1, 2), None),
        ([], (1, 1), [1, 1]),
        ([(1, 2)], (2, 1), [2, 1, 2]),
        ([(1, 2), (2, 3)], (3, 1), [3, 1, 2, 3]),
        ([(1, 2), (2, 3)], (1, 3), None),  # a shortcut is no cycle
        ([(1, 2), (3, 4)], (4, 1), None),
        ([(1, 2), (2, 3), (3, 4), (2, 5)], (5, 1), [5, 1, 2, 5]),
    ],
)
def test_find_cycle(existing, new, cycle):
    assert find_cycle(existing, new) == cycle


SPANS = {
    1: Span(D(2026, 4, 1), D(2026, 4, 30)),
    2: Span(D(2026, 5, 1), D(2026, 5, 10)),
    3: Span(D(2026, 6, 1), D(2026, 6, 30)),
}


@pytest.mark.parametrize(
    ("spans", "dependencies", "changed", "expected"),
    [
        # nothing to push: successor starts after predecessor end + lag
        (SPANS, [(1, 2, 0)], [1], {}),
        # lag 5: successor may start 2026-05-05 at the earliest; keeps its 10 days
        (SPANS, [(1, 2, 5)], [1], {2: Push(D(2026, 5, 5), D(2026, 5, 14), 1)}),
        # negative lag allows overlap: no push
        (SPANS, [(1, 2, -10)], [1], {}),
        # transitive: 2 is pushed into June, which pushes 3
        (
            {**SPANS, 1: Span(D(2026, 4, 1), D(2026, 5, 25))},
            [(1, 2, 0), (2, 3, 0)],
            [1],
            {
                2: Push(D(2026, 5, 25), D(2026, 6, 3), 1),
                3: Push(D(2026, 6, 3), D(2026, 7, 2), 2),
            },
        ),
        # two predecessors: the later finish binds and is named
        (
            {**SPANS, 4: Span(D(2026, 5, 20), D(2026, 5, 31))},
            [(1, 3, 0), (4, 3, 10)],
            [1, 4],
            {3: Push(D(2026, 6, 10), D(2026, 7, 9), 4)},
        ),
        # done work keeps its dates
        (
            {**SPANS, 2: Span(D(2026, 5, 1), D(2026, 5, 10), "done")},
            [(1, 2, 5)],
            [1],
            {},
        ),
        # only what is downstream of the change moves
        (SPANS, [(1, 2, 5)], [3], {}),
        # a point milestone stays a point
        (
            {**SPANS, 2: Span(D(2026, 4, 20), D(2026, 4, 20))},
            [(1, 2, 1)],
            [1],
            {2: Push(D(2026, 5, 1), D(2026, 5, 1), 1)},
        ),
    ],
)
def test_push_successors(spans, dependencies, changed, expected):
    assert push_successors(spans, dependencies, changed) == expected


def test_push_never_touches_inputs():
    spans = dict(SPANS)
    push_successors(spans, [(1, 2, 5)], [1])
    assert spans == SPANS


@pytest.mark.parametrize(
    ("today", "warn"),
    [
        (D(2027, 1, 27), False),
        (D(2027, 1, 28), True),  # one month before 2027-02-28
        (D(2027, 2, 28), True),
        (D(2027, 3, 1), False),  # after the end: too late for a warning to help
    ],
)
def test_extension_warning(today, warn):
    assert extension_warning(D(2027, 2, 28), today) is warn


@pytest.mark.parametrize(
    ("day", "expected"),
    [(D(2026, 3, 31), D(2026, 2, 28)), (D(2026, 1, 15), D(2025, 12, 15))],
)
def test_months_before(day, expected):
    assert months_before(day, 1) == expected


@pytest.mark.parametrize(
    ("start", "end", "outside"),
    [
        (D(2026, 3, 1), D(2027, 2, 28), False),
        (D(2026, 2, 28), D(2026, 4, 1), True),
        (D(2027, 2, 1), D(2027, 3, 1), True),
    ],
)
def test_outside_grant_window(start, end, outside):
    assert outside_grant_window(start, end, D(2026, 3, 1), D(2027, 2, 28)) is outside
