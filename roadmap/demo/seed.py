"""Load the demo project in one transaction; write nothing when a project already exists."""

import secrets
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal

from flask import current_app
from sqlalchemy import delete, func, select, update

from roadmap.auth.models import User
from roadmap.demo import data
from roadmap.extensions import db
from roadmap.history import HistoryEntry
from roadmap.posts.models import STAGES, BorderPost, PostUpdate
from roadmap.schedule.models import Milestone, MilestoneDependency, Project, Workstream
from roadmap.workshops.models import Outcome, OutcomeNote, Participation, Workshop

# The project start the dates in roadmap/demo/data.py are written for.
DEMO_START = date(2026, 3, 1)
# The day the demo data describes ("today" for the demo), for that start.
DEMO_TODAY = date(2026, 8, 15)
# The milestone fields whose history the demo writes month by month.
PROGRESS_FIELDS = ("status", "percent_complete", "actual_start", "actual_finish")
# Month-end updates are recorded late on the month's last day (UTC), before it ends.
MONTH_END_TIME = time(18, 0)
WORKSHOP_CLOSE_TIME = time(17, 0)  # the workshop and its outcomes are entered as it closes
NOTE_TIME = time(9, 0)  # a follow-up note is entered on its day
# Environments where the demo accounts get the fixed passwords of data.ACCOUNTS.
FIXED_PASSWORD_ENVS = ("development", "testing")
UNCHANGED = "(unchanged)"
# Progress recorded with the update that moves a post to each stage.
STAGE_PROGRESS = {"works_in_progress": 10, "completed": 100, "handed_over": 100}

Account = tuple[str, str, str]


def load_demo(start: date) -> tuple[bool, list[Account]]:
    """Load the demo project starting on `start`; return whether it was loaded and the accounts."""
    if db.session.scalar(select(Project.id).limit(1)) is not None:
        return False, _existing_accounts()
    shift = _shifter(start)
    first_entry = (db.session.scalar(select(func.max(HistoryEntry.id))) or 0) + 1
    try:
        accounts, manager = accounts_with_manager()
        project = _project(start)
        posts = _posts(shift, manager)
        workshop = _workshop(shift)
        milestones = _milestones(shift, project, posts, workshop)
        _dependencies(milestones)
        _outcomes(shift, workshop, milestones, manager)
        db.session.flush()
        # The demo stands for data kept since the project began: date its history so,
        # or every report of a month before the load would find nothing yet.
        db.session.execute(
            update(HistoryEntry)
            .where(HistoryEntry.id >= first_entry)
            .values(at=datetime.combine(start, time(8, 0), tzinfo=UTC))
        )
        _milestone_history(milestones.values(), start, shift(DEMO_TODAY.isoformat()),
                           first_entry)
        _workshop_history(workshop, first_entry)
        _renumber_by_time(first_entry)
        db.session.commit()
    except Exception:
        db.session.rollback()
        raise
    return True, accounts


def project_end(start: date) -> date:
    """Return the last day of a 12-month project starting on `start`."""
    try:
        anniversary = start.replace(year=start.year + 1)
    except ValueError:  # 29 February
        anniversary = date(start.year + 1, 3, 1)
    return anniversary - timedelta(days=1)


def _shifter(start: date):
    """Return a function turning a data.py ISO date into the date of a project starting `start`."""
    delta = start - DEMO_START

    def shift(text: str | None) -> date | None:
        return None if text is None else date.fromisoformat(text) + delta

    return shift


def _money(value) -> Decimal | None:
    return None if value is None else Decimal(value)


def _existing_accounts() -> list[Account]:
    emails = [row[0] for row in data.ACCOUNTS]
    users = db.session.scalars(select(User).where(User.email.in_(emails))).all()
    found = {user.email: user.role for user in users}
    return [(email, UNCHANGED, found[email]) for email in emails if email in found]


def accounts_with_manager() -> tuple[list[Account], User | None]:
    """Create the demo users that do not exist yet; return the accounts and the manager."""
    fixed = current_app.config.get("ENV_NAME") in FIXED_PASSWORD_ENVS
    accounts, manager = [], None
    for email, name, role, language, demo_password in data.ACCOUNTS:
        user = db.session.scalar(select(User).where(User.email == email))
        if user is not None:
            accounts.append((email, UNCHANGED, user.role))
        else:
            password = demo_password if fixed else secrets.token_urlsafe(12)
            user = User(email=email, name=name, role=role, language=language)
            user.set_password(password)
            db.session.add(user)
            accounts.append((email, password, role))
        if manager is None and role == "manager":
            manager = user
    return accounts, manager


