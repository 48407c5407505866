"""The one way workshops, their participation, outcomes and follow-up notes change.

The workshop pages and the demo call these functions; each checks who asks and on
which version, applies the rules, and records in the history what the listener
cannot see (an outcome's milestone links). As in every commands module (see
roadmap/commands.py) the caller owns the transaction: nothing here commits.
"""

from datetime import date

from flask_babel import gettext as _
from sqlalchemy import select

from roadmap import history
from roadmap.commands import Invalid, Stale, check_editor, check_version
from roadmap.effective import effective
from roadmap.extensions import db
from roadmap.schedule.models import Milestone, Project
from roadmap.workshops.models import (
    ORG_TYPES,
    OUTCOME_KINDS,
    OUTCOME_STATUSES,
    SEXES,
    Outcome,
    OutcomeNote,
    Participation,
    Workshop,
)
from roadmap.workshops.participation import MAX_COUNT, fingerprint

WORKSHOP_FIELDS = (
    "title",
    "place",
    "country",
    "start_date",
    "end_date",
    "organiser",
    "summary",
    "agenda",
)
OUTCOME_FIELDS = ("kind", "text", "responsible", "due_date", "status")


# --- the workshop itself -------------------------------------------------------------------


def create_workshop(values: dict, *, by) -> Workshop:
    """Create a workshop; raise Invalid when it ends before it starts."""
    check_editor(by)
    workshop = Workshop()
    _fill_workshop(workshop, {name: values.get(name) for name in WORKSHOP_FIELDS})
    db.session.add(workshop)
    return workshop


def update_workshop(workshop: Workshop, changes: dict, *, by, expected_version) -> None:
    """Change a workshop's title, place, dates, summary or agenda."""
    check_editor(by)
    check_version(workshop, expected_version)
    values = {name: getattr(workshop, name) for name in WORKSHOP_FIELDS} | changes
    _fill_workshop(workshop, values)


def _fill_workshop(workshop: Workshop, values: dict) -> None:
    unknown = set(values) - set(WORKSHOP_FIELDS)
    if unknown:
        raise ValueError(f"not fields of a workshop: {sorted(unknown)}")
    title = (values["title"] or "").strip()
    if not title or values["start_date"] is None or values["end_date"] is None:
        raise ValueError("a workshop needs a title, a start date and an end date")
    if values["end_date"] < values["start_date"]:
        raise Invalid({"end_date": [_("The end date cannot be before the start date.")]})
    workshop.title = title
    workshop.place = (values["place"] or "").strip()
    workshop.country = values["country"] or None
    workshop.start_date = values["start_date"]
    workshop.end_date = values["end_date"]
    workshop.organiser = (values["organiser"] or "").strip()
    workshop.summary = values["summary"] or ""
    workshop.agenda = values["agenda"] or ""


# --- participation -------------------------------------------------------------------------


def participation_version(workshop: Workshop) -> str:
    """Return the version of a workshop's counts: a digest of them, as the grid carries it."""
    return fingerprint(
        [(row.country, row.org_type, row.sex, row.count) for row in workshop.participation]
    )


def check_participation_version(workshop: Workshop, expected: str | None) -> None:
    """Raise Stale unless the counts are those the grid was made from."""
    if expected != participation_version(workshop):
        raise Stale(workshop)


def save_participation(workshop: Workshop, counts: dict, *, by, expected_version) -> None:
    """Store how many people took part, keyed by (country, organisation type, sex).

    A count of 0 for a cell never counted adds nothing; a stored count set to 0 stays.
    """
    check_editor(by)
    check_participation_version(workshop, expected_version)
    for (country, org_type, sex), count in counts.items():
        if org_type not in ORG_TYPES or sex not in SEXES or len(country or "") != 3:
            raise ValueError(f"not a cell of the grid: {(country, org_type, sex)}")
        if not 0 <= count <= MAX_COUNT:
            raise ValueError(f"a count lies between 0 and {MAX_COUNT}")
    stored = {(row.country, row.org_type, row.sex): row for row in workshop.participation}
    for (country, org_type, sex), count in counts.items():
        row = stored.get((country, org_type, sex))
        if row is None and count:
            workshop.participation.append(
                Participation(country=country, org_type=org_type, sex=sex, count=count)
            )
        elif row is not None and row.count != count:
            row.count = count


