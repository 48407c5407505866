"""The project's settings."""

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from roadmap.auth.access import admin_only
from roadmap.commands import Invalid, Stale
from roadmap.extensions import db
from roadmap.form_errors import show_refusal
from roadmap.locking import StaleEdit
from roadmap.project import bp, commands
from roadmap.project.forms import ProjectForm
from roadmap.schedule.models import Project

FIELDS = (
    "name",
    "code",
    "donor",
    "implementing_org",
    "start_date",
    "end_date",
    "countries",
    "currency",
    "budget",
    "iati_identifier",
    "summary",
)


@bp.get("/project")
def show():
    """Show the project's settings."""
    return render_template("project/show.html", project=Project.current())


@bp.route("/project/edit", methods=["GET", "POST"])
@admin_only
def edit():
    """Create or change the project's settings."""
    project = Project.current()
    form = ProjectForm(obj=project if request.method == "GET" else None)
    if request.method == "GET" and project is not None:
        form.version.data = project.version
    if form.validate_on_submit():
        try:
            commands.save_project(
                project,
                {name: getattr(form, name).data for name in FIELDS},
                by=current_user,
                expected_version=form.version.data,
            )
        except Stale:
            raise StaleEdit(
                project,
                fields=[(name, getattr(form, name).label.text) for name in FIELDS],
                submitted={name: getattr(form, name).data for name in FIELDS},
                retry_url=url_for("project.edit"),
            ) from None
        except Invalid as refused:
            show_refusal(form, refused)
        else:
            db.session.commit()
            flash(_("The project settings are saved."), "success")
            return redirect(url_for("project.show"))
    status = 422 if request.method == "POST" else 200
    return render_template("project/edit.html", form=form, project=project), status
