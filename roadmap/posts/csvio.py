"""Read and write the border-post CSV file; plain values only, no database.

Reading accepts what offices produce: UTF-8 with or without BOM, Windows-1252,
`;`, `,` or tab as delimiter, decimal commas, French or English stage names,
country names (EN/FR) or ISO codes. Every problem is collected, never just the
first, so the whole file can be fixed in one go.
"""

import csv
import io
from dataclasses import dataclass, field
from decimal import InvalidOperation

from flask_babel import gettext as _

from roadmap.posts.cells import (
    KIND_ALIASES,
    PRIORITY_ALIASES,
    STAGE_ALIASES,
    country_code,
    key,
    neutralise,
    parse_money,
    parse_number,
    parse_progress,
    unneutralise,
)
from roadmap.posts.models import POST_KINDS, PRIORITIES, STAGES
from roadmap.tabular import (
    CsvError,
    RowProblem,
    decode,
    encode,
    read_header,
    read_table,
    sniff_delimiter,
)

COLUMNS = (
    "name",
    "country",
    "neighbour_country",
    "kind",
    "latitude",
    "longitude",
    "priority",
    "stage",
    "progress",
    "contractor",
    "estimated_cost",
    "spent",
    "notes",
)
REQUIRED = ("name", "country", "latitude", "longitude")
TEXT_COLUMNS = ("name", "contractor", "notes")
MAX_TEXT = {"name": 200, "contractor": 200, "notes": 10000}

HEADER_ALIASES = {
    "nom": "name",
    "poste": "name",
    "post": "name",
    "border_post": "name",
    "poste_frontiere": "name",
    "pays": "country",
    "neighbor_country": "neighbour_country",
    "neighbour": "neighbour_country",
    "neighbor": "neighbour_country",
    "pays_voisin": "neighbour_country",
    "voisin": "neighbour_country",
    "type": "kind",
    "lat": "latitude",
    "lon": "longitude",
    "lng": "longitude",
    "long": "longitude",
    "priorite": "priority",
    "etape": "stage",
    "stade": "stage",
    "phase": "stage",
    "avancement": "progress",
    "progres": "progress",
    "physical_progress": "progress",
    "avancement_physique": "progress",
    "entreprise": "contractor",
    "prestataire": "contractor",
    "cost": "estimated_cost",
    "cout": "estimated_cost",
    "cout_estime": "estimated_cost",
    "amount_spent": "spent",
    "depense": "spent",
    "depenses": "spent",
    "montant_depense": "spent",
    "note": "notes",
    "remarques": "notes",
    "commentaire": "notes",
}


@dataclass
class ParsedFile:
    rows: list = field(default_factory=list)
    problems: list = field(default_factory=list)
    columns: tuple = ()
    encoding: str = ""
    delimiter: str = ","


# --- reading ----------------------------------------------------------------------------


def _header(cells: list[str]) -> tuple[list[str | None], list[str]]:
    """Return the column each cell holds (None: ignored) and the problems of the header."""
    return read_header(cells, COLUMNS, REQUIRED, HEADER_ALIASES)


def _cell(column: str, raw: str):
    """Return the typed value of one cell, or raise ValueError with the reason."""
    text = raw.strip()
    if column in TEXT_COLUMNS:
        value = unneutralise(raw if column == "notes" else text).strip()
        if column == "name" and not value:
            raise ValueError(_("The name is required."))
        if len(value) > MAX_TEXT[column]:
            raise ValueError(_("Too long: at most %(n)d characters.", n=MAX_TEXT[column]))
        return value
    if column in ("country", "neighbour_country"):
        if not text:
            if column == "country":
                raise ValueError(_("The country is required."))
            return None
        code = country_code(unneutralise(text))
        if code is None:
            raise ValueError(
                _("Unknown country “%(value)s”: give its name or ISO code.", value=text)
            )
        return code
    if column in ("latitude", "longitude"):
        if not text:
            raise ValueError(_("A number is required."))
        try:
            value = parse_number(text)
        except ValueError:
            raise ValueError(_("“%(value)s” is not a number.", value=text)) from None
        limit = 90 if column == "latitude" else 180
        if not -limit <= value <= limit:
            raise ValueError(_("Must lie between -%(n)d and %(n)d.", n=limit))
        return value
    if column in ("estimated_cost", "spent"):
        if not text:
            return None
        try:
            value = parse_money(text)
        except (InvalidOperation, ValueError):
            raise ValueError(_("“%(value)s” is not an amount.", value=text)) from None
        if value < 0:
            raise ValueError(_("An amount cannot be negative."))
        return value
    if column == "progress":
        try:
            value = parse_progress(text)
        except ValueError:
            raise ValueError(_("“%(value)s” is not a whole percentage.", value=text)) from None
        if not 0 <= value <= 100:
            raise ValueError(_("Physical progress is a whole number from 0 to 100."))
        return value
    aliases, known = {
        "stage": (STAGE_ALIASES, STAGES),
        "kind": (KIND_ALIASES, POST_KINDS),
        "priority": (PRIORITY_ALIASES, PRIORITIES),
    }[column]
    code = aliases.get(key(text))
    if code is None:
        raise ValueError(
            _(
                "Unknown value “%(value)s”; use one of: %(known)s.",
                value=text,
                known=", ".join(known),
            )
        )
    return code


