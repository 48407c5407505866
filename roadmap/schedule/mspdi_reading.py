"""Read an MS Project XML (MSPDI) file into the rows a milestones spreadsheet gives.

Parsed by defusedxml, with no DTD: entities and external references are refused.
A summary task names the workstream of the tasks below it; the project's own summary
task (UID 0) and blank rows are skipped. A task whose UID is a milestone's id changes
that milestone; any other task is a new milestone. A problem names the task by its
ID (the row number MS Project shows) and the field at fault.
"""

from datetime import date, timedelta

import defusedxml.ElementTree as SafeTree
from defusedxml import DefusedXmlException
from flask_babel import gettext as _

from roadmap.schedule.mspdi import (
    CUSTOM_FIELDS,
    ELAPSED_LAG_FORMATS,
    FIELD_BY_ID,
    LAG_FORMATS,
    MINUTES_PER_DAY,
    NAMESPACE,
)
from roadmap.schedule.sheet import MAX_LAG_DAYS, Sheet, cell_value
from roadmap.tabular import MAX_ROWS, CsvError, RowProblem


def _parse(data: bytes):
    try:
        root = SafeTree.fromstring(data, forbid_dtd=True)
    except (SafeTree.ParseError, DefusedXmlException, ValueError):
        raise CsvError(
            _("This XML file cannot be read: save it again as MS Project XML and try again.")
        ) from None
    if root.tag not in (f"{{{NAMESPACE}}}Project", "Project"):
        raise CsvError(
            _(
                "This XML file is not an MS Project plan: export the plan as MS Project XML "
                "(MSPDI), or upload a CSV or XLSX file."
            )
        )
    return root, root.tag[: -len("Project")]


def _day(text: str, *, finish_of: date | None = None) -> str:
    """Return the day of an MSPDI date-time as YYYY-MM-DD (the text a cell would hold)."""
    day_text, _sep, time = text.partition("T")
    if finish_of is not None and time.startswith("00:00"):
        # Some tools end a task at the midnight after its last day.
        try:
            day = date.fromisoformat(day_text)
        except ValueError:
            return text
        if day > finish_of:
            return (day - timedelta(days=1)).isoformat()
    return day_text


def _links(task, ns: str, minutes_per_day: int) -> list[tuple[int, int]]:
    """Return a task's predecessors as (UID, lag days); raise ValueError saying what is wrong."""
    links = []
    for link in task.findall(f"{ns}PredecessorLink"):
        uid = (link.findtext(f"{ns}PredecessorUID") or "").strip()
        kind = (link.findtext(f"{ns}Type") or "1").strip()
        lag_text = (link.findtext(f"{ns}LinkLag") or "0").strip()
        form = (link.findtext(f"{ns}LagFormat") or "7").strip()
        if not uid.isdigit():
            raise ValueError(_("“%(value)s” is not a task's UID.", value=uid))
        if kind != "1":
            raise ValueError(
                _("Task %(uid)s: only finish-to-start links (FS) are supported.", uid=uid)
            )
        try:
            tenths, form_number = int(lag_text), int(form)
        except ValueError:
            raise ValueError(_("Task %(uid)s: the lag cannot be read.", uid=uid)) from None
        if form_number not in LAG_FORMATS:
            raise ValueError(_("Task %(uid)s: give the lag in days, e.g. +7d.", uid=uid))
        per_day = 24 * 60 * 10 if form_number in ELAPSED_LAG_FORMATS else minutes_per_day * 10
        days, rest = divmod(tenths, per_day)
        if rest:
            raise ValueError(_("Task %(uid)s: the lag must be whole days.", uid=uid))
        if not -MAX_LAG_DAYS <= days <= MAX_LAG_DAYS:
            raise ValueError(_("A lag lies within ±%(n)d days.", n=MAX_LAG_DAYS))
        if any(existing == int(uid) for existing, _lag in links):
            raise ValueError(_("Predecessor %(id)s is named twice.", id=uid))
        links.append((int(uid), days))
    return links


def read_mspdi(data: bytes, known_ids: set[int]) -> Sheet:
    """Type every task of an MSPDI file as a milestones row; raise CsvError when unusable."""
    root, ns = _parse(data)
    try:
        minutes_per_day = int(root.findtext(f"{ns}MinutesPerDay") or MINUTES_PER_DAY)
    except ValueError:
        minutes_per_day = MINUTES_PER_DAY
    custom = dict(FIELD_BY_ID)  # the custom fields' ids, and any the file gives them
    for attribute in root.iterfind(f"{ns}ExtendedAttributes/{ns}ExtendedAttribute"):
        alias = (attribute.findtext(f"{ns}Alias") or "").strip()
        if alias in CUSTOM_FIELDS:
            custom[(attribute.findtext(f"{ns}FieldID") or "").strip()] = alias
    sheet = Sheet(columns=("id", "workstream", "title", "current_start", "current_end"))
    stream = None
    tasks = root.findall(f"{ns}Tasks/{ns}Task")
    if len(tasks) > MAX_ROWS:
        raise CsvError(_("The file has more than %(n)d tasks.", n=MAX_ROWS))
    for index, task in enumerate(tasks, start=1):

        def text(name, task=task):
            return (task.findtext(f"{ns}{name}") or "").strip()

        if text("IsNull") == "1" or text("UID") == "0" or text("OutlineLevel") == "0":
            continue
        if text("Summary") == "1":
            if text("OutlineLevel") in ("", "1") or stream is None:
                stream = text("Name")
            continue
        line = int(text("ID")) if text("ID").isdigit() else index
        sheet.rows.append(_row(task, ns, line, stream, custom, minutes_per_day, known_ids, sheet))
    if not sheet.rows:
        raise CsvError(_("The file holds no task."))
    return sheet


def _row(task, ns, line, stream, custom, minutes_per_day, known_ids, sheet) -> dict:
    row = {"line": line}

    def text(name, within=task):
        return (within.findtext(f"{ns}{name}") or "").strip()

    def put(column, raw):
        try:
            row[column] = cell_value(column, raw)
        except ValueError as error:
            sheet.problems.append(RowProblem(line, column, str(error)))

    uid = text("UID")
    if uid.isdigit() and int(uid) in known_ids:
        row["id"] = int(uid)
    put("workstream", stream or "")
    put("title", text("Name"))
    start = _day(text("Start"))
    put("current_start", start)
    start_day = row.get("current_start")
    put("current_end", _day(text("Finish"), finish_of=start_day))
    if text("PercentComplete"):
        put("percent_complete", text("PercentComplete"))
    for column, name in (("actual_start", "ActualStart"), ("actual_finish", "ActualFinish")):
        if text(name):
            put(column, _day(text(name)))
    for baseline in task.findall(f"{ns}Baseline"):
        if text("Number", baseline) in ("", "0") and text("Start", baseline):
            put("baseline_start", _day(text("Start", baseline)))
            first = row.get("baseline_start")
            put("baseline_end", _day(text("Finish", baseline), finish_of=first))
    for attribute in task.findall(f"{ns}ExtendedAttribute"):
        column = custom.get(text("FieldID", attribute))
        if column:
            put(column, text("Value", attribute))
    try:
        row["predecessors"] = _links(task, ns, minutes_per_day)
    except ValueError as error:
        sheet.problems.append(RowProblem(line, "predecessors", str(error)))
    return row
