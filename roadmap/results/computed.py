"""The actuals of computed indicators, from the project's records as they stood on a day.

Pure: `state` is {entity: {id: row}} as roadmap/reports/snapshot.py rebuilds it for the
end of a period (with the workshops' participation), so a fact entered late counts in
the period it happened in. Each function returns (value, breakdown); a value of None
means the data say nothing yet.
"""

from collections import defaultdict
from datetime import date


def posts_handed_over(state: dict, day: date):
    """Count the border posts handed over, by country."""
    posts = [p for p in state.get("border_post", {}).values() if p["stage"] == "handed_over"]
    by_country = defaultdict(float)
    for post in posts:
        by_country[post["country"]] += 1
    return float(len(posts)), ({"country": dict(sorted(by_country.items()))} if posts else {})


def average_progress(state: dict, day: date):
    """Return the average physical progress of the border posts, in percent."""
    progress = [p["progress"] or 0 for p in state.get("border_post", {}).values()]
    if not progress:
        return None, {}
    return round(sum(progress) / len(progress), 1), {}


def participants(state: dict, day: date):
    """Count the people who took part in workshops held by the day, by sex and country."""
    held = {key for key, w in state.get("workshop", {}).items() if w["end_date"] <= day}
    rows = [r for r in state.get("participation", {}).values() if r["workshop_id"] in held]
    by_sex, by_country = defaultdict(float), defaultdict(float)
    for row in rows:
        by_sex[row["sex"]] += row["count"]
        by_country[row["country"]] += row["count"]
    total = float(sum(by_sex.values()))
    if not held:
        return None, {}
    return total, {"sex": dict(sorted(by_sex.items())), "country": dict(sorted(by_country.items()))}


def recommendations_implemented(state: dict, day: date):
    """Count the workshop recommendations whose follow-up is completed."""
    done = [
        o
        for o in state.get("outcome", {}).values()
        if o["kind"] == "recommendation" and o["status"] == "completed"
    ]
    return float(len(done)), {}


COMPUTE = {
    "posts_handed_over": posts_handed_over,
    "average_progress": average_progress,
    "participants": participants,
    "recommendations_implemented": recommendations_implemented,
}


def compute(source: str, state: dict, day: date):
    """Return (value, breakdown) of a computed indicator as of the end of day."""
    return COMPUTE[source](state, day)