def _project(start: date) -> Project:
    fields = dict(data.PROJECT, budget=Decimal(data.PROJECT["budget"]))
    project = Project(start_date=start, end_date=project_end(start), **fields)
    for position, name in enumerate(data.WORKSTREAMS):
        project.workstreams.append(Workstream(name=name, position=position))
    db.session.add(project)
    return project


def _posts(shift, author: User | None) -> dict[str, BorderPost]:
    """Create the border posts with their dated history; each post ends at its last update."""
    posts = {}
    for row in data.POSTS:
        name, country, neighbour, kind, lat, lon, priority, contractor, cost, spent, dates = row
        post = BorderPost(
            name=name,
            country=country,
            neighbour_country=neighbour,
            kind=kind,
            latitude=lat,
            longitude=lon,
            priority=priority,
            contractor=contractor,
            estimated_cost=_money(cost),
            spent=_money(spent),
        )
        updates = [
            (day, stage, STAGE_PROGRESS.get(stage, 0), _stage_comment(name, stage))
            for day, stage in zip(dates, STAGES, strict=False)
        ]
        updates += [
            (day, "works_in_progress", percent, comment)
            for day, percent, comment in data.WORKS_PROGRESS.get(name, [])
        ]
        updates.sort(key=lambda update: update[0])
        for day, stage, percent, comment in updates:
            post.updates.append(
                PostUpdate(
                    date=shift(day), stage=stage, progress=percent, comment=comment, author=author
                )
            )
        _, post.stage, post.progress, _ = updates[-1]
        db.session.add(post)
        posts[name] = post
    return posts


def _stage_comment(post_name: str, stage: str) -> str:
    return data.STAGE_NOTES.get((post_name, stage), data.STAGE_COMMENTS[stage])


def _workshop(shift) -> Workshop:
    fields = dict(data.WORKSHOP)
    fields["start_date"] = shift(fields["start_date"])
    fields["end_date"] = shift(fields["end_date"])
    workshop = Workshop(**fields)
    for country, org_type, women, men in data.PARTICIPATION:
        for sex, count in (("female", women), ("male", men)):
            if count:
                workshop.participation.append(
                    Participation(country=country, org_type=org_type, sex=sex, count=count)
                )
    db.session.add(workshop)
    return workshop


def _milestones(shift, project, posts, workshop) -> dict[str, Milestone]:
    milestones = {}
    positions = [0] * len(project.workstreams)
    for row in data.MILESTONES:
        key, ws, title, owner, country, post, b_start, b_end, c_start, c_end, pct, status = row
        started = status in ("in_progress", "done")
        milestone = Milestone(
            workstream=project.workstreams[ws],
            title=title,
            description=data.MILESTONE_DESCRIPTIONS.get(key, ""),
            owner=owner,
            country=country,
            post=posts[post] if post else None,
            workshop=workshop if key == data.WORKSHOP_MILESTONE else None,
            baseline_start=shift(b_start),
            baseline_end=shift(b_end),
            current_start=shift(c_start),
            current_end=shift(c_end),
            actual_start=shift(c_start) if started else None,
            actual_finish=shift(c_end) if status == "done" else None,
            percent_complete=pct,
            status=status,
            position=positions[ws],
        )
        positions[ws] += 1
        db.session.add(milestone)
        milestones[key] = milestone
    return milestones


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
        return {"status": "planned", "percent_complete": 0, "actual_start": None,
                "actual_finish": None}
    finish = milestone.actual_finish if milestone.status == "done" else None
    if finish is not None and day >= finish:
        return final
    end = finish or milestone.current_end
    linear = 100 * ((day - began).days + 1) // ((end - began).days + 1)
    ceiling = milestone.percent_complete if finish is None else 99
    return {"status": "in_progress", "percent_complete": min(linear, ceiling, 99),
            "actual_start": milestone.actual_start, "actual_finish": None}


def _plain(values: dict) -> dict:
    return {name: value.isoformat() if isinstance(value, date) else value
            for name, value in values.items()}


