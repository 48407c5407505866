"""The monthly report's Results sheet: the /results table as the month ended."""

from flask_babel import pgettext

from roadmap.results import tables


def sheet_columns() -> tuple[str, list[str], tuple]:
    """Return the sheet's name, headers and column widths."""
    # Its own context: in French the workshop outcomes' sheet is already "Résultats".
    return pgettext("sheet", "Results")[:31], tables.headers(), tables.WIDTHS


def write_sheet(sheet, lines: list[dict]) -> None:
    """Write one row per indicator; percentages and shares get the percent format."""
    for line in lines:
        row = tables.cells(line)
        if line["unit"] == "percentage":
            for col in tables.VALUES:
                row[col] = (None if row[col] is None else row[col] / 100, "percent")
        row[tables.SHARE] = (row[tables.SHARE], "percent")
        sheet.write(row)
    sheet.finish()
