"""The critical path: each milestone's total float against the schedule's latest finish.

Pure functions over the same plain values as roadmap/schedule/scheduling.py (spans by
id, (predecessor, successor, lag) links) and the same start rule: a successor starts
no earlier than `earliest_start(predecessor end, lag)`, so a predecessor may end as late
as `latest_end(successor's latest start, lag)` without moving it, and a milestone
with no open successor as late as the schedule's latest finish.

The current dates are the early dates (the app pushes successors as predecessors slip,
so they are the forecast); one backward pass gives the late dates. Total float is late
finish − current end, in calendar days. Done and cancelled milestones keep their dates
whatever happens before them: they have no float, are never critical, and a link to
one holds nothing back. A milestone is critical when its float is zero — or negative,
which only happens when its current dates already break a link (someone set them so).
"""

from collections import defaultdict, deque
from collections.abc import Iterable, Mapping
from datetime import date

from roadmap.schedule.scheduling import FROZEN_STATUSES, Span, latest_end


def latest_finish(spans: Mapping[int, Span]) -> date | None:
    """Return the latest current end of the open (neither done nor cancelled) milestones."""
    ends = [span.end for span in spans.values() if span.status not in FROZEN_STATUSES]
    return max(ends, default=None)


def schedule_end(spans: Mapping[int, Span]) -> date | None:
    """Return the day the schedule ends: the latest end of any milestone not cancelled."""
    return max((span.end for span in spans.values() if span.status != "cancelled"), default=None)


def total_floats(
    spans: Mapping[int, Span], dependencies: Iterable[tuple[int, int, int]]
) -> dict[int, int | None]:
    """Return each milestone's total float in days (None for done and cancelled ones).

    Links naming a milestone not in `spans` are ignored; so is any link that closes a
    cycle (the commands refuse them; a milestone on one gets the float its other links
    allow), so no input makes this fail.
    """
    open_ids = {key for key, span in spans.items() if span.status not in FROZEN_STATUSES}
    finish = latest_finish(spans)
    successors = defaultdict(list)
    waiting = dict.fromkeys(open_ids, 0)  # open successors not settled yet, per milestone
    for pred, succ, lag in dependencies:
        if pred in open_ids and succ in open_ids and pred != succ:
            successors[pred].append((succ, lag))
            waiting[pred] += 1
    predecessors = defaultdict(list)
    for pred, links in successors.items():
        for succ, _lag in links:
            predecessors[succ].append(pred)

    # Backward pass, sinks first: a milestone is settled once all its successors are.
    late_finish: dict[int, date] = {}
    ready = deque(key for key, count in waiting.items() if count == 0)
    unsettled = set(open_ids)
    while unsettled:
        if not ready:  # only cycles are left: settle one with what is known
            ready.append(min(unsettled))
        node = ready.popleft()
        if node not in unsettled:
            continue
        unsettled.discard(node)
        limit = finish
        for succ, lag in successors[node]:
            if succ in late_finish:
                span = spans[succ]
                latest_start = late_finish[succ] - (span.end - span.start)
                limit = min(limit, latest_end(latest_start, lag))
        late_finish[node] = limit
        for pred in predecessors[node]:
            waiting[pred] -= 1
            if waiting[pred] == 0:
                ready.append(pred)

    return {
        key: (late_finish[key] - span.end).days if key in late_finish else None
        for key, span in spans.items()
    }


def is_critical(total_float: int | None) -> bool:
    """Tell whether a milestone with this float moves the schedule's end when it slips."""
    return total_float is not None and total_float <= 0
