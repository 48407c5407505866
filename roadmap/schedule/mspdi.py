"""The plan as MS Project XML (MSPDI), which MS Project, ProjectLibre and GanttProject open.

Pure, like roadmap/schedule/sheet.py: the export's rows (roadmap/schedule/importing.py
`export_rows`) in, the file out; and a file in, the same typed rows as a spreadsheet's
out, so the import's preview treats both alike. Workstreams are summary tasks at
outline level 1 with their milestones below at level 2; a task's UID is the
milestone's id. The calendar works every day from 08:00 to 17:00 (eight hours a day)
because the schedule counts calendar days; every task starts no earlier than its
date, so a tool that reschedules keeps the dates. Owner, country, post and status,
which MSPDI has no field for, travel in the custom fields Text1 to Text4.
"""

import re
from datetime import date
from html import escape

NAMESPACE = "http://schemas.microsoft.com/project"
MINUTES_PER_DAY = 480
# A link's lag is in tenths of a minute whatever its LagFormat, the unit it is shown in:
# 3 minutes, 5 hours, 7 days, 9 weeks of working time; 4, 6, 8, 10 the same elapsed.
LAG_FORMATS = range(3, 11)
ELAPSED_LAG_FORMATS = (4, 6, 8, 10)
# MS Project's own field ids for the custom text fields Text1..Text4.
CUSTOM_FIELDS = {
    "owner": ("188743731", "Text1"),
    "country": ("188743734", "Text2"),
    "post": ("188743737", "Text3"),
    "status": ("188743740", "Text4"),
}
FIELD_BY_ID = {field_id: column for column, (field_id, _name) in CUSTOM_FIELDS.items()}
# What the preview names a column after, in the words of MS Project.
ELEMENT_OF = {
    "id": "UID",
    "workstream": "Summary task",
    "title": "Name",
    "current_start": "Start",
    "current_end": "Finish",
    "baseline_start": "Baseline Start",
    "baseline_end": "Baseline Finish",
    "actual_start": "ActualStart",
    "actual_finish": "ActualFinish",
    "percent_complete": "PercentComplete",
    "predecessors": "PredecessorLink",
    **{column: f"{name} ({column})" for column, (_id, name) in CUSTOM_FIELDS.items()},
}


def is_xml(data: bytes) -> bool:
    """Tell whether an uploaded file is XML (whatever its name) rather than CSV or XLSX."""
    return data.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<")


# --- writing ----------------------------------------------------------------------------


# Characters XML 1.0 cannot hold at all, even escaped.
NOT_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _element(name: str, value) -> str:
    return f"<{name}>{escape(NOT_XML.sub('', str(value)), quote=False)}</{name}>"


def _start(day: date) -> str:
    return f"{day.isoformat()}T08:00:00"


def _finish(start: date, end: date) -> str:
    # A point event ends when it starts; a span at the close of its last day.
    return _start(end) if end == start else f"{end.isoformat()}T17:00:00"


def _duration(start: date, end: date) -> str:
    hours = 0 if end == start else ((end - start).days + 1) * 8
    return f"PT{hours}H0M0S"


def _calendar() -> str:
    hours = "".join(
        f"<WorkingTime><FromTime>{begin}</FromTime><ToTime>{end}</ToTime></WorkingTime>"
        for begin, end in (("08:00:00", "12:00:00"), ("13:00:00", "17:00:00"))
    )
    days = "".join(
        f"<WeekDay><DayType>{day}</DayType><DayWorking>1</DayWorking>"
        f"<WorkingTimes>{hours}</WorkingTimes></WeekDay>"
        for day in range(1, 8)
    )
    return (
        "<Calendars><Calendar><UID>1</UID><Name>Standard</Name><IsBaseCalendar>1</IsBaseCalendar>"
        f"<BaseCalendarUID>-1</BaseCalendarUID><WeekDays>{days}</WeekDays></Calendar></Calendars>"
    )


def _summary(uid: int, number: int, name: str, children: list[dict]) -> str:
    start = min(row["current_start"] for row in children)
    end = max(row["current_end"] for row in children)
    return (
        "<Task>"
        + _element("UID", uid)
        + _element("ID", number)
        + _element("Name", name)
        + "<OutlineLevel>1</OutlineLevel>"
        + _element("Start", _start(start))
        + _element("Finish", _finish(start, end))
        + _element("Duration", _duration(start, end))
        + "<DurationFormat>7</DurationFormat><Milestone>0</Milestone><Summary>1</Summary>"
        + "</Task>"
    )


