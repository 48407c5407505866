"""Outcome views: the register's entries, their milestone links and follow-up notes."""

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from roadmap import labels
from roadmap.auth.access import editor_only
from roadmap.clock import today
from roadmap.commands import Invalid, Stale, commit
from roadmap.extensions import db
from roadmap.form_errors import show_refusal
from roadmap.locking import StaleEdit, flash_merge, reconcile, start_form, stored_values
from roadmap.schedule.models import Milestone
from roadmap.workshops import bp, commands
from roadmap.workshops.forms import NoteForm, OutcomeForm, note_prefix
from roadmap.workshops.models import Outcome
from roadmap.workshops.workshop_page import get_workshop, render_workshop


def get_outcome(outcome_id: int) -> Outcome:
    return db.get_or_404(Outcome, outcome_id)


# --- outcomes ------------------------------------------------------------------------------

OUTCOME_FIELDS = commands.OUTCOME_FIELDS
# What the edit form changes: the outcome's fields and the milestones that carry it out.
FORM_FIELDS = (*OUTCOME_FIELDS, "milestones")


def stored_outcome(outcome: Outcome) -> dict:
    """Return the outcome's stored values as its form holds them (milestones by id)."""
    return stored_values(outcome, OUTCOME_FIELDS) | {
        "milestones": sorted(m.id for m in outcome.milestones)
    }


def milestone_choices() -> list[tuple[int, str]]:
    milestones = db.session.scalars(
        select(Milestone).order_by(Milestone.current_start, Milestone.id)
    ).all()
    return [(m.id, f"{m.title} ({m.current_start.isoformat()})") for m in milestones]


def outcome_form(outcome: Outcome | None = None) -> OutcomeForm:
    """Return the outcome form, filled from the outcome on GET and from the request on POST."""
    if request.method == "POST" or outcome is None:
        form = OutcomeForm()
    else:
        form = OutcomeForm(obj=outcome)
        form.milestones.data = [m.id for m in outcome.milestones]
    form.milestones.choices = milestone_choices()
    return form


def outcome_values(form: OutcomeForm) -> dict:
    """Return the form's values as the outcome's, with the milestones chosen."""
    values = {name: form[name].data for name in OUTCOME_FIELDS}
    values["milestone_ids"] = form.milestones.data or []
    return values


def responsible_suggestions() -> list[str]:
    """Return the responsible parties already used, for the field's suggestions."""
    used = db.session.scalars(select(Outcome.responsible).distinct()).all()
    return sorted({party for party in used if party})


def render_outcome_form(form, workshop, outcome=None):
    return render_template(
        "workshops/outcome_form.html",
        form=form,
        workshop=workshop,
        outcome=outcome,
        suggestions=responsible_suggestions(),
    )


@bp.route("/workshops/<int:workshop_id>/outcomes/new", methods=["GET", "POST"])
@editor_only
def new_outcome(workshop_id):
    """Add a recommendation, decision or action item to a workshop."""
    workshop = get_workshop(workshop_id)
    form = outcome_form()
    if form.validate_on_submit():
        outcome = commands.create_outcome(workshop, outcome_values(form), by=current_user)
        db.session.commit()
        flash(_("Outcome added."), "success")
        return redirect(
            url_for(".workshop", workshop_id=workshop.id, _anchor=f"outcome-{outcome.id}")
        )
    return render_outcome_form(form, workshop)


@bp.route("/workshops/outcomes/<int:outcome_id>/edit", methods=["GET", "POST"])
@editor_only
def edit_outcome(outcome_id):
    """Change an outcome's text, responsible party, due date, status or milestones."""
    outcome = get_outcome(outcome_id)
    form = outcome_form(outcome)
    retry_url = url_for(".edit_outcome", outcome_id=outcome.id)
    merge = None
    if request.method == "POST":
        merge = reconcile(
            outcome, form, FORM_FIELDS, retry_url=retry_url, theirs=stored_outcome(outcome)
        )
    else:
        start_form(form, outcome, FORM_FIELDS, theirs=stored_outcome(outcome))
    if form.validate_on_submit():
        try:
            commands.update_outcome(
                outcome, outcome_values(form), by=current_user, expected_version=form.version.data
            )
            commit(outcome)
        except Stale:  # saved by someone else between our check and our write
            db.session.rollback()
            raise StaleEdit(outcome, retry_url=retry_url) from None
        flash(_("Outcome saved."), "success")
        flash_merge(merge, form)
        return redirect(
            url_for(".workshop", workshop_id=outcome.workshop_id, _anchor=f"outcome-{outcome.id}")
        )
    return render_outcome_form(form, outcome.workshop, outcome)


# --- follow-up notes -----------------------------------------------------------------------


@bp.post("/workshops/outcomes/<int:outcome_id>/notes")
def add_note(outcome_id):
    """Log a dated follow-up note and move the outcome to the status it gives."""
    outcome = get_outcome(outcome_id)
    form = NoteForm(prefix=note_prefix(outcome))
    if form.validate_on_submit():
        try:
            moved = commands.add_note(
                outcome,
                on=form.date.data,
                status=form.status.data,
                text=form.text.data,
                by=current_user,
                expected_version=form.version.data,
                today=today(),
            )
        except Stale:
            raise StaleEdit(
                outcome,
                fields=[("status", _("Follow-up status"))],
                submitted={"status": form.status.data},
                retry_url=url_for(
                    ".workshop", workshop_id=outcome.workshop_id, _anchor=f"outcome-{outcome.id}"
                ),
            ) from None
        except Invalid as refused:
            show_refusal(form, refused)
        else:
            db.session.commit()
            if moved:
                flash(
                    _(
                        "Note added; the outcome is now “%(status)s”.",
                        status=labels.label("outcome_status", outcome.status),
                    ),
                    "success",
                )
            else:
                flash(_("Note added."), "success")
            return redirect(
                url_for(
                    ".workshop", workshop_id=outcome.workshop_id, _anchor=f"outcome-{outcome.id}"
                )
            )
    return render_workshop(outcome.workshop, note_forms={outcome.id: form}, status=422)
