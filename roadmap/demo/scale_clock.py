"""Dates and instants of a generated project: where it starts, ends and what "now" is."""

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal

from roadmap.demo.dated_history import MONTH_END_TIME  # as the demo records month ends

# The moment of "today" the generated data describes: early morning, before anyone works.
NOW_TIME = time(8, 0)
CENTS = Decimal("0.01")


def add_months(day: date, months: int) -> date:
    """Return the same day `months` later (or earlier), clipped to the month's length."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    first = date(year, month + 1, 1)
    last = (first.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)
    return first.replace(day=min(day.day, last.day))


def default_start(today: date, months: int) -> date:
    """Return the first day of the month that puts `today` in the middle of the project."""
    return add_months(today.replace(day=1), -(months // 2))


def month_end(day: date) -> date:
    """Return the last day of the month of `day`."""
    following = (day.replace(day=28) + timedelta(days=4)).replace(day=1)
    return following - timedelta(days=1)


def money(amount: float | int) -> Decimal:
    """Return an amount as the database stores it: a decimal with two places."""
    return Decimal(str(round(amount))).quantize(CENTS)


@dataclass(frozen=True)
class Timeline:
    """The project's first and last day, and the day the data describes (today)."""

    start: date
    end: date
    today: date

    @classmethod
    def of(cls, start: date, months: int, today: date) -> "Timeline":
        """Return the timeline of a project of `months` months starting on `start`."""
        if today < start:
            raise ValueError("The project must have started by today.")
        return cls(start, add_months(start, months) - timedelta(days=1), today)

    @property
    def days(self) -> int:
        """Return the project's length in days (end minus start)."""
        return (self.end - self.start).days

    @property
    def now(self) -> datetime:
        """Return the instant the data describes; nothing is recorded after it."""
        return datetime.combine(self.today, NOW_TIME, tzinfo=UTC)

    def moment(self, day: date, rng) -> datetime:
        """Return an instant in working hours on `day`, or now when `day` is not over yet."""
        if day >= self.today:
            return self.now
        return datetime.combine(day, time(rng.randint(9, 16), rng.randint(0, 59)), tzinfo=UTC)

    def month_ends(self, first: date):
        """Yield each month end from the month of `first` that is over before today."""
        day = month_end(first)
        while day < self.today:
            yield datetime.combine(day, MONTH_END_TIME, tzinfo=UTC), day
            day = month_end(day + timedelta(days=1))

    def day_between(self, rng, low: date, high: date) -> date:
        """Return a day in [low, high], or low when the range is empty."""
        span = (high - low).days
        return low + timedelta(days=rng.randint(0, span)) if span > 0 else low
