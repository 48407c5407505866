"""Spreadsheet files as offices produce them: CSV of every dialect, and XLSX workbooks.

Shared by every import and export (border posts, milestones). Reading accepts UTF-8
with or without BOM, UTF-16 and Windows-1252; `;`, `,` or tab as delimiter; decimal
commas; dd/mm/yyyy or ISO dates; country names (EN/FR) or ISO codes; and the first
sheet of an XLSX workbook. Writing quotes text a spreadsheet would run as a formula
and starts a CSV with a BOM, so Excel reads accents right. Plain values only: no
database, no request.
"""

import csv
import io
import math
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime

from babel import Locale
from flask_babel import gettext as _

from roadmap.countries import ISO3_TO_ISO2

# A spreadsheet runs a cell starting with one of these as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


class CsvError(ValueError):
    """The file as a whole cannot be read (empty, binary, missing columns…), CSV or workbook."""


@dataclass
class RowProblem:
    """What is wrong with one cell (or, with no column, one row) of a file."""

    line: int
    column: str
    message: str


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def decode(data: bytes) -> tuple[str, str]:
    """Return (text, encoding name) or raise CsvError for empty or binary files."""
    if not data.strip():
        raise CsvError(_("The file is empty."))
    if data.startswith(b"PK\x03\x04") or data.startswith(b"\xd0\xcf\x11\xe0"):
        raise CsvError(
            _("This is a spreadsheet workbook, not a CSV file: save it as CSV and try again.")
        )
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), "UTF-16"
        except UnicodeDecodeError:
            pass
    if b"\x00" in data:
        raise CsvError(_("This is not a text file (it holds binary data): upload a CSV file."))
    try:
        text, encoding = data.decode("utf-8-sig"), "UTF-8"
    except UnicodeDecodeError:
        try:
            text, encoding = data.decode("cp1252"), "Windows-1252"
        except UnicodeDecodeError:
            raise CsvError(
                _("The file's characters cannot be read: save it as “CSV UTF-8” and try again.")
            ) from None
    if _CONTROL.search(text):
        raise CsvError(_("This is not a text file (it holds binary data): upload a CSV file."))
    return text, encoding


def read_header(
    cells: list[str], columns, required, aliases: dict
) -> tuple[list[str | None], list[str]]:
    """Return the column each header cell names (None: ignored) and what is wrong with it."""
    names, problems, seen = [], [], set()
    for cell in cells:
        name = key(cell)
        name = aliases.get(name, name)
        if name not in columns:
            names.append(None)
            continue
        if name in seen:
            problems.append(_("The column “%(column)s” appears twice.", column=name))
        seen.add(name)
        names.append(name)
    missing = [column for column in required if column not in seen]
    if missing:
        problems.append(
            _(
                "Required columns are missing: %(columns)s. The first line must name the "
                "columns, for example: %(example)s.",
                columns=", ".join(missing),
                example=", ".join(columns),
            )
        )
    return names, problems


def sniff_delimiter(text: str) -> str:
    """Return the delimiter used in the header line: `;`, tab or `,`."""
    header = next((line for line in text.splitlines() if line.strip()), "")
    counts = {d: header.count(d) for d in (";", "\t", ",")}
    best = max(counts, key=counts.get)
    return best if counts[best] else ","


def key(text: str) -> str:
    """Return text without accents, lower-case, with words joined by underscores."""
    text = unicodedata.normalize("NFKD", text or "")
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    return re.sub(r"[^a-z0-9]+", "_", text).strip("_")


def _country_lookup() -> dict[str, str]:
    lookup = {}
    for iso3, iso2 in ISO3_TO_ISO2.items():
        lookup[key(iso3)] = iso3
        lookup[key(iso2)] = iso3
        for language in ("en", "fr"):
            name = Locale(language).territories.get(iso2)
            if name:
                lookup[key(name)] = iso3
    lookup.update({key("Ivory Coast"): "CIV", key("Côte-d'Ivoire"): "CIV", key("Burkina"): "BFA"})
    return lookup


_COUNTRIES = None


def country_code(text: str) -> str | None:
    """Return the ISO-3 code for a country name (EN/FR) or ISO code, or None."""
    global _COUNTRIES
    if _COUNTRIES is None:
        _COUNTRIES = _country_lookup()
    return _COUNTRIES.get(key(text))


def needs_quote(value: str) -> bool:
    """Tell whether a spreadsheet would run the text as a formula (once unquoted)."""
    if value[:1] in FORMULA_STARTS:
        return True
    return value[:1] == "'" and needs_quote(value[1:])


def neutralise(value: str) -> str:
    """Prefix a quote to text a spreadsheet would run as a formula."""
    return "'" + value if value and needs_quote(value) else value


def unneutralise(value: str) -> str:
    """Undo `neutralise`: drop the quote that export put before formula-like text."""
    if value[:1] == "'" and needs_quote(value[1:]):
        return value[1:]
    return value


def parse_number(text: str) -> float:
    """Read a coordinate, accepting a decimal comma."""
    text = text.strip().replace("\u2212", "-")
    if "," in text and "." not in text:
        text = text.replace(",", ".")
    value = float(text)
    if not math.isfinite(value):
        raise ValueError(text)
    return value


def parse_progress(text: str) -> int:
    """Read a whole percentage, with or without a % sign."""
    value = float(text.strip().rstrip("%").strip().replace(",", "."))
    if value != int(value):
        raise ValueError(text)
    return int(value)


