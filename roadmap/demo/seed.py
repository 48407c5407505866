"""Load the demo project in one transaction; write nothing when a project already exists.

The project, its posts, workshop, milestones and outcomes go in through the features'
commands, as a manager would enter them, on the demo's own today; the accounts are
created here, and dated_history then dates the history as the project lived it.
"""

import secrets
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal

from flask import current_app
from sqlalchemy import func, select, update

from roadmap.auth.models import User
from roadmap.demo import coordination as demo_coordination
from roadmap.demo import data, dated_history
from roadmap.demo import photos as demo_photos
from roadmap.demo import reports as demo_reports
from roadmap.demo import results as demo_results
from roadmap.extensions import db
from roadmap.history import HistoryEntry
from roadmap.posts import commands as posts
from roadmap.posts.models import STAGES, BorderPost
from roadmap.project import commands as project_settings
from roadmap.schedule import commands as schedule
from roadmap.schedule.models import Milestone, Project
from roadmap.workshops import commands as workshops
from roadmap.workshops.models import Workshop

# The project start the dates in roadmap/demo/data.py are written for.
DEMO_START = date(2026, 3, 1)
# The day the demo data describes ("today" for the demo), for that start.
DEMO_TODAY = date(2026, 8, 15)
# Environments where the demo accounts get the fixed passwords of data.ACCOUNTS.
FIXED_PASSWORD_ENVS = ("development", "testing")
UNCHANGED = "(unchanged)"
# Progress recorded with the update that moves a post to each stage.
STAGE_PROGRESS = {"works_in_progress": 10, "completed": 100, "handed_over": 100}

Account = tuple[str, str, str]


def holds_other_data() -> str | None:
    """Say what the database holds besides accounts and the demo itself, None when nothing."""
    project = Project.current()
    if project is not None:
        return None if project.code == data.PROJECT["code"] else f"the project {project.code}"
    tables = (("milestone", Milestone), ("border post", BorderPost), ("workshop", Workshop))
    held = [
        f"{count} {label}{'s' if count > 1 else ''}"
        for label, model in tables
        if (count := db.session.scalar(select(func.count()).select_from(model)))
    ]
    return ", ".join(held) or None


def load_demo(start: date) -> tuple[bool, list[Account]]:
    """Load the demo project starting on `start`; return whether it was loaded and the accounts."""
    if Project.current() is not None:
        return False, _existing_accounts()
    shift = _shifter(start)
    today = shift(DEMO_TODAY.isoformat())
    first_entry = (db.session.scalar(select(func.max(HistoryEntry.id))) or 0) + 1
    try:
        accounts, manager = accounts_with_manager()
        # The manager signs the field updates and notes, unless that account is not an editor.
        author = manager if manager is not None and manager.can_edit else None
        project = _project(start)
        border_posts = _posts(shift, author, today)
        workshop = _workshop(shift)
        db.session.flush()  # the milestones name the workstreams, posts and workshop by id
        milestones = _milestones(shift, project, border_posts, workshop, today)
        db.session.flush()
        _dependencies(milestones)
        _outcomes(shift, workshop, milestones, author, today)
        demo_photos.add(border_posts, shift, author, today)
        demo_results.load(shift, author, today)
        demo_coordination.load(shift, border_posts, author, today)
        db.session.flush()
        # The demo stands for data kept since the project began: date its history so,
        # or every report of a month before the load would find nothing yet.
        db.session.execute(
            update(HistoryEntry)
            .where(HistoryEntry.id >= first_entry)
            .values(at=datetime.combine(start, time(8, 0), tzinfo=UTC))
        )
        dated_history.milestones(milestones.values(), start, today, first_entry)
        dated_history.workshop(workshop, first_entry)
        # Field news that reached the office days after it happened (data.LATE_POST_NEWS, data.LATE_NOTES).
        dated_history.post_updates(
            first_entry,
            {(name, shift(day)): shift(entered) for name, day, entered in data.LATE_POST_NEWS},
        )
        dated_history.late_notes(
            first_entry,
            {(shift(day), text): shift(entered) for day, text, entered in data.LATE_NOTES},
        )
        # Each past month's report, issued as of its day (files are built on first download).
        demo_reports.issue(shift, author, today, first_entry)
        dated_history.renumber_by_time(first_entry)
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
    project = project_settings.save_project(
        None,
        dict(fields, start_date=start, end_date=project_end(start)),
        by=None,
        expected_version=None,
    )
    for position, name in enumerate(data.WORKSTREAMS):
        schedule.create_workstream(project, name, by=None, position=position)
    return project


