"""Milestones and dependencies of a generated project, as plain dicts.

Each record carries, beside its columns, what its history needs: `_created` (when it
was entered), `_initial` (the values it had then, where they differ from today's) and
`_updates` ([(instant, {field: [old, new]}, reason)], oldest first). References to other
records (workstream_id, pushed_by_id…) hold the other record's index in its list until
the loader turns them into ids.
"""

from datetime import timedelta
from types import SimpleNamespace

from roadmap.demo.dated_history import PROGRESS_FIELDS, milestone_then
from roadmap.demo.scale_clock import Timeline

POINT_SHARE = 0.08
CANCELLED_SHARE = 0.02
SLIP_SHARE = 0.25
# How many predecessors a milestone has, with their weights.
PREDECESSOR_COUNTS = ((0, 35), (1, 45), (2, 15), (3, 5))
LAGS = (0, 0, 0, 1, 2, 5, 7, 14)
# Predecessors are looked for among this many milestones planned just before.
PREDECESSOR_WINDOW = 300
TITLES = (
    "Assess border management at {place}",
    "Map crossing points around {place}",
    "Design the rehabilitation works in {place}",
    "Procure equipment for {place}",
    "Train border officials in {place}",
    "Validate standard operating procedures with {place} authorities",
    "Hold a coordination meeting in {place}",
    "Install connectivity and power at {place}",
    "Deliver patrol vehicles to {place}",
    "Review data sharing with {place} services",
    "Report on progress in {place}",
    "Sensitise border communities around {place}",
)
PLACES = {
    "NER": ("Niamey", "Agadez", "Zinder", "Tillabéri", "Diffa", "Dosso", "Tahoua", "Maradi"),
    "MLI": ("Bamako", "Sikasso", "Kayes", "Mopti", "Gao", "Ségou", "Koutiala"),
    "MRT": ("Nouakchott", "Néma", "Kiffa", "Rosso", "Kaédi", "Sélibaby"),
    "BFA": ("Ouagadougou", "Bobo-Dioulasso", "Dori", "Fada N'Gourma", "Banfora", "Kaya"),
}
OWNERS = (
    "IOM project manager",
    "IOM border management officer",
    "IOM engineer",
    "IOM training officer",
    "IOM monitoring and evaluation officer",
    "National border police focal point",
    "Ministry of Interior focal point",
)
SLIP_REASONS = (
    "Security situation delayed the field mission.",
    "Rainy season made the access road impassable.",
    "Government validation took longer than planned.",
    "Tender re-launched after no compliant bid.",
    "Customs clearance of the equipment was delayed.",
    "Trainers were not available on the planned dates.",
)
CANCEL_REASON = "No longer needed: merged into another activity."


def _weighted(rng, pairs):
    values, weights = zip(*pairs, strict=True)
    return rng.choices(values, weights=weights)[0]


def _spans(rng, tl: Timeline, count: int) -> list[tuple]:
    """Return (baseline start, baseline end) of each milestone, earliest start first."""
    spans = []
    for _ in range(count):
        length = 0 if rng.random() < POINT_SHARE else int(rng.triangular(3, 120, 21))
        length = min(length, tl.days)
        first = tl.start + timedelta(days=rng.randint(0, tl.days - length))
        spans.append((first, first + timedelta(days=length)))
    spans.sort()
    return spans


def _predecessors(rng, spans, index: int) -> list[tuple[int, int]]:
    """Return [(earlier index, lag)] whose baseline finishes before this one starts."""
    wanted = _weighted(rng, PREDECESSOR_COUNTS)
    found, low = {}, max(0, index - PREDECESSOR_WINDOW)
    for _ in range(wanted * 4 if index else 0):
        if len(found) == wanted:
            break
        other, lag = rng.randrange(low, index), rng.choice(LAGS)
        if other not in found and spans[other][1] + timedelta(days=lag) <= spans[index][0]:
            found[other] = lag
    return sorted(found.items())


def milestones(rng, tl: Timeline, count: int, streams: int) -> tuple[list[dict], list[dict]]:
    """Return the milestones and their dependencies (each to an earlier milestone only)."""
    spans = _spans(rng, tl, count)
    positions = [0] * streams
    records, links = [], []
    for index, (first, last) in enumerate(spans):
        stream = rng.randrange(streams)
        country = rng.choice(tuple(PLACES)) if rng.random() < 0.8 else None
        place = rng.choice(PLACES[country] if country else ("the region",))
        record = {
            "workstream_id": stream,
            "position": positions[stream],
            "title": rng.choice(TITLES).format(place=place),
            "description": "",
            "owner": rng.choice(OWNERS),
            "country": country,
            "post_id": None,
            "workshop_id": None,
            "baseline_start": first,
            "baseline_end": last,
            "_preds": _predecessors(rng, spans, index),
        }
        positions[stream] += 1
        _forecast(rng, tl, records, record)
        _progress(rng, tl, records, record)
        records.append(record)
        for other, lag in record["_preds"]:
            links.append(
                {
                    "predecessor_id": other,
                    "successor_id": index,
                    "lag_days": lag,
                    "_created": max(record["_created"], records[other]["_created"]),
                }
            )
    for record in records:
        _history(rng, tl, record)
    return records, links


