"""Views of the workshops feature: the workshop, its participation and its outcomes."""

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from roadmap.auth.access import editor_only
from roadmap.clock import today
from roadmap.commands import Invalid, Stale, commit
from roadmap.conditional import conditional
from roadmap.countries import G5_SAHEL, ISO3_TO_ISO2, country_choices
from roadmap.extensions import db
from roadmap.form_errors import show_refusal
from roadmap.locking import StaleEdit, flash_merge, reconcile, start_form
from roadmap.paging import paginate, requested_page
from roadmap.workshops import bp, commands, pages
from roadmap.workshops.forms import WorkshopForm, participation_form
from roadmap.workshops.models import ORG_TYPES, SEXES, Workshop
from roadmap.workshops.participation import cell_name, grid_cells, parse_grid
from roadmap.workshops.workshop_page import get_workshop, render_workshop

PER_PAGE = 25


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
