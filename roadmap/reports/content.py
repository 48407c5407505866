"""What a monthly report says, computed from the data as it stood at month end.

Pure: takes the current rows and the history as plain dicts (see snapshot.py),
the month and today's date; returns plain dicts of codes, dates and numbers.
Translation happens in the templates and the chart labels, never here.
"""

from datetime import date, timedelta

from roadmap.months import Month
from roadmap.posts.models import STAGES
from roadmap.reports.curve import as_of_status, past_instant, scurve_points
from roadmap.reports.snapshot import History, entries_between, snapshot
from roadmap.schedule import progress
from roadmap.schedule.critical import is_critical, total_floats
from roadmap.schedule.health import LATE, health, late_days, slip_days
from roadmap.schedule.scheduling import Span

OPEN = ("planned", "in_progress")


def states_at(rows, history: History, instants: dict) -> dict:
    """Return {name: state} for {name: instant or None}, in one walk back through history."""
    found = {name: rows for name, instant in instants.items() if instant is None}
    wanted = {instant for instant in instants.values() if instant is not None}
    for instant, state in history.walk_back(rows, wanted):
        kept = snapshot(state)  # read only: content never changes a record
        found.update({name: kept for name, at in instants.items() if at == instant})
    return found


def milestone_rows(state, as_of: date) -> list[dict]:
    """Return the milestones ordered by workstream and position, with health and float."""
    streams = state.get("workstream", {})
    rows = []
    for ms in state.get("milestone", {}).values():
        status = as_of_status(ms, as_of)
        stream = streams.get(ms["workstream_id"], {})
        rows.append(
            {
                "id": ms["id"],
                "title": ms["title"],
                "workstream": stream.get("name", ""),
                "stream_position": stream.get("position", 0),
                "position": ms.get("position", 0),
                "owner": ms.get("owner") or "",
                "country": ms.get("country"),
                "start": ms["current_start"],
                "end": ms["current_end"],
                "baseline_start": ms.get("baseline_start"),
                "baseline_end": ms.get("baseline_end"),
                "actual_finish": ms.get("actual_finish") if status == "done" else None,
                "percent": 100 if status == "done" else int(ms.get("percent_complete") or 0),
                "status": status,
                "slip": slip_days(ms["current_end"], ms.get("baseline_end")),
                "health": health(
                    status,
                    ms["current_start"],
                    ms["current_end"],
                    int(ms.get("percent_complete") or 0),
                    as_of,
                    ms.get("baseline_end"),
                ),
            }
        )
    rows.sort(
        key=lambda r: (r["stream_position"], r["workstream"], r["position"], r["start"], r["id"])
    )
    # The float of that day's plan: its dates, its statuses and its links.
    floats = total_floats(
        {r["id"]: Span(r["start"], r["end"], r["status"]) for r in rows},
        [
            (d["predecessor_id"], d["successor_id"], int(d.get("lag_days") or 0))
            for d in state.get("milestone_dependency", {}).values()
        ],
    )
    for r in rows:
        r["float"] = floats.get(r["id"])
        r["critical"] = is_critical(r["float"])
    return rows


def work_complete(rows) -> float:
    """Return the share of work done, to one decimal (see roadmap/schedule/progress.py)."""
    return round(progress.work_complete(rows), 1)


def planned_complete(rows, day: date) -> float:
    """Return the share of work the baseline planned done by the end of day, to one decimal."""
    return round(progress.work_planned(rows, day), 1)


def elapsed_share(start: date, end: date, day: date) -> float:
    """Return the share of the project's duration elapsed by the end of day, to one decimal."""
    return round(progress.time_elapsed(start, end, day), 1)


def _post_rows(state, before, month, as_of):
    updates = {}
    for up in state.get("post_update", {}).values():
        if up["date"] <= as_of:
            updates.setdefault(up["post_id"], []).append(up)
    start, end = month.start, month.end
    rows = []
    for post in state.get("border_post", {}).values():
        dated = sorted(updates.get(post["id"], []), key=lambda u: (u["date"], u["id"]))
        stage, progress = post["stage"], post["progress"]
        if dated:  # the dated field reports say where the post stood on the report's day
            stage, progress = dated[-1]["stage"], dated[-1]["progress"]
        earlier = before.get("border_post", {}).get(post["id"])
        in_month = [u for u in dated if start <= u["date"] <= end]
        prior = [u for u in dated if u["date"] < start]
        if prior:
            stage_before, progress_before = prior[-1]["stage"], prior[-1]["progress"]
        elif earlier is not None:
            stage_before, progress_before = earlier["stage"], earlier["progress"]
        else:
            stage_before = progress_before = None
        rows.append(
            {
                "id": post["id"],
                "name": post["name"],
                "country": post["country"],
                "kind": post.get("kind"),
                "latitude": post.get("latitude"),
                "longitude": post.get("longitude"),
                "stage": stage,
                "progress": progress,
                "stage_before": stage_before,
                "progress_before": progress_before,
                "changed": (stage, progress) != (stage_before, progress_before),
                "comments": [u["comment"] for u in in_month if u.get("comment")],
                "estimated_cost": post.get("estimated_cost"),
                "spent": post.get("spent"),
            }
        )
    rows.sort(
        key=lambda r: (
            r["country"],
            STAGES.index(r["stage"]) if r["stage"] in STAGES else 0,
            r["name"],
        )
    )
    return rows


