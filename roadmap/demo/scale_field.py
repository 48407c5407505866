"""Border posts with their dated updates, and workshops with participation and outcomes.

Plain dicts shaped like those of scale_schedule.py: columns, `_created`, `_initial`,
`_updates`, and references holding the other record's index.
"""

from datetime import timedelta

from roadmap.demo.data import STAGE_COMMENTS
from roadmap.demo.scale_clock import Timeline, money
from roadmap.demo.scale_schedule import PLACES
from roadmap.posts.geo import BOXES
from roadmap.posts.models import STAGES
from roadmap.workshops.models import ORG_TYPES, SEXES

COUNTRY_WEIGHTS = {"NER": 4, "MLI": 3, "BFA": 3, "MRT": 2}
NEIGHBOURS = {
    "NER": ("MLI", "BFA", "NGA", "BEN", "DZA", "LBY", "TCD"),
    "MLI": ("NER", "BFA", "MRT", "SEN", "GIN", "CIV", "DZA"),
    "MRT": ("MLI", "SEN", "DZA", "ESH"),
    "BFA": ("MLI", "NER", "CIV", "GHA", "TGO", "BEN"),
}
KINDS = (("land", 75), ("river", 15), ("airport", 10))
SYLLABLES = (
    "ba",
    "da",
    "go",
    "ka",
    "ko",
    "la",
    "ma",
    "na",
    "ni",
    "ou",
    "ra",
    "sa",
    "ta",
    "té",
    "yo",
    "zi",
    "dou",
    "mbo",
    "nké",
    "sso",
)
CONTRACTORS = (
    "Société Sahel BTP",
    "Ténéré Bâtiment SARL",
    "Niger Fleuve Construction",
    "Djoliba Bâtiment SA",
    "Chinguetti Travaux Publics",
    "Faso Génie Civil SARL",
    "Entreprise Kadiogo Travaux",
)
WORKS_COMMENT = "Works progressing as reported by the site engineer."
# Margin kept inside a country's bounding box, in degrees.
BOX_MARGIN = 0.2
TOPICS = (
    "Regional coordination",
    "Border data sharing",
    "Integrated border management",
    "Cross-border cooperation",
    "Humanitarian border management",
    "Training of trainers",
)
OUTCOME_TEXTS = {
    "recommendation": "Strengthen {topic} between the border services of {country}.",
    "decision": "Adopt a joint work plan on {topic} for {country}.",
    "action": "Share the list of priority posts for {topic} with {country}.",
}
RESPONSIBLE = (
    "Ministry of Interior",
    "National border police",
    "IOM",
    "Customs",
    "G5 Sahel secretariat",
    "National coordination committee",
)
# Follow-up paths an outcome may take, note by note.
PATHS = (
    ("in_progress", "completed"),
    ("in_progress", "constrained", "in_progress", "completed"),
    ("in_progress",),
    ("in_progress", "constrained"),
    ("discontinued",),
)
NOTE_TEXTS = {
    "in_progress": "Work on this started with the responsible services.",
    "constrained": "Blocked for now: waiting for the government's budget line.",
    "completed": "Done; evidence filed with the monitoring team.",
    "discontinued": "Dropped by the steering committee.",
}


def _name(rng, number: int) -> str:
    syllables = rng.choices(SYLLABLES, k=rng.randint(2, 3))
    return f"{''.join(syllables).capitalize()} {number}"


def _author(rng, authors):
    return rng.choice(authors) if authors else None


def _stage_walk(rng, tl: Timeline, identified) -> list[tuple]:
    """Return the dated (day, stage, progress) reports of one post, up to today."""
    steps, day = [(identified, "identified", 0)], identified
    for stage in STAGES[1:5]:
        day += timedelta(days=rng.randint(20, 120))
        if day >= tl.today:
            return steps
        steps.append((day, stage, 10 if stage == "works_in_progress" else 0))
    percent = 10
    while True:
        day += timedelta(days=rng.randint(20, 60))
        if day >= tl.today:
            return steps
        percent += rng.randint(5, 25)
        if percent < 100:
            steps.append((day, "works_in_progress", percent))
            continue
        steps.append((day, "completed", 100))
        day += timedelta(days=rng.randint(10, 40))
        if day < tl.today:
            steps.append((day, "handed_over", 100))
        return steps


