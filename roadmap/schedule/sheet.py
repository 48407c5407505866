"""The milestones spreadsheet: its columns, MS Project's predecessor notation, typed cells.

Pure: a file's table (roadmap.tabular) in, typed rows and every problem out; and
milestones as plain values in, the export's rows out. Which record a row names,
and whether the change is allowed, is for roadmap/schedule/importing.py.
"""

import re
from dataclasses import dataclass, field

from flask_babel import gettext as _

from roadmap.tabular import (
    CsvError,
    Dialect,
    RowProblem,
    Table,
    country_code,
    key,
    parse_day,
    parse_progress,
    read_header,
    unneutralise,
)

COLUMNS = (
    "id",
    "workstream",
    "title",
    "owner",
    "country",
    "post",
    "baseline_start",
    "baseline_end",
    "current_start",
    "current_end",
    "actual_start",
    "actual_finish",
    "percent_complete",
    "status",
    "predecessors",
)
REQUIRED = ("workstream", "title", "current_start", "current_end")
DAY_COLUMNS = (
    "baseline_start",
    "baseline_end",
    "current_start",
    "current_end",
    "actual_start",
    "actual_finish",
)
MAX_TEXT = {"title": 200, "owner": 120, "workstream": 200, "post": 200}
MAX_LAG_DAYS = 365
# Headers in French, and as MS Project, GanttProject and Excel users name them.
HEADER_ALIASES = {
    "identifiant": "id",
    "unique_id": "id",
    "axe": "workstream",
    "volet": "workstream",
    "composante": "workstream",
    "name": "title",
    "nom": "title",
    "titre": "title",
    "task_name": "title",
    "jalon": "title",
    "responsable": "owner",
    "resource_names": "owner",
    "pays": "country",
    "poste": "post",
    "border_post": "post",
    "poste_frontiere": "post",
    "baseline_finish": "baseline_end",
    "debut_reference": "baseline_start",
    "fin_reference": "baseline_end",
    "debut_planifie": "baseline_start",
    "fin_planifiee": "baseline_end",
    "start": "current_start",
    "debut": "current_start",
    "finish": "current_end",
    "end": "current_end",
    "fin": "current_end",
    "debut_reel": "actual_start",
    "fin_reelle": "actual_finish",
    "complete": "percent_complete",
    "percent": "percent_complete",
    "pct_complete": "percent_complete",
    "achevement": "percent_complete",
    "avancement": "percent_complete",
    "statut": "status",
    "etat": "status",
    "predecesseurs": "predecessors",
}
STATUS_ALIASES = {
    "planned": "planned",
    "planifie": "planned",
    "prevu": "planned",
    "in_progress": "in_progress",
    "en_cours": "in_progress",
    "done": "done",
    "termine": "done",
    "fait": "done",
    "acheve": "done",
    "cancelled": "cancelled",
    "canceled": "cancelled",
    "annule": "cancelled",
}
# One predecessor: its id, then optionally a link type and a lag ("3", "3FS+7d", "3FD-2j").
LINK = re.compile(r"(\d+)\s*(?:([a-z]{2})\s*(?:([+-])\s*(\d+)\s*([a-zé.]*))?)?", re.IGNORECASE)
FINISH_TO_START = ("fs", "fd")  # MS Project in English and in French
DAY_UNITS = ("", "d", "ed", "day", "days", "eday", "edays", "j", "jour", "jours", "jo", "jours.")
WEEK_UNITS = ("w", "wk", "wks", "week", "weeks", "s", "sem", "sem.", "semaine", "semaines")


@dataclass
class Sheet:
    """A read milestones file: typed rows (with their line) and every problem found."""

    rows: list[dict] = field(default_factory=list)
    problems: list[RowProblem] = field(default_factory=list)
    columns: tuple = ()


def format_links(links) -> str:
    """Write (predecessor id, lag days) pairs in MS Project notation: `3FS+7d;5`."""
    written = []
    for predecessor, lag in sorted(links):
        written.append(f"{predecessor}FS{lag:+d}d" if lag else str(predecessor))
    return ";".join(written)


def parse_links(text: str) -> list[tuple[int, int]]:
    """Read MS Project's predecessor notation; raise ValueError saying what is wrong."""
    links = []
    for part in re.split(r"[;,]", text):
        part = part.strip()
        if not part:
            continue
        match = LINK.fullmatch(part)
        if match is None:
            raise ValueError(
                _("“%(value)s” is not a predecessor: write its id, e.g. 3 or 3FS+7d.", value=part)
            )
        number, kind, sign, amount, unit = match.groups()
        if kind and kind.lower() not in FINISH_TO_START:
            raise ValueError(
                _(
                    "“%(value)s”: only finish-to-start links (FS) are supported.",
                    value=part,
                )
            )
        lag = int(amount or 0)
        unit = (unit or "").lower()
        if unit in WEEK_UNITS:
            lag *= 7
        elif unit not in DAY_UNITS:
            raise ValueError(_("“%(value)s”: give the lag in days, e.g. +7d.", value=part))
        lag = -lag if sign == "-" else lag
        if not -MAX_LAG_DAYS <= lag <= MAX_LAG_DAYS:
            raise ValueError(_("A lag lies within ±%(n)d days.", n=MAX_LAG_DAYS))
        if any(existing == int(number) for existing, _lag in links):
            raise ValueError(_("Predecessor %(id)s is named twice.", id=number))
        links.append((int(number), lag))
    return links


