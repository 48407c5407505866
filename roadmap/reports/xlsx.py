"""The report as a workbook: sheets Summary, Results, Milestones, Posts and Outcomes.

Dates are real dates, numbers real numbers and shares percent-formatted. Nothing
a user typed is ever run as a formula: strings are written as strings, and text
that starts like a formula also gets Excel's quote prefix.

At scale (thousands of milestones) the cost is per cell: each cell is written with
the typed call and one of a few shared formats, and each label or country name is
translated once per workbook. The workbook is built in memory: xlsxwriter's
constant_memory mode would need temporary files, and nothing is written to disk at
run time.
"""

import io
from datetime import date, datetime
from functools import cache

import xlsxwriter
from flask_babel import gettext as _

from roadmap.countries import country_name
from roadmap.labels import label
from roadmap.money import spreadsheet_format
from roadmap.reports import results

FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "|")


class _Sheet:
    """One worksheet written row by row with the workbook's shared formats."""

    def __init__(self, book, formats, name, headers, widths):
        self.sheet = book.add_worksheet(name)
        self.formats = formats
        self.row = 0
        for col, (text, width) in enumerate(zip(headers, widths, strict=True)):
            self.sheet.write_string(0, col, str(text), formats["header"])
            self.sheet.set_column(col, col, width)
        self.sheet.freeze_panes(1, 0)
        self.columns = len(headers)

    def write(self, values):
        self.row += 1
        for col, value in enumerate(values):
            self.cell(self.row, col, value)

    def cell(self, row, col, value):
        fmt = self.formats
        if value is None or value == "":
            return  # a blank cell without a format is no cell at all
        if isinstance(value, str):
            if value.startswith(FORMULA_START):
                self.sheet.write_string(row, col, value, fmt["quoted"])
            else:
                self.sheet.write_string(row, col, value)
        elif isinstance(value, tuple):  # (number, "percent"|"money")
            number, kind = value
            if number is not None:
                self.sheet.write_number(row, col, float(number), fmt[kind])
        elif isinstance(value, bool):
            self.sheet.write_boolean(row, col, value)
        elif isinstance(value, datetime):
            self.sheet.write_datetime(row, col, value.replace(tzinfo=None), fmt["datetime"])
        elif isinstance(value, date):
            self.sheet.write_datetime(
                row, col, datetime(value.year, value.month, value.day), fmt["date"]
            )
        elif isinstance(value, (int, float)):
            self.sheet.write_number(row, col, value)
        else:
            self.cell(row, col, str(value))

    def finish(self):
        self.sheet.autofilter(0, 0, max(self.row, 1), self.columns - 1)


def _formats(book, currency):
    return {
        "header": book.add_format(
            {"bold": True, "bg_color": "#E8EDF2", "border": 1, "text_wrap": True, "valign": "top"}
        ),
        "date": book.add_format({"num_format": "yyyy-mm-dd"}),
        "datetime": book.add_format({"num_format": "yyyy-mm-dd hh:mm"}),
        "percent": book.add_format({"num_format": "0%"}),
        "money": book.add_format({"num_format": spreadsheet_format(currency)}),
        "quoted": book.add_format({"quote_prefix": True}),
    }


def _summary(book, formats, report, narrative, version):
    sheet = _Sheet(book, formats, _("Summary")[:31], [_("Item"), _("Value")], [42, 70])
    f = report["figures"]
    project = report["project"]
    rows = [
        (_("Project"), project["name"]),
        (_("Code"), project["code"]),
        (_("Donor"), project["donor"]),
        (_("Implemented by"), project["implementing_org"]),
        (_("Period start"), report["period_start"]),
        (_("Period end"), report["period_end"]),
        (_("Data as of"), report["as_of"]),
        (_("Version"), version["number"] if version else _("draft")),
        (_("Overall status"), label("health", report["overall"])),
        (_("Time elapsed"), (f["elapsed"] / 100, "percent")),
        (_("Work complete"), (f["work_complete"] / 100, "percent")),
        (_("Work planned by this date"), (f["planned_complete"] / 100, "percent")),
        (_("Milestones"), f["milestones"]),
        (_("Milestones done"), f["done"]),
        (_("Milestones completed this month"), f["completed_in_month"]),
        (_("Milestones late"), f["late"]),
        (_("Milestones due next month"), f["due_next"]),
        (_("Border posts"), f["posts"]),
    ]
    rows += [
        (_("Border posts: %(stage)s", stage=label("stage", stage)), count)
        for stage, count in f["posts_by_stage"].items()
    ]
    rows += [
        (_("Recommendations"), f["recommendations"]),
        (_("Recommendations implemented"), f["implemented"]),
        (_("Share of recommendations implemented"), (f["implemented_pct"] / 100, "percent")),
        (_("Highlights"), narrative.get("highlights", "")),
        (_("Challenges"), narrative.get("challenges", "")),
        (_("Next steps"), narrative.get("next_steps", "")),
    ]
    for row in rows:
        sheet.write(row)
    sheet.finish()


