"""The report month: a value made once from `YYYY-MM` (by the URL converter, the
database column or `Month.parse`) and used as it is everywhere after.

A Month is a `str` holding its `YYYY-MM` text, so it is stored, sorted, compared,
put in JSON and in URLs as that text, and carries its days and instants with it.
"""

import re
from datetime import UTC, date, datetime, time, timedelta

from babel import dates as babel_dates
from flask_babel import format_date
from sqlalchemy import String
from sqlalchemy.types import TypeDecorator
from werkzeug.routing import BaseConverter, ValidationError

# What OpenAPI documents; Month.parse also refuses year 0000.
PATTERN = re.compile(r"[0-9]{4}-(0[1-9]|1[0-2])")
MONTH_PATTERN = f"^{PATTERN.pattern}$"


class Month(str):
    """A calendar month, `Month.parse("2026-08")`."""

    __slots__ = ()

    def __new__(cls, text: str):
        if isinstance(text, Month):
            return text
        if not isinstance(text, str) or not PATTERN.fullmatch(text) or text < "0001-01":
            raise ValueError(f"{text!r} is not a month written YYYY-MM.")
        return super().__new__(cls, text)

    @classmethod
    def parse(cls, text: str) -> "Month":
        """Return the month `text` names, or raise ValueError saying why it is none."""
        return cls(text)

    @classmethod
    def of(cls, day: date) -> "Month":
        """Return the month a day falls in."""
        return cls(f"{day.year:04d}-{day.month:02d}")

    @classmethod
    def span(cls, start: date, end: date) -> list["Month"]:
        """Return every month from start's to end's, and the month after (reported last)."""
        months = [cls.of(start)]
        final = cls.of(end).next()
        while months[-1] != final:
            months.append(months[-1].next())
        return months

    @property
    def year(self) -> int:
        return int(self[:4])

    @property
    def number(self) -> int:
        return int(self[5:])

    @property
    def start(self) -> date:
        """The month's first day."""
        return date(self.year, self.number, 1)

    @property
    def end(self) -> date:
        """The month's last day."""
        return self.next().start - timedelta(days=1)

    @property
    def start_instant(self) -> datetime:
        """The UTC instant the month begins."""
        return datetime.combine(self.start, time.min, tzinfo=UTC)

    @property
    def end_instant(self) -> datetime:
        """The UTC instant the month ends (the first moment of the next month)."""
        return self.next().start_instant

    def next(self) -> "Month":
        year, number = (self.year + 1, 1) if self.number == 12 else (self.year, self.number + 1)
        return Month(f"{year:04d}-{number:02d}")

    def previous(self) -> "Month":
        year, number = (self.year - 1, 12) if self.number == 1 else (self.year, self.number - 1)
        return Month(f"{year:04d}-{number:02d}")

    def as_of(self, today: date) -> date:
        """The day a report of this month describes: its last day, or today if sooner."""
        return min(self.end, today)

    def label(self, locale=None) -> str:
        """The month's name and year in the request's language (or `locale`)."""
        if locale is None:
            return format_date(self.start, "MMMM y")
        return babel_dates.format_date(self.start, "MMMM y", locale=locale)

    def __repr__(self) -> str:
        return f"Month({str.__repr__(self)})"


class MonthConverter(BaseConverter):
    """`<month:month>` in a route: a Month, or 404 for anything else."""

    regex = r"[0-9]{4}-[0-9]{2}"

    def to_python(self, value: str) -> Month:
        try:
            return Month.parse(value)
        except ValueError:
            raise ValidationError() from None

    def to_url(self, value) -> str:
        return str(Month(value))


class MonthColumn(TypeDecorator):
    """A column holding a Month as its `YYYY-MM` text."""

    impl = String(7)
    cache_ok = True

    def process_bind_param(self, value, dialect):
        return None if value is None else str(Month(value))

    def process_result_value(self, value, dialect):
        return None if value is None else Month(value)
