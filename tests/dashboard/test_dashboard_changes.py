"""Which history entries the dashboard tells a returning visitor about (pure functions)."""

from datetime import UTC, datetime

from roadmap.dashboard.figures import changes_that_matter, handed_over_share

T1 = datetime(2026, 8, 10, 9, 0, tzinfo=UTC)
T2 = datetime(2026, 8, 11, 9, 0, tzinfo=UTC)


def entry(id, entity, action, changes, at=T1, entity_id=1):
    return {
        "id": id,
        "at": at,
        "entity": entity,
        "entity_id": entity_id,
        "action": action,
        "changes": changes,
        "label": f"{entity} {entity_id}",
    }


def test_only_watched_fields_of_watched_records_are_kept():
    entries = [
        entry(1, "milestone", "update", {"owner": ["A", "B"]}),  # routine: dropped
        entry(2, "milestone", "update", {"percent_complete": [40, 60], "owner": ["A", "B"]}),
        entry(3, "workstream", "update", {"name": ["x", "y"]}),  # not watched
        entry(
            4,
            "post_update",
            "create",
            {
                "stage": [None, "works_in_progress"],
                "post_id": [None, 7],
                "date": [None, "2026-08-10"],
            },
        ),
        entry(5, "border_post", "update", {"stage": ["procured", "works_in_progress"]}),
        entry(6, "report_version", "create", {"number": [None, 1], "report_id": [None, 3]}),
        entry(7, "post_update", "update", {"comment": ["a", "b"]}),  # added-only record
    ]
    kept = changes_that_matter(entries)
    assert [e["id"] for e in kept] == [6, 4, 2]
    assert kept[2]["changes"] == {"percent_complete": [40, 60]}
    assert kept[1]["changes"] == {"stage": [None, "works_in_progress"]}


def test_newest_first_and_limited():
    entries = [
        entry(
            i,
            "milestone",
            "update",
            {"status": ["planned", "in_progress"]},
            at=T1 if i < 5 else T2,
            entity_id=i,
        )
        for i in range(1, 9)
    ]
    kept = changes_that_matter(entries, limit=3)
    assert [e["id"] for e in kept] == [8, 7, 6]


def test_a_status_changed_by_a_note_is_told_once():
    entries = [
        entry(
            1,
            "outcome_note",
            "create",
            {"outcome_id": [None, 4], "status": [None, "completed"], "text": [None, "Done."]},
            entity_id=9,
        ),
        entry(2, "outcome", "update", {"status": ["in_progress", "completed"]}, entity_id=4),
        entry(
            3, "outcome", "update", {"status": ["not_started", "in_progress"]}, at=T2, entity_id=4
        ),
    ]
    assert [e["id"] for e in changes_that_matter(entries)] == [3, 1]


def test_a_created_milestone_is_news_without_its_fields():
    kept = changes_that_matter([entry(1, "milestone", "create", {"status": [None, "planned"]})])
    assert kept[0]["changes"] == {}


def test_handed_over_share():
    assert handed_over_share(["handed_over", "completed", "handed_over", "identified"]) == (2, 4)
    assert handed_over_share([]) == (0, 0)
