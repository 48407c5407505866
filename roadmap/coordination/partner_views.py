"""The partners' register: the list, a partner's page with its history, create and edit."""

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from roadmap.auth.access import editor_only
from roadmap.commands import Invalid, Stale, commit
from roadmap.coordination import bp, commands
from roadmap.coordination.forms import PartnerForm
from roadmap.coordination.models import Activity, Partner
from roadmap.extensions import db
from roadmap.form_errors import show_refusal
from roadmap.history_views import history_query
from roadmap.locking import StaleEdit, flash_merge, reconcile, start_form

FIELDS = commands.PARTNER_FIELDS


@bp.get("/coordination/partners")
def partners():
    """List the partner organisations."""
    rows = db.session.scalars(select(Partner).order_by(Partner.name)).all()
    return render_template("coordination/partners.html", partners=rows)


@bp.get("/coordination/partners/<int:partner_id>")
def partner(partner_id):
    """Show a partner, its activities and its history."""
    record = db.get_or_404(Partner, partner_id)
    activities = db.session.scalars(
        select(Activity).where(Activity.partner_id == partner_id).order_by(Activity.start_date)
    ).all()
    entries = db.session.scalars(history_query("partner", partner_id).limit(50)).all()
    return render_template(
        "coordination/partner.html", partner=record, activities=activities, entries=entries
    )


def _values(form) -> dict:
    return {name: form[name].data for name in FIELDS}


@bp.route("/coordination/partners/new", methods=["GET", "POST"])
@editor_only
def create_partner():
    """Register a partner organisation."""
    form = PartnerForm()
    if form.validate_on_submit():
        try:
            record = commands.create_partner(_values(form), by=current_user)
        except Invalid as refused:
            show_refusal(form, refused)
        else:
            db.session.commit()
            flash(_("The partner is registered."), "success")
            return redirect(url_for("coordination.partner", partner_id=record.id))
    status = 422 if request.method == "POST" else 200
    return render_template("coordination/partner_form.html", form=form, partner=None), status


@bp.route("/coordination/partners/<int:partner_id>/edit", methods=["GET", "POST"])
@editor_only
def edit_partner(partner_id):
    """Change a partner's details; a stale form is merged or asked about."""
    record = db.get_or_404(Partner, partner_id)
    form = PartnerForm(obj=record if request.method == "GET" else None)
    retry_url = url_for("coordination.edit_partner", partner_id=record.id)
    theirs = {name: getattr(record, name) or "" for name in FIELDS}
    theirs["participates"] = record.participates
    merge = None
    if request.method == "POST":
        merge = reconcile(record, form, FIELDS, retry_url=retry_url, theirs=theirs)
    else:
        form.country.data = record.country or ""
        start_form(form, record, FIELDS, theirs=theirs)
    if form.validate_on_submit():
        try:
            commands.update_partner(
                record, _values(form), by=current_user, expected_version=form.version.data
            )
            commit(record)
        except Stale:
            db.session.rollback()
            raise StaleEdit(record, retry_url=retry_url) from None
        except Invalid as refused:
            show_refusal(form, refused)
        else:
            flash(_("The partner is saved."), "success")
            flash_merge(merge, form)
            return redirect(url_for("coordination.partner", partner_id=record.id))
    status = 422 if request.method == "POST" else 200
    return render_template("coordination/partner_form.html", form=form, partner=record), status
