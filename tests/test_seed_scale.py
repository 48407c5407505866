"""The scale generator: deterministic, consistent data, and a history that replays to it."""

from datetime import date, datetime

import pytest
from sqlalchemy import func, select

from roadmap.demo.scale import generate
from roadmap.demo.scale_clock import Timeline, default_start
from roadmap.extensions import db
from roadmap.history import HistoryEntry
from roadmap.posts.geo import coordinate_problem
from roadmap.posts.models import BorderPost
from roadmap.posts.rules import consistency_problems
from roadmap.reports.loading import ENTITIES, current_rows
from roadmap.reports.snapshot import decode
from roadmap.results.models import Indicator
from roadmap.schedule.models import Milestone
from roadmap.schedule.rules import milestone_problems

TODAY = date(2026, 8, 15)  # TestingConfig's ROADMAP_TODAY
START = date(2025, 9, 1)
SIZES = {"milestones": 300, "posts": 60, "workshops": 6, "months": 24}


@pytest.fixture(scope="module")
def records():
    return generate(**SIZES, start=START, today=TODAY, seed=7)


def test_same_seed_same_project(records):
    assert generate(**SIZES, start=START, today=TODAY, seed=7) == records
    assert generate(**SIZES, start=START, today=TODAY, seed=8) != records


def test_default_start_puts_today_mid_project():
    start = default_start(TODAY, 36)
    timeline = Timeline.of(start, 36, TODAY)
    assert start == date(2025, 2, 1)
    assert timeline.end == date(2028, 1, 31)
    assert 0.4 < (TODAY - start).days / timeline.days < 0.6


def test_milestones_follow_the_rules(records):
    milestones = records["milestone"]
    assert len(milestones) == SIZES["milestones"]
    assert {m["status"] for m in milestones} == {"planned", "in_progress", "done", "cancelled"}
    for m in milestones:
        assert milestone_problems(m, TODAY) == {}
        assert m["current_end"] >= m["current_start"]
        if m["status"] == "done":
            assert m["percent_complete"] == 100 and m["actual_finish"] <= TODAY
        if m["status"] in ("planned", "cancelled"):
            assert m["actual_start"] is None and m["percent_complete"] == 0


def test_dependencies_point_back_and_hold(records):
    milestones = records["milestone"]
    assert records["milestone_dependency"]
    pairs = set()
    for link in records["milestone_dependency"]:
        before, after = link["predecessor_id"], link["successor_id"]
        assert before < after  # to earlier milestones only: no cycle can form
        assert (before, after) not in pairs
        pairs.add((before, after))
        first, then = milestones[before], milestones[after]
        assert (then["current_start"] - first["current_end"]).days >= link["lag_days"]
        if then["status"] in ("in_progress", "done"):
            assert first["status"] in ("done", "cancelled")


def test_posts_lie_in_their_country_and_updates_are_dated(records):
    for post in records["border_post"]:
        assert coordinate_problem(post["country"], post["latitude"], post["longitude"]) is None
        assert consistency_problems(post["stage"], post["progress"]) == {}
    latest = {}
    for update in records["post_update"]:
        assert update["date"] < TODAY
        latest[update["post_id"]] = (update["stage"], update["progress"])
    for number, post in enumerate(records["border_post"]):
        assert latest[number] == (post["stage"], post["progress"])


def test_outcomes_follow_their_notes(records):
    held = [w for w in records["workshop"] if w["end_date"] < TODAY]
    assert held and records["participation"] and records["outcome_milestone"]
    last = {}
    for note in records["outcome_note"]:
        assert note["date"] < TODAY
        last[note["outcome_id"]] = note["status"]
    for number, outcome in enumerate(records["outcome"]):
        assert outcome["status"] == last.get(number, "not_started")


def test_nothing_is_recorded_after_today(records):
    now = Timeline.of(START, SIZES["months"], TODAY).now
    for rows in records.values():
        for record in rows:
            assert record.get("_created", now) <= now
            assert all(at <= now for at, _changes, _reason in record.get("_updates", ()))


def _replay(entries) -> dict:
    """Return the records that applying every history entry in order gives."""
    state = {}
    for entry in sorted(entries, key=lambda e: (e["at"], e["id"])):
        records = state.setdefault(entry["entity"], {})
        entity, changes = entry["entity"], entry["changes"]
        if entry["action"] == "create":
            records[entry["entity_id"]] = {
                f: decode(entity, f, new) for f, (_, new) in changes.items()
            }
            continue
        record = records[entry["entity_id"]]
        for field, (old, new) in changes.items():
            assert str(record[field]) == str(decode(entity, field, old))
            record[field] = decode(entity, field, new)
    return state


def test_command_fills_an_empty_database_once(app, runner):
    args = [
        "seed-scale",
        "--milestones",
        "80",
        "--posts",
        "15",
        "--workshops",
        "3",
        "--months",
        "18",
        "--start",
        "2026-01-01",
        "--seed",
        "3",
    ]
    result = runner.invoke(args=args)
    assert result.exit_code == 0, result.output
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Milestone)) == 80
        assert db.session.scalar(select(func.count()).select_from(BorderPost)) == 15
        # A small results framework, whatever the size, with every computed indicator.
        assert db.session.scalar(select(func.count()).select_from(Indicator)) == 5
        # Every stored entry in full (the report's history_entries() keeps creations lean).
        table = HistoryEntry.__table__
        entries = [
            dict(row)
            for row in db.session.execute(
                select(table).where(table.c.entity.in_(ENTITIES))
            ).mappings()
        ]
        rows = current_rows()
        replayed = _replay(entries)
        for entity, records in rows.items():
            for key, row in records.items():
                for field, value in replayed[entity][key].items():
                    assert str(value) == str(row[field]), (entity, key, field)
        history = db.session.scalar(select(func.count()).select_from(HistoryEntry))
        times = db.session.scalars(
            select(HistoryEntry.at)
            .where(HistoryEntry.entity != "user_account")
            .order_by(HistoryEntry.id)
        ).all()
        assert times == sorted(times)  # ids follow time, as the listener's do
        assert max(times) <= datetime(2026, 8, 15, 8, 0, tzinfo=times[0].tzinfo)

    again = runner.invoke(args=args)
    assert again.exit_code != 0
    assert "already holds project data" in again.output
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(HistoryEntry)) == history


def test_command_refuses_a_start_after_today(runner):
    result = runner.invoke(args=["seed-scale", "--milestones", "5", "--start", "2027-01-01"])
    assert result.exit_code != 0
    assert "must have started by today" in result.output
