"""The coordination page, its activities and the assessment weights."""

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from roadmap.auth.access import admin_only, editor_only
from roadmap.caching import cached
from roadmap.commands import Invalid, Stale, commit
from roadmap.coordination import bp, commands, loading, page
from roadmap.coordination.forms import ActivityForm, WeightsForm
from roadmap.coordination.models import Activity, Partner
from roadmap.coordination.vocab import CRITERIA
from roadmap.extensions import db
from roadmap.form_errors import show_refusal
from roadmap.locking import StaleEdit, flash_merge, reconcile, start_form
from roadmap.posts.models import BorderPost
from roadmap.schedule.models import Project


@bp.get("/coordination")
def index():
    """Show who does what where: the matrix, the two alarms and the posts' ranking."""
    view = request.args.get("by") if request.args.get("by") in page.VIEWS else "country"
    data = cached("coordination_page", lambda: page.build(view), view)
    return render_template("coordination/index.html", view=view, **data)


def _activity_form(form: ActivityForm) -> ActivityForm:
    form.partner_id.choices = [(0, "—")] + [
        (p.id, str(p)) for p in db.session.scalars(select(Partner).order_by(Partner.name))
    ]
    form.post_id.choices = [(0, _("None: across the country below"))] + [
        (p.id, f"{p.name} ({p.country})")
        for p in db.session.scalars(
            select(BorderPost).order_by(BorderPost.country, BorderPost.name)
        )
    ]
    return form


def _activity_values(form) -> dict:
    values = {name: form[name].data for name in commands.ACTIVITY_FIELDS}
    values["post_id"] = values["post_id"] or None
    values["partner_id"] = values["partner_id"] or None
    values["country"] = values["country"] or None
    return values


@bp.route("/coordination/activities/new", methods=["GET", "POST"])
@editor_only
def create_activity():
    """Record what a partner does, where and when."""
    form = _activity_form(ActivityForm())
    if request.method == "GET" and request.args.get("partner", "").isdigit():
        form.partner_id.data = int(request.args["partner"])
    if form.validate_on_submit():
        try:
            commands.create_activity(_activity_values(form), by=current_user)
        except Invalid as refused:
            show_refusal(form, refused)
        else:
            db.session.commit()
            flash(_("The activity is recorded."), "success")
            return redirect(url_for("coordination.index"))
    status = 422 if request.method == "POST" else 200
    return render_template("coordination/activity_form.html", form=form, activity=None), status


@bp.route("/coordination/activities/<int:activity_id>/edit", methods=["GET", "POST"])
@editor_only
def edit_activity(activity_id):
    """Change an activity; a stale form is merged or asked about."""
    activity = db.get_or_404(Activity, activity_id)
    form = _activity_form(ActivityForm(obj=activity if request.method == "GET" else None))
    retry_url = url_for("coordination.edit_activity", activity_id=activity.id)
    fields = commands.ACTIVITY_FIELDS
    theirs = {name: getattr(activity, name) for name in fields}
    theirs.update(
        post_id=activity.post_id or 0, country=activity.country if not activity.post_id else ""
    )
    merge = None
    if request.method == "POST":
        merge = reconcile(activity, form, fields, retry_url=retry_url, theirs=theirs)
    else:
        form.post_id.data, form.country.data = theirs["post_id"], theirs["country"]
        start_form(form, activity, fields, theirs=theirs)
    if form.validate_on_submit():
        try:
            commands.update_activity(
                activity,
                _activity_values(form),
                by=current_user,
                expected_version=form.version.data,
            )
            commit(activity)
        except Stale:
            db.session.rollback()
            raise StaleEdit(activity, retry_url=retry_url) from None
        except Invalid as refused:
            show_refusal(form, refused)
        else:
            flash(_("The activity is saved."), "success")
            flash_merge(merge, form)
            return redirect(url_for("coordination.index"))
    status = 422 if request.method == "POST" else 200
    return render_template("coordination/activity_form.html", form=form, activity=activity), status


@bp.route("/coordination/weights", methods=["GET", "POST"])
@admin_only
def weights():
    """Set the weight of each assessment criterion (a project setting, summing to 100)."""
    project = Project.current()
    if project is None:
        return redirect(url_for("project.edit"))
    form = WeightsForm()
    retry_url = url_for("coordination.weights")
    stored = {name: str(value) for name, value in loading.weights().items()}
    merge = None
    if request.method == "POST":
        merge = reconcile(project, form, list(CRITERIA), retry_url=retry_url, theirs=stored)
    else:
        for name, value in stored.items():
            form[name].data = value
        start_form(form, project, list(CRITERIA), theirs=stored)
    if form.validate_on_submit():
        try:
            commands.set_weights(
                project,
                {name: (form[name].data or "").strip() for name in CRITERIA},
                by=current_user,
                expected_version=form.version.data,
            )
            commit(project)
        except Stale:
            db.session.rollback()
            raise StaleEdit(project, retry_url=retry_url) from None
        except Invalid as refused:
            show_refusal(form, refused)
        else:
            flash(_("The weights are saved."), "success")
            flash_merge(merge, form)
            return redirect(url_for("coordination.index"))
    status = 422 if request.method == "POST" else 200
    return render_template("coordination/weights.html", form=form), status


@bp.context_processor
def vocabulary():
    """Give the coordination's templates the names of its codes."""
    from roadmap.coordination import vocab

    return {"vocab": vocab}
