"""The project's settings."""

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from roadmap.auth.access import admin_only
from roadmap.commands import Invalid, Stale, commit
from roadmap.extensions import db
from roadmap.form_errors import show_refusal
from roadmap.locking import StaleEdit, flash_merge, reconcile, start_form
from roadmap.project import bp, commands
from roadmap.project.forms import ProjectForm
from roadmap.schedule.models import Project

FIELDS = commands.FIELDS


@bp.get("/project")
def show():
    """Show the project's settings."""
    return render_template("project/show.html", project=Project.current())


@bp.route("/project/edit", methods=["GET", "POST"])
@admin_only
def edit():
    """Create or change the project's settings."""
    project = Project.current()
    # On POST the form reads only the request: a missing version must not come from the record.
    form = ProjectForm(obj=project if request.method == "GET" else None)
    retry_url = url_for("project.edit")
    merge = None
    if project is not None:
        if request.method == "POST":
            merge = reconcile(project, form, FIELDS, retry_url=retry_url)
        else:
            start_form(form, project, FIELDS)
    if form.validate_on_submit():
        try:
            commands.save_project(
                project,
                {name: form[name].data for name in FIELDS},
                by=current_user,
                expected_version=form.version.data,
            )
            commit(project)
        except Stale:  # saved by someone else between our check and our write
            db.session.rollback()
            raise StaleEdit(project, retry_url=retry_url) from None
        except Invalid as refused:
            show_refusal(form, refused)
        else:
            flash(_("The project settings are saved."), "success")
            flash_merge(merge, form)
            return redirect(url_for("project.show"))
    status = 422 if request.method == "POST" else 200
    return render_template("project/edit.html", form=form, project=project), status
