"""The milestones in spreadsheets: CSV and XLSX export, and the import with its preview."""

import base64
import binascii
import zlib

from flask import current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user

from roadmap.auth.access import editor_only
from roadmap.clock import today
from roadmap.commands import Invalid, Stale
from roadmap.data_version import data_version
from roadmap.extensions import db
from roadmap.schedule import bp, commands
from roadmap.schedule.forms import ConfirmImportForm, MilestoneImportForm
from roadmap.schedule.importing import export_rows, plan_import
from roadmap.schedule.sheet import COLUMNS, REQUIRED, export_row, read_sheet
from roadmap.tabular import FRENCH_EXCEL, PLAIN, CsvError, read_table, write_csv, write_xlsx

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
WIDTHS = {0: 6, 1: 28, 2: 40, 3: 20, 14: 18}


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
    rows = (export_row(row, PLAIN, typed=True) for row in export_rows())
    body = write_xlsx(list(COLUMNS), rows, _("Milestones"), WIDTHS)
    return _download(body, XLSX, "xlsx")


def _packed(data: bytes) -> str:
    return base64.b64encode(zlib.compress(data, 9)).decode("ascii")


def _unpacked(text: str) -> bytes | None:
    try:
        return zlib.decompress(base64.b64decode(text, validate=True))
    except (binascii.Error, zlib.error, ValueError):
        return None


def _version_token() -> str:
    return "|".join(str(part) for part in data_version())


@bp.route("/milestones/import", methods=["GET", "POST"])
@editor_only
def import_file():
    """Check a milestones file and preview it; apply it, all rows or none, once confirmed."""
    form, confirm = MilestoneImportForm(), ConfirmImportForm()
    context = {"plan": None, "file_error": None, "stale": False}
    data, name = None, ""
    if "content" in request.form:
        if confirm.validate_on_submit():
            data, name = _unpacked(confirm.content.data), confirm.filename.data or ""
            if data is None:
                context["file_error"] = _("The checked file was lost: choose it again.")
    elif form.validate_on_submit():
        data, name = form.file.data.read(), form.file.data.filename or "milestones.csv"
    if data is not None:
        try:
            plan = plan_import(read_sheet(read_table(data)), today())
        except CsvError as error:
            context["file_error"] = str(error)
        else:
            context["plan"] = plan
            context["stale"] = "content" in request.form and (
                confirm.version.data != _version_token()
            )
            if "content" in request.form and not plan.problems and not context["stale"]:
                applied = _apply(plan, name)
                if applied:
                    return applied
                context["refused"] = True
            confirm.content.data, confirm.filename.data = _packed(data), name
            confirm.version.data = _version_token()
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


def _apply(plan, name: str):
    """Apply a checked plan and go to the list; on a refusal, undo all and say why."""
    try:
        pushed = commands.import_milestones(plan.rows, by=current_user, today=today(), source=name)
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