def posts(rng, tl: Timeline, count: int, authors) -> tuple[list[dict], list[dict]]:
    """Return border posts (inside their country's box) and their dated updates."""
    records, updates = [], []
    countries, weights = zip(*COUNTRY_WEIGHTS.items(), strict=True)
    for index in range(count):
        country = rng.choices(countries, weights=weights)[0]
        lat_min, lat_max, lon_min, lon_max = BOXES[country]
        kind = rng.choices(*zip(*KINDS, strict=True))[0]
        cost = money(rng.randrange(20_000, 200_000, 500))
        latest = min(tl.today - timedelta(days=1), tl.end)
        steps = _stage_walk(rng, tl, tl.day_between(rng, tl.start, latest))
        contractor = rng.choice(CONTRACTORS)
        record = {
            "name": _name(rng, index + 1),
            "country": country,
            "neighbour_country": None if kind == "airport" else rng.choice(NEIGHBOURS[country]),
            "kind": kind,
            "latitude": round(rng.uniform(lat_min + BOX_MARGIN, lat_max - BOX_MARGIN), 4),
            "longitude": round(rng.uniform(lon_min + BOX_MARGIN, lon_max - BOX_MARGIN), 4),
            "priority": rng.choice(("high", "medium", "low")),
            "estimated_cost": cost,
            "notes": "",
            "contractor": "",
            "spent": None,
            "stage": "identified",
            "progress": 0,
            "_initial": {"stage": "identified", "progress": 0, "contractor": "", "spent": None},
            "_updates": [],
        }
        for number, (day, stage, percent) in enumerate(steps):
            at = tl.moment(day, rng)
            updates.append(
                {
                    "post_id": index,
                    "date": day,
                    "stage": stage,
                    "progress": percent,
                    "comment": STAGE_COMMENTS[stage] if percent in (0, 10, 100) else WORKS_COMMENT,
                    "author_id": _author(rng, authors),
                    "created_at": at,
                    "_created": at,
                }
            )
            if number == 0:
                record["_created"] = record["created_at"] = at
                continue
            values = {"stage": stage, "progress": percent}
            if stage == "procured":
                values["contractor"] = contractor
            if stage in ("works_in_progress", "completed"):
                share = percent / 100 * rng.uniform(0.8, 1.15)
                values["spent"] = money(float(cost) * share)
            changes = {
                name: [_plain(record[name]), _plain(value)]
                for name, value in values.items()
                if record[name] != value
            }
            record.update(values)
            record["_updates"].append((at, changes, ""))
        record["version"] = 1 + len(record["_updates"])
        records.append(record)
    return records, updates


def _plain(value):
    return str(value) if value is not None and not isinstance(value, (int, str)) else value


def workshops(rng, tl: Timeline, count: int, milestones: list[dict], authors) -> dict:
    """Return workshops, each held by a milestone, with participation, outcomes and notes.

    Only workshops already held have participants and outcomes. Sets the holding
    milestone's workshop_id.
    """
    found = {"workshops": [], "participation": [], "outcomes": [], "notes": [], "links": []}
    for index in range(min(count, len(milestones))):
        place_of = int((index + 0.5) * len(milestones) / count)
        holder = milestones[place_of]
        if holder["status"] == "done":
            end = holder["actual_finish"]
        elif holder["current_end"] < tl.today:  # late: it will be held soon
            end = tl.today + timedelta(days=rng.randint(7, 30))
        else:
            end = holder["current_end"]
        start = max(end - timedelta(days=rng.choice((1, 1, 2))), tl.start)
        country = holder["country"] or rng.choice(tuple(PLACES))
        place, topic = rng.choice(PLACES[country]), rng.choice(TOPICS)
        created = tl.moment(
            tl.day_between(rng, max(tl.start, start - timedelta(days=45)), min(start, tl.today)),
            rng,
        )
        found["workshops"].append(
            {
                "title": f"{topic} workshop, {place}",
                "place": place,
                "country": country,
                "start_date": start,
                "end_date": end,
                "organiser": "IOM",
                "summary": f"Government delegates and partners met on {topic.lower()}.",
                "agenda": "",
                "_created": created,
                "_updates": [],
            }
        )
        holder["workshop_id"] = index
        if end < tl.today:
            after = tl.moment(end + timedelta(days=1), rng)
            _participation(rng, found["participation"], index, after)
            _outcomes(rng, tl, found, index, end, after, topic, milestones, place_of, authors)
    return found


def _participation(rng, rows: list, workshop: int, at) -> None:
    for country in ("MLI", "NER", "MRT", "BFA", "TCD"):
        for org_type in ORG_TYPES:
            for sex in SEXES:
                top = 8 if org_type == "government" else 3
                count = rng.randint(0, top if sex == "male" else top // 2 + 1)
                if count:
                    rows.append(
                        {
                            "workshop_id": workshop,
                            "country": country,
                            "org_type": org_type,
                            "sex": sex,
                            "count": count,
                            "_created": at,
                        }
                    )


def _outcomes(rng, tl, found, workshop, end, at, topic, milestones, after, authors) -> None:
    """Add the workshop's outcomes, their links to later milestones and their notes."""
    later = range(after + 1, min(len(milestones), after + 400))
    for position in range(rng.randint(4, 14)):
        kind = rng.choice(tuple(OUTCOME_TEXTS))
        outcome = {
            "workshop_id": workshop,
            "kind": kind,
            "text": OUTCOME_TEXTS[kind].format(
                topic=topic.lower(), country=rng.choice(tuple(PLACES))
            ),
            "responsible": rng.choice(RESPONSIBLE),
            "due_date": end + timedelta(days=rng.randint(30, 240)),
            "status": "not_started",
            "position": position,
            "_created": at,
            "_initial": {"status": "not_started"},
            "_updates": [],
        }
        number = len(found["outcomes"])
        found["outcomes"].append(outcome)
        if later:
            for milestone in sorted(set(rng.sample(later, min(len(later), rng.randint(1, 3))))):
                found["links"].append({"outcome_id": number, "milestone_id": milestone})
        day = end + timedelta(days=rng.randint(7, 40))
        for status in rng.choice(PATHS):
            if day >= tl.today:
                break
            when = max(tl.moment(day, rng), at + timedelta(minutes=1))
            found["notes"].append(
                {
                    "outcome_id": number,
                    "date": day,
                    "status": status,
                    "text": NOTE_TEXTS[status],
                    "author_id": _author(rng, authors),
                    "created_at": when,
                    "_created": when,
                }
            )
            outcome["_updates"].append((when, {"status": [outcome["status"], status]}, ""))
            outcome["status"] = status
            day += timedelta(days=rng.randint(20, 90))
        outcome["version"] = 1 + len(outcome["_updates"])