def _milestone_history(milestones, start: date, demo_today: date, first_entry: int) -> None:
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
    for milestone in milestones:
        creation = created[milestone.id]
        then = _plain(milestone_then(milestone, start - timedelta(days=1)))
        creation.changes = {**creation.changes,
                            **{name: [None, value] for name, value in then.items()}}
        steps = []
        day = _month_end(start)
        while day < demo_today:
            steps.append((datetime.combine(day, MONTH_END_TIME, tzinfo=UTC),
                          milestone_then(milestone, day)))
            day = _month_end(day + timedelta(days=1))
        steps.append((datetime.combine(demo_today, time(8, 0), tzinfo=UTC),
                      {name: getattr(milestone, name) for name in PROGRESS_FIELDS}))
        for at, values in steps:
            now = _plain(values)
            changes = {name: [then[name], now[name]] for name in PROGRESS_FIELDS
                       if then[name] != now[name]}
            if changes:
                rows.append({"at": at, "user_id": creation.user_id,
                             "user_name": creation.user_name, "entity": "milestone",
                             "entity_id": milestone.id, "label": creation.label,
                             "action": "update", "changes": changes, "reason": ""})
            then = now
    rows.sort(key=lambda row: (row["at"], row["entity_id"]))
    if rows:
        db.session.execute(HistoryEntry.__table__.insert(), rows)


def _workshop_history(workshop, first_entry: int) -> None:
    """Date the workshop's history as it was kept: entered when it closed, then followed up.

    The workshop, its participation and its outcomes were recorded on its last day
    (a report of an earlier month must not list them), every outcome then "not
    started"; each follow-up note is recorded on its own date, with the status it
    gave the outcome. Undoing these entries gives each outcome as it stood.
    """
    entries = HistoryEntry.__table__
    closed = datetime.combine(workshop.end_date, WORKSHOP_CLOSE_TIME, tzinfo=UTC)
    db.session.execute(
        update(HistoryEntry)
        .where(HistoryEntry.id >= first_entry,
               HistoryEntry.entity.in_(("workshop", "participation", "outcome")))
        .values(at=closed)
    )
    created = {
        entry.entity_id: entry
        for entry in db.session.scalars(select(HistoryEntry).where(
            HistoryEntry.id >= first_entry, HistoryEntry.entity == "outcome",
            HistoryEntry.action == "create"))
    }
    rows = []
    for outcome in workshop.outcomes:
        creation = created[outcome.id]
        creation.changes = {**creation.changes, "status": [None, "not_started"]}
        status = "not_started"
        for note in sorted(outcome.notes, key=lambda note: (note.date, note.id)):
            at = datetime.combine(note.date, NOTE_TIME, tzinfo=UTC)
            db.session.execute(
                update(HistoryEntry)
                .where(HistoryEntry.id >= first_entry, HistoryEntry.entity == "outcome_note",
                       HistoryEntry.entity_id == note.id)
                .values(at=at)
            )
            if note.status != status:
                rows.append({"at": at, "user_id": creation.user_id,
                             "user_name": creation.user_name, "entity": "outcome",
                             "entity_id": outcome.id, "label": creation.label,
                             "action": "update", "changes": {"status": [status, note.status]},
                             "reason": ""})
                status = note.status
    rows.sort(key=lambda row: (row["at"], row["entity_id"]))
    if rows:
        db.session.execute(entries.insert(), rows)


def _renumber_by_time(first_entry: int) -> None:
    """Number the demo's history in time order, as entries kept day by day would be.

    Pages list the latest changes by id; the back-dated entries written above would
    otherwise come after (above) later ones.
    """
    table = HistoryEntry.__table__
    db.session.flush()
    rows = [dict(row) for row in db.session.execute(
        select(table).where(table.c.id >= first_entry)).mappings()]
    rows.sort(key=lambda row: (row["at"], row["id"]))
    db.session.execute(delete(table).where(table.c.id >= first_entry))
    for entry in [obj for obj in db.session.identity_map.values() if isinstance(obj, HistoryEntry)]:
        db.session.expunge(entry)  # gone from the table; they are written again below
    if rows:
        db.session.execute(table.insert(), [
            {name: value for name, value in row.items() if name != "id"} for row in rows])


def _month_end(day: date) -> date:
    """Return the last day of the month of `day`."""
    following = (day.replace(day=28) + timedelta(days=4)).replace(day=1)
    return following - timedelta(days=1)


def _dependencies(milestones: dict[str, Milestone]) -> None:
    for predecessor, successor, lag in data.DEPENDENCIES:
        db.session.add(
            MilestoneDependency(
                predecessor=milestones[predecessor],
                successor=milestones[successor],
                lag_days=lag,
            )
        )


def _outcomes(shift, workshop, milestones, author: User | None) -> None:
    for position, row in enumerate(data.OUTCOMES):
        kind, text, responsible, due, keys, notes = row
        outcome = Outcome(
            kind=kind,
            text=text,
            responsible=responsible,
            due_date=shift(due),
            status=notes[-1][1] if notes else "not_started",
            position=position,
            milestones=[milestones[key] for key in keys],
        )
        for day, status, note in notes:
            note = OutcomeNote(date=shift(day), status=status, text=note, author=author)
            outcome.notes.append(note)
        workshop.outcomes.append(outcome)
