"""Generate a large, internally consistent project as plain dicts (no database here).

`generate` returns {table name: [record, ...]} in the order the loader inserts them.
Besides its columns, a record holds `_created`, `_initial` and `_updates`, from which
scale_history.py writes its history; a reference to another record holds that
record's index in its own list (see REFERENCES) until the loader swaps in the id.
The same arguments and seed give the same project.
"""

import random
from datetime import UTC, date, datetime, time, timedelta

from roadmap.demo import scale_field, scale_schedule
from roadmap.demo.scale_clock import Timeline, money

WORKSTREAMS = (
    "Assessment and mapping",
    "Regional coordination",
    "Rehabilitation of border posts",
    "Training and equipment",
    "Monitoring and reporting",
    "Community engagement",
    "Information management",
    "Gender and protection",
)
REHABILITATION = 2  # the workstream whose milestones are about one border post
# Table → {column: table it refers to}; such columns hold an index until loaded.
REFERENCES = {
    "project": {},
    "workstream": {"project_id": "project"},
    "border_post": {},
    "post_update": {"post_id": "border_post"},
    "workshop": {},
    "participation": {"workshop_id": "workshop"},
    "milestone": {
        "workstream_id": "workstream",
        "post_id": "border_post",
        "workshop_id": "workshop",
        "pushed_by_id": "milestone",
    },
    "milestone_dependency": {"predecessor_id": "milestone", "successor_id": "milestone"},
    "outcome": {"workshop_id": "workshop"},
    "outcome_note": {"outcome_id": "outcome"},
    "outcome_milestone": {"outcome_id": "outcome", "milestone_id": "milestone"},
}


def generate(
    *,
    milestones: int,
    posts: int,
    workshops: int,
    months: int,
    start: date,
    today: date,
    seed: int = 1,
    authors=(),
) -> dict[str, list[dict]]:
    """Return every record of a generated project, keyed by table, in insertion order.

    `authors` are the user ids that post updates and follow-up notes are signed by.
    """
    # Made-up data, repeatable by design: no secret comes from this generator.
    rng = random.Random(seed)  # nosec B311
    tl = Timeline.of(start, months, today)
    project = _project(tl, months)
    streams = [
        {"project_id": 0, "name": name, "position": position, "_created": project["_created"]}
        for position, name in enumerate(WORKSTREAMS[: max(1, min(len(WORKSTREAMS), milestones))])
    ]
    schedule, links = scale_schedule.milestones(rng, tl, milestones, len(streams))
    border_posts, updates = scale_field.posts(rng, tl, posts, authors)
    _link_posts(rng, schedule, border_posts)
    held = scale_field.workshops(rng, tl, workshops, schedule, authors)
    return {
        "project": [project],
        "workstream": streams,
        "border_post": border_posts,
        "post_update": updates,
        "workshop": held["workshops"],
        "participation": held["participation"],
        "milestone": schedule,
        "milestone_dependency": links,
        "outcome": held["outcomes"],
        "outcome_note": held["notes"],
        "outcome_milestone": held["links"],
    }


def _project(tl: Timeline, months: int) -> dict:
    return {
        "name": "Sahel Border Management Programme",
        "code": "IOM-SAHEL-BMP",
        "donor": "Government of Japan",
        "implementing_org": "International Organization for Migration (IOM)",
        "start_date": tl.start,
        "end_date": tl.end,
        "countries": ["MLI", "NER", "MRT", "BFA"],
        "currency": "USD",
        "budget": money(40_000_000),
        "summary": f"A {months}-month programme of border management across the Sahel: "
        "assessments, rehabilitation of border posts, training and equipment, and "
        "regional coordination.",
        "iati_identifier": "XM-DAC-47066-SAHEL-BMP",
        "reporting_org_ref": "XM-DAC-47066",
        "reporting_org_type": "40",
        "funding_org_ref": "XM-DAC-701",
        "funding_org_type": "10",
        "assessment_weights": None,
        "_created": datetime.combine(tl.start - timedelta(days=1), time(9, 0), tzinfo=UTC),
    }


def _link_posts(rng, schedule: list[dict], border_posts: list[dict]) -> None:
    """Tie most rehabilitation milestones to a post, in the post's country."""
    if not border_posts:
        return
    for record in schedule:
        if record["workstream_id"] == REHABILITATION and rng.random() < 0.8:
            number = rng.randrange(len(border_posts))
            record["post_id"] = number
            record["country"] = border_posts[number]["country"]
            record["title"] = f"Rehabilitation works at {border_posts[number]['name']}"


def history_size(records: dict[str, list[dict]]) -> int:
    """Return how many history entries the records will have (one each, plus updates)."""
    return sum(
        1 + len(record.get("_updates", ()))
        for table, rows in records.items()
        if table != "outcome_milestone"
        for record in rows
    )
