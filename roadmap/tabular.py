"""Spreadsheet files as offices produce them: CSV of every dialect, and XLSX workbooks.

Shared by every import and export (border posts, milestones). Reading accepts UTF-8
with or without BOM, UTF-16 and Windows-1252; `;`, `,` or tab as delimiter; decimal
commas; dd/mm/yyyy or ISO dates; country names (EN/FR) or ISO codes; and the first
sheet of an XLSX workbook. Writing quotes text a spreadsheet would run as a formula
and starts a CSV with a BOM, so Excel reads accents right. Plain values only: no
database, no request.
"""

import math
import re
import unicodedata

from babel import Locale
from flask_babel import gettext as _

from roadmap.countries import ISO3_TO_ISO2

# A spreadsheet runs a cell starting with one of these as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


class CsvError(ValueError):
    """The file as a whole cannot be read (empty, binary, missing columns…), CSV or workbook."""


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
