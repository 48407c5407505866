"""The demo's history, dated as it would have been kept since the project began.

The demo is loaded in one go, so the change listener dates every entry now; these
functions date them as the project lived them (and add the month-by-month and
follow-up entries), so each month's report of the demo tells that month.
"""

from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import delete, select, update

from roadmap.extensions import db
from roadmap.history import HistoryEntry
from roadmap.months import Month

# The milestone fields whose history the demo writes month by month.
PROGRESS_FIELDS = ("status", "percent_complete", "actual_start", "actual_finish")
# Month-end updates are recorded late on the month's last day (UTC), before it ends.
MONTH_END_TIME = time(18, 0)
WORKSHOP_CLOSE_TIME = time(17, 0)  # the workshop and its outcomes are entered as it closes
NOTE_TIME = time(9, 0)  # a follow-up note is entered on its day
FIELD_NEWS_TIME = time(10, 0)  # a post update is entered when the news comes in


def milestone_then(milestone, day: date) -> dict:
    """Return a milestone's progress fields as they stood at the end of `day`.

    Derived from its final values: work runs linearly from its actual (or current)
    start to its actual finish (or current end), never beyond its final percent;
    it is planned before it starts and done from its actual finish on.
    """
    final = {name: getattr(milestone, name) for name in PROGRESS_FIELDS}
    if milestone.status not in ("in_progress", "done"):
        return final  # planned work has no progress to tell; cancelled work was never begun
    began = milestone.actual_start or milestone.current_start
    if day < began:
        return {
            "status": "planned",
            "percent_complete": 0,
            "actual_start": None,
            "actual_finish": None,
        }
    finish = milestone.actual_finish if milestone.status == "done" else None
    if finish is not None and day >= finish:
        return final
    end = finish or milestone.current_end
    linear = 100 * ((day - began).days + 1) // ((end - began).days + 1)
    ceiling = milestone.percent_complete if finish is None else 99
    return {
        "status": "in_progress",
        "percent_complete": min(linear, ceiling, 99),
        "actual_start": milestone.actual_start,
        "actual_finish": None,
    }


def _plain(values: dict) -> dict:
    return {
        name: value.isoformat() if isinstance(value, date) else value
        for name, value in values.items()
    }


def milestones(records, start: date, demo_today: date, first_entry: int) -> None:
    """Write each milestone's history as it would have been kept month by month.

    Its creation (at the project start) records its values then; an update at each
    month end before the demo's today moves it to that month's values; a last update
    on the demo's today brings it to its final values. Undoing these entries (as the
    report snapshots do) gives back the milestone as it stood at each month end.
    """
    created = {
        entry.entity_id: entry
        for entry in db.session.scalars(
            select(HistoryEntry).where(
                HistoryEntry.id >= first_entry,
                HistoryEntry.entity == "milestone",
                HistoryEntry.action == "create",
            )
        )
    }
    rows = []
    for milestone in records:
        creation = created[milestone.id]
        then = _plain(milestone_then(milestone, start - timedelta(days=1)))
        creation.changes = {
            **creation.changes,
            **{name: [None, value] for name, value in then.items()},
        }
        steps = []
        day = _month_end(start)
        while day < demo_today:
            steps.append(
                (datetime.combine(day, MONTH_END_TIME, tzinfo=UTC), milestone_then(milestone, day))
            )
            day = _month_end(day + timedelta(days=1))
        steps.append(
            (
                datetime.combine(demo_today, time(8, 0), tzinfo=UTC),
                {name: getattr(milestone, name) for name in PROGRESS_FIELDS},
            )
        )
        for at, values in steps:
            now = _plain(values)
            changes = {
                name: [then[name], now[name]] for name in PROGRESS_FIELDS if then[name] != now[name]
            }
            if changes:
                rows.append(
                    {
                        "at": at,
                        "user_id": creation.user_id,
                        "user_name": creation.user_name,
                        "entity": "milestone",
                        "entity_id": milestone.id,
                        "label": creation.label,
                        "action": "update",
                        "changes": changes,
                        "reason": "",
                    }
                )
            then = now
    rows.sort(key=lambda row: (row["at"], row["entity_id"]))
    if rows:
        db.session.execute(HistoryEntry.__table__.insert(), rows)