# --- outcomes ------------------------------------------------------------------------------


def create_outcome(workshop: Workshop, values: dict, *, by) -> Outcome:
    """Add a recommendation, decision or action item to a workshop, after the others.

    `values` holds OUTCOME_FIELDS and, optionally, milestone_ids: the milestones that
    carry it out.
    """
    check_editor(by)
    outcome = Outcome(workshop=workshop, position=len(workshop.outcomes))
    _fill_outcome(outcome, values)
    db.session.add(outcome)
    return outcome


def update_outcome(outcome: Outcome, changes: dict, *, by, expected_version) -> None:
    """Change an outcome's text, responsible party, due date, status or milestones."""
    check_editor(by)
    check_version(outcome, expected_version)
    values = {name: getattr(outcome, name) for name in OUTCOME_FIELDS}
    values["milestone_ids"] = [m.id for m in outcome.milestones]
    _fill_outcome(outcome, values | changes)


def _fill_outcome(outcome: Outcome, values: dict) -> None:
    """Set the outcome's values, recording a change of its milestone links."""
    unknown = set(values) - set(OUTCOME_FIELDS) - {"milestone_ids"}
    if unknown:
        raise ValueError(f"not fields of an outcome: {sorted(unknown)}")
    text, responsible = (values["text"] or "").strip(), (values["responsible"] or "").strip()
    if not text or not responsible:
        raise ValueError("an outcome needs a text and a responsible party")
    if values["kind"] not in OUTCOME_KINDS or values["status"] not in OUTCOME_STATUSES:
        raise ValueError(f"unknown kind or status: {values['kind']!r}, {values['status']!r}")
    outcome.kind = values["kind"]
    outcome.text = text
    outcome.responsible = responsible
    outcome.due_date = values["due_date"]
    outcome.status = values["status"]
    wanted = sorted(set(values.get("milestone_ids") or []))
    before = sorted(m.id for m in outcome.milestones)
    if wanted != before:
        # A new outcome is not complete until the caller adds it: no flush before then.
        with db.session.no_autoflush:
            chosen = db.session.scalars(select(Milestone).where(Milestone.id.in_(wanted))).all()
        outcome.milestones = list(chosen)
        if outcome.id is not None:
            # The history listener sees columns only; a link change is recorded here.
            history.record_update(db.session, outcome, {"milestones": [before, wanted]})
            # The links live in a table of their own: the outcome's version moves with
            # them, or a form opened before this change would be taken as current.
            outcome.version += 1


def add_note(
    outcome: Outcome,
    *,
    on: date,
    status: str,
    text: str,
    by,
    expected_version,
    today: date,
) -> bool:
    """Log a dated follow-up note and move the outcome to its status; tell if it moved."""
    check_editor(by)
    check_version(outcome, expected_version)
    if status not in OUTCOME_STATUSES:
        raise ValueError(f"unknown follow-up status {status!r}")
    text = (text or "").strip()
    if not text or on is None:
        raise ValueError("a follow-up note needs a date and a text")
    if on > today:
        raise Invalid({"date": [_("A follow-up note cannot be dated in the future.")]})
    # The outcome's status is that of its latest note: a note about an earlier day,
    # entered late, joins the timeline and moves the status only if none is later.
    latest = all(note.date <= on for note in outcome.notes)
    with effective(on, today=today, project=Project.current, field="date"):
        outcome.notes.append(OutcomeNote(date=on, status=status, text=text, author=by))
        if not latest or outcome.status == status:
            return False
        outcome.status = status
    return True