def parse(data: bytes, check_row=None) -> ParsedFile:
    """Read a whole CSV file or XLSX workbook; raise CsvError if it cannot be read at all.

    Each row becomes a dict of the columns it fills, plus its `line`; an empty
    coded or numeric cell (kind, priority, stage, progress) is left out, meaning
    "default for a new post, unchanged for an existing one". `check_row(row)`
    may return more {column: message} problems (coordinates, stage rules).
    """
    table = read_table(data)  # a CSV file, or an XLSX workbook's first sheet
    result = ParsedFile(encoding=table.encoding, delimiter=table.delimiter)
    names, seen_keys = None, {}
    for line, cells in table.rows:
        if not any(cell.strip() for cell in cells):
            continue
        if names is None:
            names, header_problems = _header(cells)
            if header_problems:
                raise CsvError(" ".join(header_problems))
            result.columns = tuple(n for n in names if n)
            continue
        row, problems = {"line": line}, []
        for name, raw in zip(names, cells, strict=False):
            if name is None or (
                name in ("kind", "priority", "stage", "progress") and not raw.strip()
            ):
                continue
            try:
                row[name] = _cell(name, raw)
            except ValueError as error:
                problems.append(RowProblem(line, name, str(error)))
        for name in REQUIRED:
            if name not in row and not any(p.column == name for p in problems):
                problems.append(RowProblem(line, name, _("This cell is empty.")))
        if len(cells) > len(names) and any(c.strip() for c in cells[len(names) :]):
            problems.append(
                RowProblem(line, "", _("This row has more cells than the header has columns."))
            )
        if not problems and check_row is not None:
            for column, message in (check_row(row) or {}).items():
                problems.append(RowProblem(line, column, message))
        if not problems:
            identity = (key(row["name"]), row["country"])
            if identity in seen_keys:
                problems.append(
                    RowProblem(
                        line,
                        "name",
                        _(
                            "The same post (name and country) is already on line %(n)d.",
                            n=seen_keys[identity],
                        ),
                    )
                )
            seen_keys.setdefault(identity, line)
        result.problems.extend(problems)
        if not problems:
            result.rows.append(row)
    if names is None:
        raise CsvError(_("The file is empty."))
    return result


# --- writing ----------------------------------------------------------------------------


MONEY_COLUMNS = ("estimated_cost", "spent")


def _plain(column: str, value, money_digits: int = 2) -> str:
    if value is None:
        return ""
    if column in TEXT_COLUMNS:
        return neutralise(str(value))
    if column in MONEY_COLUMNS:
        return f"{value:.{money_digits}f}"
    if isinstance(value, float):
        return repr(value)
    return str(value)


def serialise(posts, money_digits: int = 2) -> str:
    """Return the CSV text of posts given as dicts keyed by COLUMNS; numbers stay numbers,
    amounts with the currency's decimals (none for XOF)."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for post in posts:
        writer.writerow([_plain(column, post.get(column), money_digits) for column in COLUMNS])
    return out.getvalue()


__all__ = [
    "COLUMNS",
    "REQUIRED",
    "CsvError",
    "ParsedFile",
    "RowProblem",
    "country_code",
    "decode",
    "encode",
    "key",
    "neutralise",
    "parse",
    "parse_money",
    "parse_number",
    "serialise",
    "sniff_delimiter",
    "unneutralise",
]
