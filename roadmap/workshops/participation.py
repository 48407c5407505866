"""The participation grid: reading its cells and adding them up (no database)."""

import hashlib
import re
from dataclasses import dataclass, field

from flask_babel import gettext as _

from roadmap.workshops.models import ORG_TYPES, SEXES

WHOLE_NUMBER = re.compile(r"[0-9]+")
# A cell bigger than this is a typing slip, not a workshop.
MAX_COUNT = 100_000


def cell_name(country: str, org_type: str, sex: str) -> str:
    """Return the form field name of one cell of the grid."""
    return f"count-{country}-{org_type}-{sex}"


def fingerprint(rows) -> str:
    """Return a digest of stored counts [(country, org type, sex, count)], to notice a change."""
    return hashlib.sha256(repr(sorted(rows)).encode()).hexdigest()[:16]


def parse_count(raw) -> tuple[int | None, str | None]:
    """Read one cell: blank is 0; anything but a whole number ≥ 0 gives an error message."""
    text = ("" if raw is None else str(raw)).strip()
    if not text:
        return 0, None
    if text.startswith("-") and WHOLE_NUMBER.fullmatch(text[1:]):
        return None, _("Enter a number of people of 0 or more.")
    if not WHOLE_NUMBER.fullmatch(text):
        return None, _("Enter a whole number of people, such as 0 or 12.")
    value = int(text)
    if value > MAX_COUNT:
        return None, _("Enter a number of people no larger than %(max)d.", max=MAX_COUNT)
    return value, None


def grid_cells(countries: list[str]) -> list[tuple[str, str, str]]:
    """Return the grid's cells, (country, org type, sex), row by row."""
    return [
        (country, org_type, sex) for country in countries for org_type in ORG_TYPES for sex in SEXES
    ]


def parse_grid(form: dict, countries: list[str]) -> tuple[dict, dict]:
    """Read every cell; return (counts, errors), both keyed by (country, org type, sex)."""
    counts, errors = {}, {}
    for key in grid_cells(countries):
        value, error = parse_count(form.get(cell_name(*key)))
        if error:
            errors[key] = error
        else:
            counts[key] = value
    return counts, errors


@dataclass
class Totals:
    """Participation added up along each dimension."""

    total: int = 0
    by_sex: dict = field(default_factory=dict)
    by_country: dict = field(default_factory=dict)  # country -> {sex: n, "total": n}
    by_org_type: dict = field(default_factory=dict)  # org type -> {sex: n, "total": n}
    by_country_org: dict = field(default_factory=dict)  # country -> {org type: n}
    by_row: dict = field(default_factory=dict)  # (country, org type) -> total

    @property
    def women_share(self) -> float | None:
        """Return the percentage of women among all participants, or None if nobody came."""
        return share(self.by_sex.get("female", 0), self.total)

    def country_women_share(self, country: str) -> float | None:
        """Return the percentage of women in one country's delegation."""
        row = self.by_country.get(country, {})
        return share(row.get("female", 0), row.get("total", 0))


def share(part: int, whole: int) -> float | None:
    """Return part ÷ whole as a percentage, or None when whole is 0."""
    return None if not whole else 100 * part / whole


def participation_totals(counts: dict) -> Totals:
    """Add up counts keyed by (country, org type, sex)."""
    totals = Totals(by_sex={sex: 0 for sex in SEXES})
    for (country, org_type, sex), n in counts.items():
        n = n or 0
        totals.total += n
        totals.by_sex[sex] = totals.by_sex.get(sex, 0) + n
        for table, key in ((totals.by_country, country), (totals.by_org_type, org_type)):
            row = table.setdefault(key, {**{s: 0 for s in SEXES}, "total": 0})
            row[sex] += n
            row["total"] += n
        org_row = totals.by_country_org.setdefault(country, {o: 0 for o in ORG_TYPES})
        org_row[org_type] = org_row.get(org_type, 0) + n
        totals.by_row[(country, org_type)] = totals.by_row.get((country, org_type), 0) + n
    return totals
