"""Finish-to-start scheduling: cycle detection and pushing successors later.

Pure functions over plain values (ids, dates, lags); schedule/commands.py loads
the rows, calls these, and writes the result back. A dependency (predecessor, successor,
lag) means the successor starts no earlier than predecessor end + lag days
(the lag may be negative). Only current dates move, never baselines; work
that is done or cancelled keeps its dates.
"""

from collections import defaultdict, deque
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta

FROZEN_STATUSES = frozenset({"done", "cancelled"})


@dataclass(frozen=True)
class Span:
    """The current dates and status of one milestone."""

    start: date
    end: date
    status: str = "planned"


@dataclass(frozen=True)
class Push:
    """New current dates for a milestone and the predecessor that forced them."""

    start: date
    end: date
    pushed_by: int


def find_cycle(dependencies: Iterable[tuple[int, int]], new: tuple[int, int]) -> list[int] | None:
    """Return the cycle [a, b, …, a] that adding `new` would close, or None."""
    predecessor, successor = new
    if predecessor == successor:
        return [predecessor, predecessor]
    successors = defaultdict(list)
    for pred, succ in dependencies:
        successors[pred].append(succ)
    # Breadth-first from the new successor: reaching the new predecessor closes a loop.
    came_from = {successor: None}
    queue = deque([successor])
    while queue:
        node = queue.popleft()
        if node == predecessor:
            path = [node]
            while came_from[path[-1]] is not None:
                path.append(came_from[path[-1]])
            return [predecessor, *reversed(path)]
        for nxt in successors[node]:
            if nxt not in came_from:
                came_from[nxt] = node
                queue.append(nxt)
    return None


def earliest_start(predecessor_end: date, lag_days: int) -> date:
    """Return the first day a successor may start after its predecessor ends."""
    return predecessor_end + timedelta(days=lag_days)


def latest_end(successor_start: date, lag_days: int) -> date:
    """Return the last day a predecessor may end without delaying a successor (earliest_start's inverse)."""
    return successor_start - timedelta(days=lag_days)


def push_successors(
    spans: Mapping[int, Span],
    dependencies: Iterable[tuple[int, int, int]],
    changed: Iterable[int],
) -> dict[int, Push]:
    """Return new dates for every milestone downstream of `changed` that must move later.

    Each pushed milestone keeps its duration; the push carries on through its own
    successors. Milestones not downstream of `changed` are left alone even if they
    already break a constraint (that was someone's deliberate choice).
    """
    successors = defaultdict(list)
    predecessors = defaultdict(list)
    for pred, succ, lag in dependencies:
        successors[pred].append((succ, lag))
        predecessors[succ].append((pred, lag))

    downstream = set()
    queue = deque(changed)
    while queue:
        node = queue.popleft()
        for succ, _lag in successors[node]:
            if succ not in downstream:
                downstream.add(succ)
                queue.append(succ)

    # Kahn's order over the downstream part: a node is settled after all its predecessors.
    waiting = {
        node: sum(1 for pred, _ in predecessors[node] if pred in downstream) for node in downstream
    }
    ready = deque(sorted(node for node, count in waiting.items() if count == 0))
    current = {node: (span.start, span.end) for node, span in spans.items()}
    pushes: dict[int, Push] = {}
    while ready:
        node = ready.popleft()
        span = spans.get(node)
        if span is not None and span.status not in FROZEN_STATUSES:
            binding = None
            for pred, lag in predecessors[node]:
                if pred not in current:
                    continue
                needed = earliest_start(current[pred][1], lag)
                if binding is None or needed > binding[0]:
                    binding = (needed, pred)
            start, end = current[node]
            if binding is not None and binding[0] > start:
                shift = binding[0] - start
                current[node] = (start + shift, end + shift)
                pushes[node] = Push(start + shift, end + shift, binding[1])
        for succ, _lag in successors[node]:
            if succ in waiting:
                waiting[succ] -= 1
                if waiting[succ] == 0:
                    ready.append(succ)
    return pushes
