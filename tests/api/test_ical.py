"""The hand-written iCalendar text reads back, through icalendar, as what was written."""

from datetime import UTC, date, datetime

from icalendar import Calendar

from roadmap.api.ical import calendar_document, escape_text, fold

TRICKY = "Comma, semicolon; back\\slash\nnew line — accents éèà and 中文 " + "long " * 40


def test_text_is_escaped():
    assert escape_text("a,b;c\\d\r\ne\nf") == "a\\,b\\;c\\\\d\\ne\\nf"


def test_long_lines_fold_at_75_octets_without_splitting_characters():
    line = "DESCRIPTION:" + "é" * 100 + "x" * 50
    folded = fold(line)
    parts = folded.split(b"\r\n")
    assert all(len(part) <= 75 for part in parts)
    assert all(part.startswith(b" ") for part in parts[1:])
    assert b"".join(part[1:] if n else part for n, part in enumerate(parts)).decode() == line
    assert fold("SHORT:x") == b"SHORT:x"


def test_icalendar_reads_back_every_field():
    stamp = datetime(2026, 8, 14, 17, 30, tzinfo=UTC)
    body = calendar_document(
        "Jalons, feuille de route",
        "-//Roadmap//Milestones//EN",
        [
            {
                "uid": "milestone-7@example.org",
                "stamp": stamp,
                "summary": TRICKY,
                "start": date(2026, 7, 29),
                "end": date(2026, 7, 31),
                "description": TRICKY,
                "url": "https://example.org/milestones/7",
                "categories": ["Training, equipment"],
                "status": "CANCELLED",
            }
        ],
    )
    assert body.endswith(b"END:VCALENDAR\r\n") and b"\n" not in body.replace(b"\r\n", b"")
    calendar = Calendar.from_ical(body)
    assert str(calendar["x-wr-calname"]) == "Jalons, feuille de route"
    (event,) = calendar.walk("VEVENT")
    assert str(event["summary"]) == TRICKY
    assert str(event["description"]) == TRICKY
    assert event.decoded("dtstart") == date(2026, 7, 29)
    assert event.decoded("dtend") == date(2026, 7, 31)
    assert event.decoded("dtstamp") == stamp
    assert str(event["uid"]) == "milestone-7@example.org"
    assert str(event["url"]) == "https://example.org/milestones/7"
    assert [str(name) for name in event["categories"].cats] == ["Training, equipment"]
    assert str(event["status"]) == "CANCELLED"
