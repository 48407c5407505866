"""Views of the workshops feature: the workshop, its participation and its outcomes."""

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import and_, or_, select
from sqlalchemy.orm import selectinload

from roadmap.auth.access import editor_only
from roadmap.caching import memoised
from roadmap.clock import today
from roadmap.commands import Invalid, Stale, commit
from roadmap.conditional import conditional
from roadmap.countries import G5_SAHEL, ISO3_TO_ISO2, country_choices
from roadmap.extensions import db
from roadmap.form_errors import show_refusal
from roadmap.history import HistoryEntry
from roadmap.locking import StaleEdit, flash_merge, reconcile, start_form
from roadmap.paging import paginate, requested_page
from roadmap.reports.loading import data_version
from roadmap.workshops import commands, pages
from roadmap.workshops.forms import WorkshopForm, blank_note_form, participation_form
from roadmap.workshops.models import ORG_TYPES, SEXES, Outcome, OutcomeNote, Workshop
from roadmap.workshops.participation import cell_name, grid_cells, parse_grid

bp = Blueprint("workshops", __name__)

HISTORY_LIMIT = 50
PER_PAGE = 25
# Workshop charts kept per process: about 10 KB a workshop and language.
CHART_CACHE_BYTES = 2 * 1024 * 1024


def get_workshop(workshop_id: int) -> Workshop:
    """Return the workshop with everything its page shows, in a fixed number of queries."""
    return db.first_or_404(
        db.select(Workshop)
        .where(Workshop.id == workshop_id)
        .options(
            selectinload(Workshop.participation),
            selectinload(Workshop.outcomes)
            .selectinload(Outcome.notes)
            .joinedload(OutcomeNote.author),
            selectinload(Workshop.outcomes).selectinload(Outcome.milestones),
        )
    )


def milestone_url(milestone_id: int) -> str:
    """Return the milestone page's address."""
    return url_for("schedule.milestone", milestone_id=milestone_id)


@bp.get("/workshops")
def index():
    """List the workshops, the latest first."""
    query = (
        select(Workshop)
        .options(selectinload(Workshop.participation), selectinload(Workshop.outcomes))
        .order_by(Workshop.start_date.desc(), Workshop.id.desc())
    )
    page = paginate(query, requested_page(request.args), PER_PAGE)
    rows = [(workshop, pages.workshop_figures(workshop, today())) for workshop in page.items]
    return render_template("workshops/index.html", rows=rows, page=page)


@bp.get("/workshops/<int:workshop_id>")
@conditional
def workshop(workshop_id):
    """Show a workshop, who took part and the follow-up of its outcomes."""
    return render_workshop(get_workshop(workshop_id))


def render_workshop(workshop: Workshop, note_forms: dict | None = None, status: int = 200):
    """Render the workshop page; note_forms holds forms being re-shown with errors."""
    note_forms = dict(note_forms or {})
    if current_user.can_edit:
        for outcome in workshop.outcomes:
            note_forms.setdefault(outcome.id, blank_note_form(outcome))
    return (
        render_template(
            "workshops/workshop.html",
            workshop=workshop,
            figures=pages.workshop_figures(workshop, today()),
            charts=workshop_charts(workshop),
            note_forms=note_forms,
            milestone_url=milestone_url,
            entries=workshop_history(workshop),
        ),
        status,
    )


def workshop_charts(workshop: Workshop) -> list:
    """Return the workshop's charts, built once per data version and language."""
    key = (workshop.id, data_version(), str(get_locale()))
    return memoised(
        "workshop_charts",
        key,
        lambda: pages.workshop_charts(workshop),
        CHART_CACHE_BYTES,
        weigh=lambda charts: sum(len(c[1]) for c in charts),
    )


def workshop_history(workshop: Workshop) -> list[HistoryEntry]:
    """Return the latest changes to the workshop, its participation and its outcomes."""
    outcome_ids = [outcome.id for outcome in workshop.outcomes]
    note_ids = [note.id for outcome in workshop.outcomes for note in outcome.notes]
    participation_ids = [row.id for row in workshop.participation]
    conditions = [and_(HistoryEntry.entity == "workshop", HistoryEntry.entity_id == workshop.id)]
    for entity, ids in (
        ("outcome", outcome_ids),
        ("outcome_note", note_ids),
        ("participation", participation_ids),
    ):
        if ids:
            conditions.append(and_(HistoryEntry.entity == entity, HistoryEntry.entity_id.in_(ids)))
    return db.session.scalars(
        select(HistoryEntry)
        .where(or_(*conditions))
        .order_by(HistoryEntry.id.desc())
        .limit(HISTORY_LIMIT)
    ).all()


# --- the workshop itself -------------------------------------------------------------------

WORKSHOP_FIELDS = commands.WORKSHOP_FIELDS


def workshop_values(form: WorkshopForm) -> dict:
    """Return the form's values as the workshop's (never the version)."""
    return {name: form[name].data for name in WORKSHOP_FIELDS}