def _task(row: dict, number: int) -> str:
    start, end = row["current_start"], row["current_end"]
    parts = [
        _element("UID", row["id"]),
        _element("ID", number),
        _element("Name", row["title"]),
        "<OutlineLevel>2</OutlineLevel>",
        _element("Start", _start(start)),
        _element("Finish", _finish(start, end)),
        _element("Duration", _duration(start, end)),
        "<DurationFormat>7</DurationFormat>",
        _element("Milestone", int(start == end)),
        "<Summary>0</Summary>",
        _element("Critical", int(bool(row.get("critical")))),
        _element("PercentComplete", row["percent_complete"] or 0),
    ]
    if row.get("actual_start"):
        parts.append(_element("ActualStart", _start(row["actual_start"])))
    if row.get("actual_finish"):
        parts.append(_element("ActualFinish", _finish(row["actual_finish"], row["actual_finish"])))
    parts.append("<ConstraintType>4</ConstraintType>" + _element("ConstraintDate", _start(start)))
    for predecessor, lag in sorted(row.get("predecessors") or ()):
        parts.append(
            "<PredecessorLink>"
            + _element("PredecessorUID", predecessor)
            + "<Type>1</Type>"
            + _element("LinkLag", lag * MINUTES_PER_DAY * 10)
            + "<LagFormat>7</LagFormat></PredecessorLink>"
        )
    for column, (field_id, _name) in CUSTOM_FIELDS.items():
        if row.get(column):
            parts.append(
                "<ExtendedAttribute>"
                + _element("FieldID", field_id)
                + _element("Value", row[column])
                + "</ExtendedAttribute>"
            )
    if row.get("baseline_start") and row.get("baseline_end"):
        first, last = row["baseline_start"], row["baseline_end"]
        parts.append(
            "<Baseline><Number>0</Number>"
            + _element("Start", _start(first))
            + _element("Finish", _finish(first, last))
            + _element("Duration", _duration(first, last))
            + "</Baseline>"
        )
    return "<Task>" + "".join(parts) + "</Task>"


def write_mspdi(rows: list[dict], name: str, start: date, end: date) -> bytes:
    """Return the plan as an MSPDI file: rows in Gantt order, grouped by workstream."""
    streams: dict[str, list[dict]] = {}
    for row in rows:
        streams.setdefault(row["workstream"], []).append(row)
    # Summary tasks take UIDs after every milestone's, so none is mistaken for one.
    next_uid = max((row["id"] for row in rows), default=0) + 1
    tasks, number = [], 0
    for stream, children in streams.items():
        number += 1
        tasks.append(_summary(next_uid, number, stream, children))
        next_uid += 1
        for row in children:
            number += 1
            tasks.append(_task(row, number))
    attributes = "".join(
        "<ExtendedAttribute>"
        + _element("FieldID", field_id)
        + _element("FieldName", field_name)
        + _element("Alias", column)
        + "</ExtendedAttribute>"
        for column, (field_id, field_name) in CUSTOM_FIELDS.items()
    )
    text = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<Project xmlns="{NAMESPACE}">'
        + "<SaveVersion>14</SaveVersion>"
        + _element("Name", name)
        + _element("Title", name)
        + "<ScheduleFromStart>1</ScheduleFromStart>"
        + _element("StartDate", _start(start))
        + _element("FinishDate", _finish(start, end))
        + "<CalendarUID>1</CalendarUID>"
        + "<DefaultStartTime>08:00:00</DefaultStartTime>"
        + "<DefaultFinishTime>17:00:00</DefaultFinishTime>"
        + _element("MinutesPerDay", MINUTES_PER_DAY)
        + _element("MinutesPerWeek", MINUTES_PER_DAY * 7)
        + "<DaysPerMonth>30</DaysPerMonth><DurationFormat>7</DurationFormat>"
        + f"<ExtendedAttributes>{attributes}</ExtendedAttributes>"
        + _calendar()
        + "<Tasks>"
        + "".join(tasks)
        + "</Tasks></Project>\n"
    )
    return text.encode("utf-8")