def export_row(milestone: dict, dialect: Dialect, *, typed: bool = False) -> list:
    """Return a milestone's cells (plain values keyed by COLUMNS, links as pairs).

    Text for a CSV file in the dialect; with `typed`, days and numbers stay as they are
    (a workbook's date and number cells).
    """
    cells = []
    for column in COLUMNS:
        value = milestone.get(column)
        if column == "predecessors":
            value = format_links(value or ())
        elif typed:
            value = "" if value is None else value
        elif column in DAY_COLUMNS:
            value = dialect.day(value)
        elif column in ("id", "percent_complete"):
            value = dialect.number(value)
        cells.append("" if value is None else value)
    return cells


def _header(cells: list[str]) -> list[str | None]:
    names, problems = read_header(cells, COLUMNS, REQUIRED, HEADER_ALIASES)
    if problems:
        raise CsvError(" ".join(problems))
    return names


def cell_value(column: str, text: str):
    """Return the typed value of one cell (None when empty), or raise ValueError."""
    if column in ("title", "owner", "workstream", "post"):
        if column in ("title", "workstream") and not text:
            raise ValueError(_("This cell is empty."))
        if len(text) > MAX_TEXT[column]:
            raise ValueError(_("Too long: at most %(n)d characters.", n=MAX_TEXT[column]))
        return text if text or column == "owner" else None
    if not text:
        if column in ("current_start", "current_end"):
            raise ValueError(_("This cell is empty."))
        return [] if column == "predecessors" else None
    if column == "id":
        if not text.isdigit() or not 1 <= int(text) <= 2**31 - 1:
            raise ValueError(_("“%(value)s” is not a milestone id.", value=text))
        return int(text)
    if column in DAY_COLUMNS:
        try:
            return parse_day(text)
        except ValueError:
            raise ValueError(
                _("“%(value)s” is not a date: write it 2026-04-30 or 30/04/2026.", value=text)
            ) from None
    if column == "percent_complete":
        try:
            value = parse_progress(text)
        except ValueError:
            raise ValueError(_("“%(value)s” is not a whole percentage.", value=text)) from None
        if not 0 <= value <= 100:
            raise ValueError(_("Percent complete is a whole number from 0 to 100."))
        return value
    if column == "status":
        code = STATUS_ALIASES.get(key(text))
        if code is None:
            raise ValueError(
                _(
                    "Unknown value “%(value)s”; use one of: %(known)s.",
                    value=text,
                    known="planned, in_progress, done, cancelled",
                )
            )
        return code
    if column == "country":
        code = country_code(text)
        if code is None:
            raise ValueError(
                _("Unknown country “%(value)s”: give its name or ISO code.", value=text)
            )
        return code
    return parse_links(text)


def read_sheet(table: Table) -> Sheet:
    """Type every cell of a milestones file; raise CsvError when its header is unusable.

    A row holds the columns the file has, plus its `line`: a column the file lacks
    leaves that value as it is (or as a new milestone's default).
    """
    sheet, names = Sheet(), None
    for line, cells in table.rows:
        if not any(cell.strip() for cell in cells):
            continue
        if names is None:
            names = _header(cells)
            sheet.columns = tuple(name for name in names if name)
            continue
        row = {"line": line}
        for name, raw in zip(names, cells, strict=False):
            if name is None:
                continue
            text = unneutralise(raw.strip()) if table.kind == "csv" else raw.strip()
            try:
                row[name] = cell_value(name, text)
            except ValueError as error:
                sheet.problems.append(RowProblem(line, name, str(error)))
        for name in sheet.columns:
            if name not in row and name in REQUIRED:  # a short row lacks the last cells
                if not any(p.line == line and p.column == name for p in sheet.problems):
                    sheet.problems.append(RowProblem(line, name, _("This cell is empty.")))
        if len(cells) > len(names) and any(cell.strip() for cell in cells[len(names) :]):
            sheet.problems.append(
                RowProblem(line, "", _("This row has more cells than the header has columns."))
            )
        sheet.rows.append(row)
    if names is None:
        raise CsvError(_("The file is empty."))
    return sheet
