"""The project's settings."""

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from sqlalchemy import select

from roadmap.auth.access import admin_only
from roadmap.extensions import db
from roadmap.locking import ensure_current
from roadmap.project import bp
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


def current_project() -> Project | None:
    """Return the installation's project, if one is set up."""
    return db.session.scalar(select(Project).order_by(Project.id).limit(1))


@bp.get("/project")
def show():
    """Show the project's settings."""
    return render_template("project/show.html", project=current_project())


@bp.route("/project/edit", methods=["GET", "POST"])
@admin_only
def edit():
    """Create or change the project's settings."""
    project = current_project()
    form = ProjectForm(obj=project if request.method == "GET" else None)
    if request.method == "GET" and project is not None:
        form.version.data = project.version
    if form.validate_on_submit():
        if project is None:
            project = Project()
            db.session.add(project)
        else:
            ensure_current(
                project,
                form.version.data,
                fields=[(name, getattr(form, name).label.text) for name in FIELDS],
                submitted={name: getattr(form, name).data for name in FIELDS},
                retry_url=url_for("project.edit"),
            )
        for name in FIELDS:
            setattr(project, name, getattr(form, name).data)
        project.code = project.code.strip()
        db.session.commit()
        flash(_("The project settings are saved."), "success")
        return redirect(url_for("project.show"))
    status = 422 if request.method == "POST" else 200
    return render_template("project/edit.html", form=form, project=project), status
