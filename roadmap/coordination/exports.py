"""The activities (who does what where) as CSV and XLSX downloads."""

from flask import current_app, request
from flask_babel import gettext as _

from roadmap.clock import today
from roadmap.coordination import bp, loading
from roadmap.tabular import FRENCH_EXCEL, PLAIN, write_csv, write_xlsx

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
COLUMNS = (
    "id",
    "partner",
    "sector",
    "post",
    "country",
    "status",
    "start_date",
    "end_date",
    "note",
)
WIDTHS = {0: 6, 1: 36, 3: 28, 8: 40}


def rows(dialect=PLAIN, *, typed=False):
    """Yield one row per activity: days as dates (typed) or as the dialect writes them."""
    for a in loading.activities():
        start, end = (
            (a["start_date"], a["end_date"])
            if typed
            else (
                dialect.day(a["start_date"]),
                dialect.day(a["end_date"]),
            )
        )
        yield [
            a["id"] if typed else str(a["id"]),
            a["partner_name"],
            a["sector"],
            a["post"] or "",
            a["country"],
            a["status"],
            start,
            end,
            a["note"],
        ]


def _download(body: bytes, mimetype: str, extension: str):
    response = current_app.response_class(body, mimetype=mimetype)
    response.headers["Content-Disposition"] = (
        f'attachment; filename="activities-{today().isoformat()}.{extension}"'
    )
    return response


@bp.get("/coordination/activities.csv")
def export_csv():
    """Download every activity as CSV (dialect=fr: for Excel in French)."""
    dialect = FRENCH_EXCEL if request.args.get("dialect") == "fr" else PLAIN
    response = _download(write_csv(list(COLUMNS), rows(dialect), dialect), "text/csv", "csv")
    response.headers["Content-Type"] = "text/csv; charset=utf-8"
    return response


@bp.get("/coordination/activities.xlsx")
def export_xlsx():
    """Download every activity as an XLSX workbook."""
    body = write_xlsx(list(COLUMNS), rows(typed=True), _("Activities"), WIDTHS)
    return _download(body, XLSX, "xlsx")