def workshop(record, first_entry: int) -> None:
    """Date the workshop's history as it was kept: entered when it closed, then followed up.

    The workshop, its participation and its outcomes were recorded on its last day
    (a report of an earlier month must not list them), every outcome then "not
    started"; each follow-up note is recorded on its own date, with the status it
    gave the outcome. Undoing these entries gives each outcome as it stood.
    """
    entries = HistoryEntry.__table__
    closed = datetime.combine(record.end_date, WORKSHOP_CLOSE_TIME, tzinfo=UTC)
    db.session.execute(
        update(HistoryEntry)
        .where(
            HistoryEntry.id >= first_entry,
            HistoryEntry.entity.in_(("workshop", "participation", "outcome")),
        )
        .values(at=closed)
    )
    created = {
        entry.entity_id: entry
        for entry in db.session.scalars(
            select(HistoryEntry).where(
                HistoryEntry.id >= first_entry,
                HistoryEntry.entity == "outcome",
                HistoryEntry.action == "create",
            )
        )
    }
    rows = []
    for outcome in record.outcomes:
        creation = created[outcome.id]
        creation.changes = {**creation.changes, "status": [None, "not_started"]}
        status = "not_started"
        for note in sorted(outcome.notes, key=lambda note: (note.date, note.id)):
            at = datetime.combine(note.date, NOTE_TIME, tzinfo=UTC)
            db.session.execute(
                update(HistoryEntry)
                .where(
                    HistoryEntry.id >= first_entry,
                    HistoryEntry.entity == "outcome_note",
                    HistoryEntry.entity_id == note.id,
                )
                .values(at=at)
            )
            if note.status != status:
                rows.append(
                    {
                        "at": at,
                        "user_id": creation.user_id,
                        "user_name": creation.user_name,
                        "entity": "outcome",
                        "entity_id": outcome.id,
                        "label": creation.label,
                        "action": "update",
                        "changes": {"status": [status, note.status]},
                        "reason": "",
                    }
                )
                status = note.status
    rows.sort(key=lambda row: (row["at"], row["entity_id"]))
    if rows:
        db.session.execute(entries.insert(), rows)


def post_updates(first_entry: int, late: dict) -> None:
    """Date each post update's entry as kept: on its own day, or days later for the field
    news in `late` ({(post name, update date): day entered}), which is marked so."""
    from roadmap.posts.models import BorderPost, PostUpdate

    rows = db.session.execute(
        select(PostUpdate.id, PostUpdate.date, BorderPost.name).join(PostUpdate.post)
    ).all()
    for key, day, name in rows:
        entered = late.get((name, day), day)
        db.session.execute(
            update(HistoryEntry)
            .where(
                HistoryEntry.id >= first_entry,
                HistoryEntry.entity == "post_update",
                HistoryEntry.entity_id == key,
            )
            .values(
                at=datetime.combine(entered, FIELD_NEWS_TIME, tzinfo=UTC),
                effective_on=day if entered > day else None,
            )
        )


def late_notes(first_entry: int, late: dict) -> None:
    """Enter the follow-up notes in `late` ({(note date, text): day entered}) days after
    they happened, with the status they gave their outcome."""
    from roadmap.workshops.models import OutcomeNote

    for (day, text), entered in late.items():
        note = db.session.scalar(
            select(OutcomeNote).where(OutcomeNote.date == day, OutcomeNote.text == text)
        )
        if note is None:
            continue
        at = datetime.combine(entered, NOTE_TIME, tzinfo=UTC)
        noted = datetime.combine(day, NOTE_TIME, tzinfo=UTC)
        for entity, key in (("outcome_note", note.id), ("outcome", note.outcome_id)):
            db.session.execute(
                update(HistoryEntry)
                .where(
                    HistoryEntry.id >= first_entry,
                    HistoryEntry.entity == entity,
                    HistoryEntry.entity_id == key,
                    HistoryEntry.at == noted,
                )
                .values(at=at, effective_on=day)
            )


def renumber_by_time(first_entry: int) -> None:
    """Number the demo's history in time order, as entries kept day by day would be.

    Pages list the latest changes by id; the back-dated entries written above would
    otherwise come after (above) later ones.
    """
    table = HistoryEntry.__table__
    db.session.flush()
    rows = [
        dict(row)
        for row in db.session.execute(select(table).where(table.c.id >= first_entry)).mappings()
    ]
    rows.sort(key=lambda row: (row["at"], row["id"]))
    db.session.execute(delete(table).where(table.c.id >= first_entry))
    for entry in [obj for obj in db.session.identity_map.values() if isinstance(obj, HistoryEntry)]:
        db.session.expunge(entry)  # gone from the table; they are written again below
    if rows:
        db.session.execute(
            table.insert(),
            [{name: value for name, value in row.items() if name != "id"} for row in rows],
        )


def _month_end(day: date) -> date:
    """Return the last day of the month of `day`."""
    return Month.of(day).end
