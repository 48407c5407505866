"""The milestones in spreadsheets: CSV and XLSX export, and the import with its preview."""

from flask import current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user
from sqlalchemy import select

from roadmap.auth.access import editor_only
from roadmap.clock import today
from roadmap.commands import Invalid, Stale
from roadmap.data_version import data_version
from roadmap.extensions import db
from roadmap.schedule import bp, commands, uploads
from roadmap.schedule.forms import ConfirmImportForm, MilestoneImportForm
from roadmap.schedule.importing import export_rows, plan_import
from roadmap.schedule.models import Milestone, Project
from roadmap.schedule.mspdi import ELEMENT_OF, is_xml, write_mspdi
from roadmap.schedule.mspdi_reading import read_mspdi
from roadmap.schedule.sheet import COLUMNS, REQUIRED, Sheet, export_row, read_sheet
from roadmap.tabular import FRENCH_EXCEL, PLAIN, CsvError, read_table, write_csv, write_xlsx

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
WIDTHS = {0: 6, 1: 28, 2: 40, 3: 20, 14: 18, 15: 16}
# Shown after the columns the import reads, which ignores them: derived, never typed.
DERIVED = ("total_float_days", "critical")


def _download(body: bytes, mimetype: str, extension: str):
    response = current_app.response_class(body, mimetype=mimetype)
    response.headers["Content-Disposition"] = (
        f'attachment; filename="milestones-{today().isoformat()}.{extension}"'
    )
    return response


@bp.get("/milestones.csv")
def export_csv():
    """Download every milestone as CSV (dialect=fr: for Excel in French); imports unchanged."""
    dialect = FRENCH_EXCEL if request.args.get("dialect") == "fr" else PLAIN
    rows = (export_row(row, dialect) for row in export_rows())
    response = _download(write_csv(list(COLUMNS), rows, dialect), "text/csv", "csv")
    response.headers["Content-Type"] = "text/csv; charset=utf-8"
    return response


@bp.get("/milestones.xlsx")
def export_xlsx():
    """Download every milestone as an XLSX workbook that the import reads back unchanged."""
    rows = (
        [*export_row(row, PLAIN, typed=True), *(row[name] for name in DERIVED)]
        for row in export_rows()
    )
    body = write_xlsx([*COLUMNS, *DERIVED], rows, _("Milestones"), WIDTHS)
    return _download(body, XLSX, "xlsx")


@bp.get("/milestones.xml")
def export_mspdi():
    """Download the plan as MS Project XML (MSPDI) for MS Project, ProjectLibre or GanttProject."""
    project, day = Project.current(), today()
    body = write_mspdi(
        export_rows(),
        project.name if project else _("Milestones"),
        project.start_date if project else day,
        project.end_date if project else day,
    )
    return _download(body, "application/xml", "xml")


def _version_token() -> str:
    return "|".join(str(part) for part in data_version())


def _read(data: bytes) -> tuple[Sheet, bool]:
    """Type a milestones file, told by its content: MS Project XML, XLSX or CSV."""
    if is_xml(data):
        known = set(db.session.scalars(select(Milestone.id)))
        return read_mspdi(data, known), True
    return read_sheet(read_table(data)), False


@bp.route("/milestones/import", methods=["GET", "POST"])
@editor_only
def import_file():
    """Check a milestones file and preview it; apply it, all rows or none, once confirmed."""
    form, confirm = MilestoneImportForm(), ConfirmImportForm()
    context = {"plan": None, "file_error": None, "stale": False, "msproject": False}
    confirming = "upload" in request.form
    data, name, upload = None, "", None
    if confirming:
        if confirm.validate_on_submit():
            upload = uploads.find(confirm.upload.data, current_user.id)
            if upload is None:
                context["file_error"] = _("The checked file was lost: choose it again.")
            else:
                data, name = upload.content, upload.filename
    elif form.validate_on_submit():
        with form.file.data.stream as stream:  # a large upload is a temporary file
            data = stream.read()
        name = form.file.data.filename or "milestones.csv"
    if data is not None:
        try:
            sheet, context["msproject"] = _read(data)
            plan = plan_import(sheet, today())
        except CsvError as error:
            context["file_error"] = str(error)
        else:
            context["plan"] = plan
            context["stale"] = confirming and confirm.version.data != _version_token()
            if confirming and not plan.problems and not context["stale"]:
                applied = _apply(plan, name, upload)
                if applied:
                    return applied
                context["refused"] = True
            if not plan.problems and upload is None:
                confirm.upload.data = uploads.keep(data, name, current_user.id)
                db.session.commit()  # only the checked file: the plan is applied once confirmed
            confirm.version.data = _version_token()
            if context["msproject"]:  # name the fields as MS Project does
                for problem in plan.problems:
                    problem.column = ELEMENT_OF.get(problem.column, problem.column)
    failed = (
        context["file_error"]
        or context.get("refused")
        or (context["plan"] and context["plan"].problems)
    )
    status = 409 if context["stale"] else 422 if failed else 200
    return (
        render_template(
            "schedule/import.html",
            form=form,
            confirm=confirm,
            columns=COLUMNS,
            required=REQUIRED,
            **context,
        ),
        status,
    )


def _apply(plan, name: str, upload):
    """Apply a checked plan and go to the list; on a refusal, undo all and say why."""
    try:
        pushed = commands.import_milestones(plan.rows, by=current_user, today=today(), source=name)
        db.session.delete(upload)  # applied: the kept file goes with the same commit
        db.session.commit()
    except (Invalid, Stale) as refused:
        db.session.rollback()
        message = (
            " ".join(m for messages in refused.errors.values() for m in messages)
            if isinstance(refused, Invalid)
            else _("Someone saved a milestone meanwhile: check the file again.")
        )
        flash(_("Nothing was imported: %(reason)s", reason=message), "danger")
        return None
    flash(
        _(
            "Import done: %(created)s, %(changed)s, %(unchanged)s.",
            created=ngettext(
                "%(num)d milestone created", "%(num)d milestones created", plan.count("create")
            ),
            changed=ngettext("%(num)d changed", "%(num)d changed", plan.count("change")),
            unchanged=ngettext("%(num)d unchanged", "%(num)d unchanged", plan.count("unchanged")),
        ),
        "success",
    )
    if pushed:
        flash(
            ngettext(
                "%(num)d later milestone was pushed by this import.",
                "%(num)d later milestones were pushed by this import.",
                pushed,
            ),
            "info",
        )
    return redirect(url_for(".milestones"))