@bp.route("/workshops/new", methods=["GET", "POST"])
@editor_only
def new():
    """Create a workshop."""
    form = WorkshopForm()
    if form.validate_on_submit():
        try:
            workshop = commands.create_workshop(workshop_values(form), by=current_user)
        except Invalid as refused:
            show_refusal(form, refused)
        else:
            db.session.commit()
            flash(_("Workshop created."), "success")
            return redirect(url_for(".workshop", workshop_id=workshop.id))
    return render_template("workshops/workshop_form.html", form=form, workshop=None)


@bp.route("/workshops/<int:workshop_id>/edit", methods=["GET", "POST"])
@editor_only
def edit(workshop_id):
    """Change a workshop's title, place, dates, summary or agenda."""
    workshop = get_workshop(workshop_id)
    # On POST the form reads only the request: a missing version must not come from the record.
    form = WorkshopForm() if request.method == "POST" else WorkshopForm(obj=workshop)
    retry_url = url_for(".edit", workshop_id=workshop.id)
    merge = None
    if request.method == "POST":
        merge = reconcile(workshop, form, WORKSHOP_FIELDS, retry_url=retry_url)
    else:
        start_form(form, workshop, WORKSHOP_FIELDS)
    if form.validate_on_submit():
        try:
            commands.update_workshop(
                workshop,
                workshop_values(form),
                by=current_user,
                expected_version=form.version.data,
            )
            commit(workshop)
        except Stale:  # saved by someone else between our check and our write
            db.session.rollback()
            raise StaleEdit(workshop, retry_url=retry_url) from None
        except Invalid as refused:
            show_refusal(form, refused)
        else:
            flash(_("Workshop saved."), "success")
            flash_merge(merge, form)
            return redirect(url_for(".workshop", workshop_id=workshop.id))
    return render_template("workshops/workshop_form.html", form=form, workshop=workshop)


# --- participation -------------------------------------------------------------------------


def grid_countries(workshop: Workshop, extra: list[str]) -> list[str]:
    """Return the grid's rows: the G5 Sahel, the host, anyone counted, and countries added."""
    countries = list(G5_SAHEL)
    for code in [workshop.country, *(row.country for row in workshop.participation), *extra]:
        code = (code or "").upper()
        if code in ISO3_TO_ISO2 and code not in countries:
            countries.append(code)
    return countries


def grid_fingerprint(workshop: Workshop) -> str:
    """Return a digest of the stored counts, so a grid saved meanwhile is noticed."""
    return commands.participation_version(workshop)


def stored_cells(workshop: Workshop, cells) -> dict:
    """Return the stored count of each of the grid's cells (None where nobody was counted)."""
    stored = {
        cell_name(row.country, row.org_type, row.sex): row.count for row in workshop.participation
    }
    return {name: stored.get(name) for name in cells}


@bp.route("/workshops/<int:workshop_id>/participation", methods=["GET", "POST"])
@editor_only
def participation(workshop_id):
    """Enter how many people of each country, organisation type and sex took part."""
    workshop = get_workshop(workshop_id)
    countries = grid_countries(workshop, request.values.getlist("country"))
    cells = [cell_name(*key) for key in grid_cells(countries)]
    theirs, version = stored_cells(workshop, cells), grid_fingerprint(workshop)
    # On POST the form reads only the request: a cell left out is not filled in from the counts.
    form = participation_form(countries, data=None if request.method == "POST" else theirs)
    # The conflict page posts back to the grid with the rows added to it.
    added = [code for code in countries if code not in G5_SAHEL]
    retry_url = url_for(".participation", workshop_id=workshop.id, country=added)
    errors, merge = {}, None
    if request.method == "POST":
        # Before the cells are read: a grid made from counts since replaced is merged per
        # cell (a cell only the other person changed keeps theirs), or the 409 page asks.
        merge = reconcile(
            workshop, form, cells, retry_url=retry_url, theirs=theirs, version=version
        )
        if form.validate_on_submit():
            counts, errors = parse_grid({name: form[name].data for name in cells}, countries)
            if not errors:
                try:
                    commands.save_participation(
                        workshop, counts, by=current_user, expected_version=form.version.data
                    )
                    commit(workshop)
                except Stale:  # saved by someone else between our check and our write
                    db.session.rollback()
                    raise StaleEdit(workshop, retry_url=retry_url) from None
                flash(_("Participation saved."), "success")
                flash_merge(merge, form)
                return redirect(
                    url_for(".workshop", workshop_id=workshop.id, _anchor="participation")
                )
    else:
        start_form(form, workshop, cells, theirs=theirs, version=version)
    addable = [(code, name) for code, name in country_choices() if code not in countries]
    return render_template(
        "workshops/participation.html",
        workshop=workshop,
        form=form,
        countries=countries,
        org_types=ORG_TYPES,
        sexes=SEXES,
        errors=errors,
        cell_name=cell_name,
        addable=addable,
    ), (422 if errors else 200)


# The outcome and follow-up note routes live beside this module, on the same blueprint.
from roadmap.workshops import outcome_views  # noqa: E402,F401