def _forecast(rng, tl: Timeline, records, record) -> None:
    """Set the current dates: the baseline, slipped now and then, pushed by predecessors."""
    first, last = record["baseline_start"], record["baseline_end"]
    slip = timedelta(days=rng.randint(3, 40)) if rng.random() < SLIP_SHARE else timedelta(0)
    start = first + slip
    pushed_by = None
    for other, lag in record["_preds"]:
        needed = records[other]["current_end"] + timedelta(days=lag)
        if needed > start:
            start, pushed_by = needed, other
    record["current_start"], record["current_end"] = start, start + (last - first)
    record["pushed_by_id"] = pushed_by
    # Entered before its planned start: early work at the project start, later work
    # some weeks before it begins, and never after today.
    latest = min(first - timedelta(days=30), tl.today - timedelta(days=1))
    day = tl.day_between(rng, tl.start, latest) if latest > tl.start else tl.start
    record["_created"] = tl.moment(day, rng)


def _progress(rng, tl: Timeline, records, record) -> None:
    """Set status, percent and actual dates as they stand today, following the rules.

    Done means 100 % and an actual finish; work starts only once every predecessor is
    done (or cancelled); no actual date lies after today.
    """
    start, end = record["current_start"], record["current_end"]
    ready = all(records[o]["status"] in ("done", "cancelled") for o, _lag in record["_preds"])
    values = {
        "status": "planned",
        "percent_complete": 0,
        "actual_start": None,
        "actual_finish": None,
    }
    if rng.random() < CANCELLED_SHARE:
        values["status"] = "cancelled"
    elif ready and end < tl.today and rng.random() < 0.9:
        values.update(status="done", percent_complete=100, actual_start=start, actual_finish=end)
    elif ready and start < tl.today and start != end:
        expected = 100 * (tl.today - start).days / ((end - start).days + 1)
        percent = int(expected * rng.uniform(0.6, 1.15))
        values.update(
            status="in_progress", percent_complete=max(1, min(percent, 99)), actual_start=start
        )
    record.update(values)


def _plain(values: dict) -> dict:
    return {
        key: value.isoformat() if hasattr(value, "isoformat") else value
        for key, value in values.items()
    }


def _history(rng, tl: Timeline, record) -> None:
    """Work out what the milestone looked like when entered and each change since."""
    created = record["_created"]
    initial = {
        "status": "planned",
        "percent_complete": 0,
        "actual_start": None,
        "actual_finish": None,
    }
    updates = []
    moved = (record["current_start"], record["current_end"]) != (
        record["baseline_start"],
        record["baseline_end"],
    )
    # A slip is noticed before the work was due to start (and before today).
    window = min(record["baseline_start"], tl.today) - created.date()
    if moved and window.days >= 2:
        at = tl.moment(created.date() + timedelta(days=rng.randint(1, window.days - 1)), rng)
        changes = {
            "current_start": [
                record["baseline_start"].isoformat(),
                record["current_start"].isoformat(),
            ],
            "current_end": [record["baseline_end"].isoformat(), record["current_end"].isoformat()],
        }
        reason = ""
        if record["pushed_by_id"] is not None:
            changes["pushed_by_id"] = [None, record["pushed_by_id"]]
        else:
            reason = rng.choice(SLIP_REASONS)
        updates.append((at, changes, reason))
        initial.update(
            current_start=record["baseline_start"],
            current_end=record["baseline_end"],
            pushed_by_id=None,
        )
    if record["status"] == "cancelled":
        day = tl.day_between(rng, created.date() + timedelta(days=1), tl.today)
        at = max(tl.moment(day, rng), created + timedelta(minutes=1))
        if updates:
            at = max(at, updates[-1][0] + timedelta(minutes=1))
        updates.append((at, {"status": ["planned", "cancelled"]}, CANCEL_REASON))
    elif record["status"] != "planned":
        updates += _progress_updates(tl, record)
    record["_initial"] = initial
    record["_updates"] = updates
    record["version"] = 1 + len(updates)
    record["created_at"] = created
    record["updated_at"] = updates[-1][0] if updates else created


def _progress_updates(tl: Timeline, record) -> list:
    """Return the month-end progress updates and the last one made today."""
    final = {name: record[name] for name in PROGRESS_FIELDS}
    then = _plain(
        {"status": "planned", "percent_complete": 0, "actual_start": None, "actual_finish": None}
    )
    view = SimpleNamespace(**record)
    steps = [(at, milestone_then(view, day)) for at, day in tl.month_ends(record["actual_start"])]
    steps.append((tl.now, final))
    updates = []
    for at, values in steps:
        now = _plain(values)
        changes = {
            name: [then[name], now[name]] for name in PROGRESS_FIELDS if then[name] != now[name]
        }
        if changes:
            updates.append((at, changes, ""))
        then = now
    return updates
