"""The first run: with no account yet, whoever installed the app makes the admin and project."""

import logging

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from sqlalchemy.exc import IntegrityError

from roadmap.auth.access import public
from roadmap.auth.commands import create_account, has_accounts
from roadmap.commands import Invalid
from roadmap.extensions import db
from roadmap.form_errors import show_refusal
from roadmap.project import bp, commands
from roadmap.project.forms import SetupForm

log = logging.getLogger("roadmap.auth")
# The account command's fields, as the form names them.
ACCOUNT_FIELDS = {name: f"admin_{name}" for name in ("email", "name", "password")}


@bp.route("/setup", methods=["GET", "POST"])
@public
def setup():
    """Create the first administrator and the project; 404 once any account exists."""
    if has_accounts():
        abort(404)  # never a way to take over an installed app
    form = SetupForm()
    if form.validate_on_submit():
        try:
            admin = create_account(
                form.admin_email.data,
                form.admin_name.data,
                form.admin_password.data,
                role="admin",
                language=form.admin_language.data,
                by=None,
            )
            db.session.flush()
            names = [line for line in (form.workstream.data or "").splitlines() if line.strip()]
            values = {name: form[name].data for name in commands.FIELDS}
            values["countries"] = values["countries"] or []
            commands.set_up_project(values, names, by=admin)
            db.session.commit()
        except Invalid as refused:
            db.session.rollback()
            show_refusal(form, refused, ACCOUNT_FIELDS)
        except IntegrityError:  # someone else finished the setup meanwhile
            db.session.rollback()
            abort(404)
        else:
            log.info("first run: admin user_id=%s created the project", admin.id)
            flash(_("Your account and the project are set up: log in."), "success")
            return redirect(url_for("auth.login"))
    status = 422 if request.method == "POST" else 200
    return render_template("project/setup.html", form=form), status