def encode(text: str) -> bytes:
    """Return the bytes of an exported file: UTF-8 with a BOM so Excel reads accents right."""
    return text.encode("utf-8-sig")


# --- days -------------------------------------------------------------------------------

_DAY_FIRST = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})")
_ISO_DAY = re.compile(r"(\d{4})-(\d{2})-(\d{2})(?:[ T]00:00(?::00)?)?")


def parse_day(text: str) -> date:
    """Read a day written YYYY-MM-DD or, as in France, dd/mm/yyyy; raise ValueError."""
    text = text.strip()
    if match := _ISO_DAY.fullmatch(text):
        year, month, day = match.groups()
    elif match := _DAY_FIRST.fullmatch(text):
        day, month, year = match.groups()
    else:
        raise ValueError(text)
    return date(int(year), int(month), int(day))


@dataclass(frozen=True)
class Dialect:
    """How a file is written: its delimiter and how it writes days and decimals."""

    delimiter: str = ","
    day_format: str = "%Y-%m-%d"
    decimal_comma: bool = False

    def day(self, value: date | None) -> str:
        return value.strftime(self.day_format) if value else ""

    def number(self, value) -> str:
        text = str(value)
        return text.replace(".", ",") if self.decimal_comma else text


PLAIN = Dialect()
# What Excel reads and writes in French: semicolons, day first, decimal comma.
FRENCH_EXCEL = Dialect(";", "%d/%m/%Y", True)


# --- whole files ------------------------------------------------------------------------

# Bounds on a workbook's size once unzipped, whatever its upload size.
MAX_ROWS, MAX_COLUMNS = 20_000, 100


@dataclass
class Table:
    """The cells of a file as text, each row with its line (CSV) or row number (XLSX)."""

    rows: list[tuple[int, list[str]]] = field(default_factory=list)
    kind: str = "csv"
    delimiter: str = ","
    encoding: str = ""


def read_table(data: bytes) -> Table:
    """Return the rows of a CSV file or of an XLSX workbook's first sheet; raise CsvError."""
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise CsvError(
            _("This is an old Excel workbook (.xls): save it as .xlsx or as CSV and try again.")
        )
    if data.startswith(b"PK\x03\x04"):
        return _read_workbook(data)
    text, encoding = decode(data)
    delimiter = sniff_delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    table = Table(kind="csv", delimiter=delimiter, encoding=encoding)
    line = 0
    try:
        for cells in reader:
            table.rows.append((line + 1, cells))
            line = reader.line_num
    except csv.Error as error:
        raise CsvError(
            _(
                "The file is not valid CSV near line %(n)d: %(error)s",
                n=reader.line_num,
                error=str(error),
            )
        ) from None
    return table


def _read_workbook(data: bytes) -> Table:
    from openpyxl import load_workbook  # read only on import: not at every start

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        sheet = book.worksheets[0]
        table = Table(kind="xlsx")
        for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
            if number > MAX_ROWS:
                raise CsvError(_("The workbook has more than %(n)d rows.", n=MAX_ROWS))
            cells = [_cell_text(value) for value in values[:MAX_COLUMNS]]
            while cells and not cells[-1]:
                cells.pop()
            table.rows.append((number, cells))
        book.close()
    except CsvError:
        raise
    except Exception:  # openpyxl raises many kinds on a damaged or foreign zip
        raise CsvError(
            _("This workbook cannot be read: open it in Excel, save it as .xlsx and try again.")
        ) from None
    return table


def _cell_text(value) -> str:
    """Return a workbook cell as the text a CSV file would hold (days as YYYY-MM-DD)."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else str(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def write_csv(header: list[str], rows, dialect: Dialect = PLAIN) -> bytes:
    """Return a CSV file of text rows (BOM, CRLF); text that would run as a formula is quoted."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, delimiter=dialect.delimiter, lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([neutralise(cell) if isinstance(cell, str) else cell for cell in row])
    return encode(out.getvalue())


def write_xlsx(header: list[str], rows, sheet: str, widths: dict | None = None) -> bytes:
    """Return a workbook of one sheet: texts stay texts, days are date cells, numbers numbers."""
    import xlsxwriter  # needed only for a download

    buffer = io.BytesIO()
    # Strings are never read as formulas, links or numbers: what a user typed stays text.
    book = xlsxwriter.Workbook(
        buffer,
        {
            "in_memory": True,
            "strings_to_formulas": False,
            "strings_to_urls": False,
            "strings_to_numbers": False,
        },
    )
    book.set_properties({"created": datetime(2026, 1, 1)})  # bytes depend on content only
    bold, day = book.add_format({"bold": True}), book.add_format({"num_format": "yyyy-mm-dd"})
    page = book.add_worksheet(sheet[:31])
    page.write_row(0, 0, header, bold)
    page.freeze_panes(1, 0)
    for column, width in (widths or {}).items():
        page.set_column(column, column, width)
    for number, row in enumerate(rows, start=1):
        for column, value in enumerate(row):
            if value is None or value == "":
                continue
            if isinstance(value, date):
                page.write_datetime(
                    number, column, datetime.combine(value, datetime.min.time()), day
                )
            elif isinstance(value, str):
                page.write_string(number, column, value)
            elif isinstance(value, bool):
                page.write_boolean(number, column, value)
            else:
                page.write_number(number, column, value)
    book.close()
    return buffer.getvalue()