def _translations():
    """Return label and country_name memoised for one workbook (one language)."""
    return cache(label), cache(country_name)


def _milestones(book, formats, report):
    late = {r["id"]: r for r in report["late"]}
    completed = {r["id"] for r in report["completed"]}
    sheet = _Sheet(
        book,
        formats,
        _("Milestones")[:31],
        [
            _("Workstream"),
            _("Milestone"),
            _("Owner"),
            _("Status"),
            _("Health"),
            _("Start"),
            _("End"),
            _("Baseline start"),
            _("Baseline end"),
            _("Complete"),
            _("Slip (days)"),
            _("Completed this month"),
            _("Reason"),
        ],
        [26, 44, 20, 14, 12, 12, 12, 12, 12, 10, 10, 12, 40],
    )
    labels, _countries = _translations()
    yes = _("Yes")
    for r in report["milestones"]:
        sheet.write(
            [
                r["workstream"],
                r["title"],
                r["owner"],
                labels("milestone_status", r["status"]),
                labels("health", r["health"]),
                r["start"],
                r["end"],
                r["baseline_start"],
                r["baseline_end"],
                (r["percent"] / 100, "percent"),
                r["slip"],
                yes if r["id"] in completed else "",
                late.get(r["id"], {}).get("reason", ""),
            ]
        )
    sheet.finish()


def _posts(book, formats, report):
    sheet = _Sheet(
        book,
        formats,
        _("Posts")[:31],
        [
            _("Post"),
            _("Country"),
            _("Stage at month end"),
            _("Progress"),
            _("Stage at month start"),
            _("Progress at month start"),
            _("Estimated cost"),
            _("Spent"),
            _("Comments this month"),
        ],
        [32, 16, 20, 10, 20, 12, 14, 14, 50],
    )
    labels, countries = _translations()
    for p in report["posts"]:
        sheet.write(
            [
                p["name"],
                countries(p["country"]),
                labels("stage", p["stage"]),
                (p["progress"] / 100, "percent"),
                labels("stage", p["stage_before"]),
                (
                    p["progress_before"] / 100 if p["progress_before"] is not None else None,
                    "percent",
                ),
                (p["estimated_cost"], "money"),
                (p["spent"], "money"),
                "\n".join(p["comments"]),
            ]
        )
    sheet.finish()


def _outcomes(book, formats, report):
    sheet = _Sheet(
        book,
        formats,
        _("Outcomes")[:31],
        [
            _("Workshop"),
            _("Kind"),
            _("Outcome"),
            _("Responsible"),
            _("Due"),
            _("Status"),
            _("Status at month start"),
            _("Latest follow-up"),
            _("Follow-up date"),
        ],
        [30, 16, 60, 24, 12, 14, 14, 50, 12],
    )
    labels, _countries = _translations()
    for o in report["outcomes"]:
        sheet.write(
            [
                o["workshop"],
                labels("outcome_kind", o["kind"]),
                o["text"],
                o["responsible"],
                o["due_date"],
                labels("outcome_status", o["status"]),
                labels("outcome_status", o["status_before"]),
                o["note"],
                o["note_date"],
            ]
        )
    sheet.finish()


def _corrections(book, formats, version):
    """The sheet of a corrected version: each fact entered after the previous version."""
    sheet = _Sheet(
        book,
        formats,
        _("Corrections")[:31],
        [_("What"), _("Field"), _("Was"), _("Now"), _("Effective"), _("Entered"), _("By")],
        [40, 24, 20, 20, 12, 18, 20],
    )
    for c in version.get("corrections") or []:
        sheet.write(
            [c["what"], c["field"], c["old"], c["new"], c["effective_on"], c["entered_at"], c["by"]]
        )
    sheet.finish()


def render_xlsx(report: dict, narrative: dict, version=None) -> bytes:
    """Return the workbook bytes of a report in the current language."""
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(
        buffer,
        {
            "in_memory": True,
            "strings_to_formulas": False,
            "strings_to_urls": False,
            "strings_to_numbers": False,
        },
    )
    # A fixed creation date keeps the file's bytes a function of its content.
    created = datetime.combine(report["as_of"], datetime.min.time())
    book.set_properties(
        {
            "title": f"{report['project']['name']} {report['month']}",
            "company": report["project"]["implementing_org"],
            "created": created,
        }
    )
    formats = _formats(book, report["project"]["currency"])
    _summary(book, formats, report, narrative, version)
    if version and version["number"] > 1:
        _corrections(book, formats, version)
    results.write_sheet(_Sheet(book, formats, *results.sheet_columns()), report.get("results", []))
    _milestones(book, formats, report)
    _posts(book, formats, report)
    _outcomes(book, formats, report)
    book.close()
    return buffer.getvalue()
