"""Write an iCalendar (RFC 5545) document of all-day events, fast.

The icalendar package builds an object per property and per parameter; for a feed of
thousands of milestones that took seconds. The feed needs only a handful of property
kinds, written here as text: TEXT values escaped (§3.3.11), lines folded at 75 octets
without splitting a character (§3.1), CRLF line ends. Tests check that icalendar reads
back what this writes.
"""

from datetime import UTC, date, datetime

LINE_OCTETS = 75
CRLF = b"\r\n"


def escape_text(value: str) -> str:
    """Return a TEXT value with backslash, semicolon, comma and line breaks escaped."""
    return (
        value.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
        .replace("\r", "\\n")
    )


def fold(line: str) -> bytes:
    """Return a content line as UTF-8, folded into lines of at most 75 octets."""
    data = line.encode("utf-8")
    if len(data) <= LINE_OCTETS:
        return data
    parts, start, room = [], 0, LINE_OCTETS
    while start < len(data):
        end = min(start + room, len(data))
        while end < len(data) and data[end] & 0xC0 == 0x80:  # inside a character
            end -= 1
        parts.append(data[start:end])
        start, room = end, LINE_OCTETS - 1  # a continuation line begins with a space
    return b"\r\n ".join(parts)


def date_value(day: date) -> str:
    return day.strftime("%Y%m%d")


def stamp_value(moment: datetime) -> str:
    """Return a date-time in UTC form (…Z); a naive one is taken as UTC."""
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC)
    return moment.strftime("%Y%m%dT%H%M%SZ")


def event_lines(event: dict) -> list[str]:
    """Return the content lines of one all-day VEVENT (end exclusive, as RFC 5545 has it)."""
    return [
        "BEGIN:VEVENT",
        f"UID:{escape_text(event['uid'])}",
        f"DTSTAMP:{stamp_value(event['stamp'])}",
        f"SUMMARY:{escape_text(event['summary'])}",
        f"DTSTART;VALUE=DATE:{date_value(event['start'])}",
        f"DTEND;VALUE=DATE:{date_value(event['end'])}",
        f"DESCRIPTION:{escape_text(event['description'])}",
        f"URL:{event['url']}",
        f"CATEGORIES:{','.join(escape_text(name) for name in event['categories'])}",
        f"STATUS:{event['status']}",
        "TRANSP:TRANSPARENT",
        "END:VEVENT",
    ]


def _unknown(value: str) -> str:
    """Return the value of an X- property as readers take it: raw, on one line."""
    return " ".join(value.splitlines())


def calendar_document(name: str, prodid: str, events) -> bytes:
    """Return a VCALENDAR holding the events (dicts as event_lines reads them)."""
    lines = [
        "BEGIN:VCALENDAR",
        f"PRODID:{escape_text(prodid)}",
        "VERSION:2.0",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{_unknown(name)}",
    ]
    for event in events:
        lines += event_lines(event)
    lines.append("END:VCALENDAR")
    return CRLF.join(fold(line) for line in lines) + CRLF