def _posts(shift, author: User | None, today: date) -> dict[str, BorderPost]:
    """Register the border posts with their dated history; each post ends at its last update."""
    found = {}
    for row in data.POSTS:
        name, country, neighbour, kind, lat, lon, priority, contractor, cost, spent, dates = row
        updates = [
            (day, stage, STAGE_PROGRESS.get(stage, 0), _stage_comment(name, stage))
            for day, stage in zip(dates, STAGES, strict=False)
        ]
        updates += [
            (day, "works_in_progress", percent, comment)
            for day, percent, comment in data.WORKS_PROGRESS.get(name, [])
        ]
        updates.sort(key=lambda update: update[0])
        (first_day, first_stage, first_percent, first_comment), *later = updates
        post = posts.create_post(
            {
                "name": name,
                "country": country,
                "neighbour_country": neighbour,
                "kind": kind,
                "latitude": lat,
                "longitude": lon,
                "priority": priority,
                "contractor": contractor,
                "estimated_cost": _money(cost),
                "spent": _money(spent),
                "stage": first_stage,
                "progress": first_percent,
            },
            by=author,
            today=today,
            on=shift(first_day),
            comment=first_comment,
        )
        for day, stage, percent, comment in later:
            posts.record_update(
                post,
                on=shift(day),
                stage=stage,
                progress=percent,
                comment=comment,
                by=author,
                expected_version=post.version,
                today=today,
            )
        found[name] = post
    return found


def _stage_comment(post_name: str, stage: str) -> str:
    return data.STAGE_NOTES.get((post_name, stage), data.STAGE_COMMENTS[stage])


def _workshop(shift) -> Workshop:
    fields = dict(data.WORKSHOP)
    fields["start_date"] = shift(fields["start_date"])
    fields["end_date"] = shift(fields["end_date"])
    workshop = workshops.create_workshop(fields, by=None)
    counts = {}
    for country, org_type, women, men in data.PARTICIPATION:
        for sex, count in (("female", women), ("male", men)):
            counts[(country, org_type, sex)] = count
    workshops.save_participation(
        workshop, counts, by=None, expected_version=workshops.participation_version(workshop)
    )
    return workshop


def _milestones(shift, project, posts_by_name, workshop, today: date) -> dict[str, Milestone]:
    milestones = {}
    positions = [0] * len(project.workstreams)
    for row in data.MILESTONES:
        key, ws, title, owner, country, post, b_start, b_end, c_start, c_end, pct, status = row
        started = status in ("in_progress", "done")
        milestones[key] = schedule.create_milestone(
            {
                "workstream_id": project.workstreams[ws].id,
                "title": title,
                "description": data.MILESTONE_DESCRIPTIONS.get(key, ""),
                "owner": owner,
                "country": country,
                "post_id": posts_by_name[post].id if post else None,
                "workshop_id": workshop.id if key == data.WORKSHOP_MILESTONE else None,
                "baseline_start": shift(b_start),
                "baseline_end": shift(b_end),
                "current_start": shift(c_start),
                "current_end": shift(c_end),
                "actual_start": shift(c_start) if started else None,
                "actual_finish": shift(c_end) if status == "done" else None,
                "percent_complete": pct,
                "status": status,
                "position": positions[ws],
            },
            by=None,
            today=today,
        )
        positions[ws] += 1
    return milestones


def _dependencies(milestones: dict[str, Milestone]) -> None:
    for predecessor, successor, lag in data.DEPENDENCIES:
        schedule.add_dependency(
            milestones[successor], milestones[predecessor].id, lag_days=lag, by=None
        )


def _outcomes(shift, workshop, milestones, author: User | None, today: date) -> None:
    for row in data.OUTCOMES:
        kind, text, responsible, due, keys, notes = row
        outcome = workshops.create_outcome(
            workshop,
            {
                "kind": kind,
                "text": text,
                "responsible": responsible,
                "due_date": shift(due),
                "status": "not_started",
                "milestone_ids": [milestones[key].id for key in keys],
            },
            by=None,
        )
        for day, status, note in notes:
            workshops.add_note(
                outcome,
                on=shift(day),
                status=status,
                text=note,
                by=author,
                expected_version=outcome.version,
                today=today,
            )
