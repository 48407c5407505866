"""The project as it stood at the end of a past day, in the shapes the dashboard reads.

The state comes from the history by effective date (roadmap/reports/snapshot.py), so
news entered late about that day is in it, and nothing entered about a later day.
"""

from datetime import date
from types import SimpleNamespace

from roadmap.reports.loading import state_at_end_of
from roadmap.schedule.queries import milestone_row


def state_of(day: date) -> dict:
    """Return the milestone rows, posts and outcomes as of the end of `day`."""
    state = state_at_end_of(day)
    streams = state.get("workstream", {})
    milestones = []
    for ms in state.get("milestone", {}).values():
        stream = streams.get(ms["workstream_id"], {})
        record = (
            ms["id"],
            ms["title"],
            stream.get("name", ""),
            ms["workstream_id"],
            ms["current_start"],
            ms["current_end"],
            ms.get("baseline_start"),
            ms.get("baseline_end"),
            int(ms.get("percent_complete") or 0),
            ms["status"],
            ms.get("owner"),
            ms.get("country"),
            ms.get("actual_start"),
            ms.get("actual_finish"),
            ms.get("position") or 0,
        )
        milestones.append(
            (stream.get("position", 0), stream.get("id", 0), milestone_row(record, day))
        )
    milestones.sort(
        key=lambda item: (item[0], item[1], item[2]["position"], item[2]["start"], item[2]["id"])
    )
    workshops = {
        key: SimpleNamespace(title=row.get("title", ""))
        for key, row in state.get("workshop", {}).items()
    }
    outcomes = [
        SimpleNamespace(
            **row, workshop=workshops.get(row["workshop_id"], SimpleNamespace(title=""))
        )
        for row in sorted(state.get("outcome", {}).values(), key=lambda row: row["id"])
    ]
    posts = [SimpleNamespace(**row) for row in state.get("border_post", {}).values()]
    return {"milestones": [row for _p, _i, row in milestones], "posts": posts, "outcomes": outcomes}
