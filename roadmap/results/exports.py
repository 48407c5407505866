"""The /results table as CSV and XLSX files: one line per indicator, the period under way."""

from flask import current_app, request
from flask_babel import gettext as _

from roadmap.clock import today
from roadmap.results import bp, tables
from roadmap.results.framework import framework
from roadmap.results.summary import indicator_lines
from roadmap.tabular import FRENCH_EXCEL, PLAIN, Dialect, write_csv, write_xlsx

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DAYS = (7, 8, 9)


def header() -> list[str]:
    names = tables.headers()
    # A file has no percent format: the share is written in percent.
    names[tables.SHARE] = _("Share of target (%)")
    return names


def typed_rows() -> list[list]:
    """Return the table's rows with days and numbers as they are, shares in percent."""
    rows = []
    for line in indicator_lines(framework(today())):
        row = tables.cells(line)
        share = row[tables.SHARE]
        row[tables.SHARE] = None if share is None else round(share * 100, 1)
        rows.append(["" if cell is None else cell for cell in row])
    return rows


def text_row(row: list, dialect: Dialect) -> list[str]:
    """Return a row's cells as the dialect writes days and numbers."""
    cells = []
    for column, cell in enumerate(row):
        if column in DAYS:
            cell = dialect.day(cell or None)
        elif isinstance(cell, (int, float)):
            cell = dialect.number(f"{cell:g}")
        cells.append(cell)
    return cells


def download(body: bytes, mimetype: str, extension: str):
    response = current_app.response_class(body, mimetype=mimetype)
    response.headers["Content-Disposition"] = (
        f'attachment; filename="results-{today().isoformat()}.{extension}"'
    )
    return response


@bp.get("/results.csv")
def export_csv():
    """Download the results table as CSV (dialect=fr: for Excel in French)."""
    dialect = FRENCH_EXCEL if request.args.get("dialect") == "fr" else PLAIN
    rows = [text_row(row, dialect) for row in typed_rows()]
    response = download(write_csv(header(), rows, dialect), "text/csv", "csv")
    response.headers["Content-Type"] = "text/csv; charset=utf-8"
    return response


@bp.get("/results.xlsx")
def export_xlsx():
    """Download the results table as an XLSX workbook: real days and numbers."""
    widths = dict(enumerate(tables.WIDTHS))
    body = write_xlsx(header(), typed_rows(), _("Results"), widths)
    return download(body, XLSX, "xlsx")