def _outcome_rows(state, before, as_of):
    notes = {}
    for note in state.get("outcome_note", {}).values():
        if note["date"] <= as_of:
            notes.setdefault(note["outcome_id"], []).append(note)
    workshops = state.get("workshop", {})
    rows = []
    for out in state.get("outcome", {}).values():
        dated = sorted(notes.get(out["id"], []), key=lambda n: (n["date"], n["id"]))
        earlier = before.get("outcome", {}).get(out["id"])
        rows.append(
            {
                "id": out["id"],
                "workshop": workshops.get(out["workshop_id"], {}).get("title", ""),
                "kind": out["kind"],
                "text": out["text"],
                "responsible": out.get("responsible") or "",
                "due_date": out.get("due_date"),
                "status": out["status"],
                "status_before": earlier["status"] if earlier else None,
                "note": dated[-1]["text"] if dated else "",
                "note_date": dated[-1]["date"] if dated else None,
                "position": out.get("position", 0),
            }
        )
    rows.sort(key=lambda r: (r["workshop"], r["position"], r["id"]))
    return rows


def build(rows: dict, entries: list, month: Month, today: date) -> dict:
    """Return the report of a month: figures, tables and chart data, as of its end."""
    month = Month(month)
    history = History(entries)
    states = states_at(
        rows,
        history,
        {"end": past_instant(month, today), "start": past_instant(month, today, end=False)},
    )
    end_state, start_state = states["end"], states["start"]
    as_of = month.as_of(today)
    project = next(
        iter(sorted(end_state.get("project", {}).values(), key=lambda p: p["id"])), None
    ) or next(iter(rows.get("project", {}).values()))
    milestones = milestone_rows(end_state, as_of)
    first, last = month.start, month.end
    next_first, next_last = month.next().start, month.next().end
    eve = first - timedelta(days=1)
    status_before = {
        key: as_of_status(ms, eve) for key, ms in start_state.get("milestone", {}).items()
    }

    completed = [
        r
        for r in milestones
        if r["status"] == "done"
        and (
            (r["actual_finish"] and first <= r["actual_finish"] <= last)
            or (not r["actual_finish"] and status_before.get(r["id"]) != "done")
        )
    ]
    due_next = [
        r for r in milestones if r["status"] in OPEN and next_first <= r["end"] <= next_last
    ]
    instant = month.end_instant
    late = []
    for r in milestones:
        if r["health"] != LATE:
            continue
        ms = end_state["milestone"][r["id"]]
        late.append(
            {
                **r,
                "late_days": late_days(
                    r["start"], r["end"], int(ms.get("percent_complete") or 0), as_of
                ),
                "reason": history.last_reason("milestone", r["id"], instant, "current_end")
                or history.last_reason("milestone", r["id"], instant),
            }
        )

    posts = _post_rows(end_state, start_state, month, as_of)
    by_stage = {stage: sum(1 for p in posts if p["stage"] == stage) for stage in STAGES}
    by_country = {}
    for p in posts:
        by_country.setdefault(p["country"], dict.fromkeys(STAGES, 0))[p["stage"]] += 1
    outcomes = _outcome_rows(end_state, start_state, as_of)
    recommendations = [
        o for o in outcomes if o["kind"] == "recommendation" and o["status"] != "discontinued"
    ]
    implemented = sum(1 for o in recommendations if o["status"] == "completed")
    elapsed = elapsed_share(project["start_date"], project["end_date"], as_of)
    complete = work_complete(milestones)
    planned = planned_complete(milestones, as_of)
    overall = "on_track"
    if late:
        overall = "at_risk"
    if planned - complete > 10:
        overall = "late"
    changes = entries_between(entries, month.start_instant, instant)
    return {
        "month": month,
        "period_start": first,
        "period_end": last,
        "as_of": as_of,
        "project": {
            k: project.get(k)
            for k in (
                "name",
                "code",
                "donor",
                "implementing_org",
                "start_date",
                "end_date",
                "currency",
                "countries",
            )
        },
        "overall": overall,
        "figures": {
            "elapsed": elapsed,
            "work_complete": complete,
            "planned_complete": planned,
            "milestones": len([r for r in milestones if r["status"] != "cancelled"]),
            "done": sum(1 for r in milestones if r["status"] == "done"),
            "late": len(late),
            "due_next": len(due_next),
            "completed_in_month": len(completed),
            "posts": len(posts),
            "posts_by_stage": by_stage,
            "recommendations": len(recommendations),
            "implemented": implemented,
            "implemented_pct": round(100 * implemented / len(recommendations), 1)
            if recommendations
            else 0.0,
            "changes_in_month": len(changes),
        },
        "milestones": milestones,
        "dependencies": [
            (d["predecessor_id"], d["successor_id"])
            for d in end_state.get("milestone_dependency", {}).values()
        ],
        "completed": completed,
        "due_next": due_next,
        "late": late,
        "posts": posts,
        "posts_by_country": by_country,
        "outcomes": outcomes,
        "scurve": scurve_points(rows, history, month, today, project, milestones),
    }
