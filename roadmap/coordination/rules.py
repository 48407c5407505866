"""The coordination's rules on plain values: priority scores and ranks, gaps and overlaps."""

from collections import defaultdict

from flask_babel import gettext as _

from roadmap.coordination.vocab import CRITERIA, SCORE_RANGE, SECTORS

# A score at or above the first bound is a high priority, at or above the second medium.
HIGH_FROM, MEDIUM_FROM = 3.5, 2.5
# The activities a post's partners are named for on the map: those not finished.
ACTIVE_STATUSES = ("planned", "ongoing")


def weight_problems(weights: dict) -> dict[str, str]:
    """Return {criterion: message} for weights that are missing, negative or not summing to 100."""
    problems, total = {}, 0
    for criterion in CRITERIA:
        value = weights.get(criterion)
        if value is None or value == "":
            problems[criterion] = _("Give a weight.")
            continue
        try:
            number = int(value)
        except (TypeError, ValueError):
            problems[criterion] = _("Give a whole number.")
            continue
        if number != value and str(number) != str(value).strip():
            problems[criterion] = _("Give a whole number.")
        elif number < 0:
            problems[criterion] = _("A weight cannot be negative.")
        total += number
    if not problems and total != 100:
        first = next(iter(CRITERIA))
        problems[first] = _(
            "The weights add up to %(total)s; they must add up to 100.", total=total
        )
    return problems


def score_problems(scores: dict) -> dict[str, str]:
    """Return {criterion: message} for each score missing or outside 1–5."""
    low, high = SCORE_RANGE
    problems = {}
    for criterion in CRITERIA:
        value = scores.get(criterion)
        if value is None or value == "":
            problems[criterion] = _("Give a score from %(low)d to %(high)d.", low=low, high=high)
            continue
        try:
            number = int(value)
        except (TypeError, ValueError):
            number = None
        if number is None or str(number) != str(value).strip() or not low <= number <= high:
            problems[criterion] = _(
                "A score is a whole number from %(low)d to %(high)d.", low=low, high=high
            )
    return problems


def priority_score(scores: dict, weights: dict) -> float | None:
    """Return the weighted mean of an assessment's scores (1–5), None without scores."""
    total = sum(weights.get(c, 0) for c in CRITERIA)
    if not scores or not total:
        return None
    return round(sum(weights.get(c, 0) * int(scores[c]) for c in CRITERIA) / total, 2)


def priority_word(score: float | None, typed: str) -> str:
    """Return high, medium or low from a score; the typed word for a post never assessed."""
    if score is None:
        return typed
    return "high" if score >= HIGH_FROM else "medium" if score >= MEDIUM_FROM else "low"


def latest(assessments: list[dict]) -> dict | None:
    """Return the latest assessment: the last day, and of one day the last entered."""
    return max(assessments, key=lambda a: (a["assessed_on"], a["id"]), default=None)


def rank(posts: list[dict]) -> list[dict]:
    """Return the posts ranked, each with its `rank` (1 first) and whether it was overridden.

    A post is {id, name, score (None: never assessed), typed, override (rank or None)}.
    Scored posts come first, highest score first; unscored ones after, by their typed
    word. An override puts its post at that rank and moves the others down.
    """
    words = {"high": 0, "medium": 1, "low": 2}
    ordered = sorted(
        (p for p in posts if not p.get("override")),
        key=lambda p: (
            p["score"] is None,
            -(p["score"] or 0),
            words.get(p.get("typed"), 3),
            p["name"],
            p["id"],
        ),
    )
    for post in sorted((p for p in posts if p.get("override")), key=lambda p: p["override"]):
        ordered.insert(min(post["override"], len(ordered) + 1) - 1, post)
    return [
        post | {"rank": n, "overridden": bool(post.get("override"))}
        for n, post in enumerate(ordered, 1)
    ]


def overlaps(activities: list[dict]) -> list[tuple[dict, dict]]:
    """Return the pairs of activities of two partners in one sector at one post, overlapping in time.

    An activity is {id, partner_id, sector, post_id, start_date, end_date}; an activity
    across a whole country (no post) overlaps nothing here.
    """
    groups = defaultdict(list)
    for activity in activities:
        if activity.get("post_id") is not None:
            groups[(activity["post_id"], activity["sector"])].append(activity)
    found = []
    for members in groups.values():
        members = sorted(members, key=lambda a: (a["start_date"], a["id"]))
        for i, first in enumerate(members):
            for second in members[i + 1 :]:
                if second["start_date"] > first["end_date"]:
                    break
                if first["partner_id"] != second["partner_id"]:
                    found.append((first, second))
    return found


def gaps(posts: list[dict], activities: list[dict]) -> list[dict]:
    """Return {post, sector} for each need of a high-priority post that no activity covers.

    A post is {id, country, priority, needs, assessed_on}: its needs are those of its
    latest assessment. An activity at the post, or across its country, covers a need
    of its sector unless it ended before that assessment (the need came after it).
    """
    found = []
    for post in posts:
        if post["priority"] != "high":
            continue
        day = post.get("assessed_on")
        covered = {
            activity["sector"]
            for activity in activities
            if (
                activity.get("post_id") == post["id"]
                or (activity.get("post_id") is None and activity["country"] == post.get("country"))
            )
            and (day is None or activity["end_date"] >= day)
        }
        found.extend(
            {"post": post, "sector": sector}
            for sector in SECTORS
            if sector in (post.get("needs") or []) and sector not in covered
        )
    return found


def matrix(
    activities: list[dict], rows: list, columns: list, row_key: str, column_key: str
) -> list[list[int]]:
    """Return the count of activities in each (row, column) cell, rows × columns."""
    counts = defaultdict(int)
    for activity in activities:
        counts[(activity[row_key], activity[column_key])] += 1
    return [[counts[(row, column)] for column in columns] for row in rows]
