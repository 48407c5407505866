"""The coordination's rules on textbook cases: scores, ranks, gaps, overlaps, refusals."""

from datetime import date

from roadmap.coordination import rules
from roadmap.coordination.vocab import DEFAULT_WEIGHTS

EVEN = dict.fromkeys(DEFAULT_WEIGHTS, 0) | {"traffic": 50, "security": 50}
ALL_THREE = dict.fromkeys(DEFAULT_WEIGHTS, 3)


def post(id, score=None, override=None, typed="medium", name=None):
    return {
        "id": id,
        "name": name or f"Post {id}",
        "score": score,
        "override": override,
        "typed": typed,
    }


def test_the_score_is_the_weighted_mean_of_the_scores(app):
    scores = ALL_THREE | {"traffic": 5, "security": 1}
    assert rules.priority_score(scores, EVEN) == 3.0
    assert rules.priority_score(scores, EVEN | {"traffic": 75, "security": 25}) == 4.0
    assert rules.priority_score(ALL_THREE, DEFAULT_WEIGHTS) == 3.0
    assert rules.priority_score({}, DEFAULT_WEIGHTS) is None


def test_the_word_follows_the_score_and_the_typed_one_stays_without_an_assessment():
    assert rules.priority_word(4.2, "low") == "high"
    assert rules.priority_word(3.5, "low") == "high"
    assert rules.priority_word(3.0, "high") == "medium"
    assert rules.priority_word(1.4, "high") == "low"
    assert rules.priority_word(None, "high") == "high"


def test_the_ranking_follows_the_scores_then_the_typed_words():
    ranked = rules.rank(
        [
            post(1, 2.0),
            post(2, 4.5),
            post(3, None, typed="low"),
            post(4, 3.1),
            post(5, None, typed="high"),
        ]
    )
    assert [p["id"] for p in ranked] == [2, 4, 1, 5, 3]
    assert [p["rank"] for p in ranked] == [1, 2, 3, 4, 5]
    assert not any(p["overridden"] for p in ranked)


def test_an_override_puts_its_post_at_that_rank_and_moves_the_others_down():
    ranked = rules.rank([post(1, 4.0), post(2, 3.0), post(3, 2.0, override=1), post(4, 1.0)])
    assert [p["id"] for p in ranked] == [3, 1, 2, 4]
    assert ranked[0]["overridden"] and ranked[0]["rank"] == 1
    # A rank past the end puts the post last.
    ranked = rules.rank([post(1, 4.0), post(2, 3.0, override=9)])
    assert [(p["id"], p["rank"]) for p in ranked] == [(1, 1), (2, 2)]


def test_the_latest_assessment_is_the_last_day_then_the_last_entered():
    found = rules.latest(
        [
            {"id": 1, "assessed_on": date(2026, 5, 1)},
            {"id": 3, "assessed_on": date(2026, 4, 1)},
            {"id": 2, "assessed_on": date(2026, 5, 1)},
        ]
    )
    assert found["id"] == 2
    assert rules.latest([]) is None


def activity(id, partner, sector, post_id, start, end, country="NER", status="ongoing"):
    return {
        "id": id,
        "partner_id": partner,
        "sector": sector,
        "post_id": post_id,
        "country": country,
        "status": status,
        "start_date": date.fromisoformat(start),
        "end_date": date.fromisoformat(end),
    }


def test_overlaps_are_two_partners_one_sector_one_post_at_once():
    activities = [
        activity(1, "A", "equipment", 10, "2026-06-01", "2026-09-30"),
        activity(2, "B", "equipment", 10, "2026-09-30", "2026-12-31"),  # shares one day
        activity(3, "C", "equipment", 10, "2027-01-01", "2027-02-01"),  # after both
        activity(4, "B", "training", 10, "2026-06-01", "2026-09-30"),  # another sector
        activity(5, "C", "equipment", 11, "2026-06-01", "2026-09-30"),  # another post
        activity(6, "A", "equipment", 10, "2026-07-01", "2026-10-15"),  # A again: with B only
        activity(7, "D", "equipment", None, "2026-06-01", "2026-09-30"),  # a whole country
    ]
    pairs = {(a["id"], b["id"]) for a, b in rules.overlaps(activities)}
    assert pairs == {(1, 2), (6, 2)}


def test_no_overlap_when_periods_only_touch_the_day_after():
    activities = [
        activity(1, "A", "equipment", 10, "2026-06-01", "2026-09-30"),
        activity(2, "B", "equipment", 10, "2026-10-01", "2026-12-31"),
    ]
    assert rules.overlaps(activities) == []


def test_gaps_are_needs_of_high_priority_posts_that_nobody_covers():
    posts = [
        {
            "id": 10,
            "country": "NER",
            "priority": "high",
            "needs": ["equipment", "training"],
            "assessed_on": date(2026, 5, 1),
        },
        {
            "id": 11,
            "country": "MLI",
            "priority": "high",
            "needs": ["coordination"],
            "assessed_on": date(2026, 5, 1),
        },
        {
            "id": 12,
            "country": "NER",
            "priority": "medium",
            "needs": ["infrastructure"],
            "assessed_on": date(2026, 5, 1),
        },
        {
            "id": 13,
            "country": "NER",
            "priority": "high",
            "needs": ["infrastructure"],
            "assessed_on": date(2026, 5, 1),
        },
    ]
    activities = [
        activity(1, "A", "equipment", 10, "2026-06-01", "2026-09-30"),
        activity(2, "B", "coordination", None, "2026-03-01", "2027-02-28", country="MLI"),
        # Finished before the post was assessed: the need came after it.
        activity(3, "C", "infrastructure", 13, "2026-03-01", "2026-04-15", status="done"),
    ]
    found = [(g["post"]["id"], g["sector"]) for g in rules.gaps(posts, activities)]
    assert found == [(10, "training"), (13, "infrastructure")]


def test_weights_must_be_whole_non_negative_and_add_up_to_100():
    assert rules.weight_problems(DEFAULT_WEIGHTS) == {}
    assert "100" in rules.weight_problems(DEFAULT_WEIGHTS | {"traffic": 30})["traffic"]
    assert "negative" in rules.weight_problems(DEFAULT_WEIGHTS | {"security": -5})["security"]
    assert rules.weight_problems(DEFAULT_WEIGHTS | {"staffing": ""})["staffing"]
    assert rules.weight_problems(DEFAULT_WEIGHTS | {"staffing": "1.5"})["staffing"]


def test_scores_must_be_whole_numbers_from_1_to_5(app):
    with app.test_request_context():
        assert rules.score_problems(ALL_THREE) == {}
        problems = rules.score_problems(ALL_THREE | {"traffic": 6, "security": 0, "staffing": "x"})
        assert set(problems) == {"traffic", "security", "staffing"}
        assert "1 to 5" in problems["traffic"]
        assert rules.score_problems(ALL_THREE | {"connectivity": None})["connectivity"]


def test_the_matrix_counts_activities_per_cell():
    activities = [
        activity(1, "A", "equipment", 10, "2026-06-01", "2026-09-30", country="NER"),
        activity(2, "A", "training", 11, "2026-06-01", "2026-09-30", country="NER"),
        activity(3, "B", "training", 12, "2026-06-01", "2026-09-30", country="MLI"),
    ]
    assert rules.matrix(activities, ["A", "B"], ["NER", "MLI"], "partner_id", "country") == [
        [2, 0],
        [0, 1],
    ]
