"""One cell of the posts file: country and stage names, numbers, amounts, formula quoting."""

import math
import re
import unicodedata
from decimal import Decimal, InvalidOperation

from babel import Locale

from roadmap.countries import ISO3_TO_ISO2

# A spreadsheet runs a cell starting with one of these as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

STAGE_ALIASES = {
    "identified": "identified",
    "identifie": "identified",
    "assessed": "assessed",
    "evalue": "assessed",
    "designed": "designed",
    "concu": "designed",
    "etudes_realisees": "designed",
    "procured": "procured",
    "attribue": "procured",
    "marche_attribue": "procured",
    "acquis": "procured",
    "passe_en_marche": "procured",
    "works_in_progress": "works_in_progress",
    "works": "works_in_progress",
    "travaux_en_cours": "works_in_progress",
    "en_travaux": "works_in_progress",
    "completed": "completed",
    "acheve": "completed",
    "termine": "completed",
    "handed_over": "handed_over",
    "remis": "handed_over",
    "transfere": "handed_over",
    "remis_aux_autorites": "handed_over",
    "receptionne": "handed_over",
}
KIND_ALIASES = {
    "land": "land",
    "land_crossing": "land",
    "terrestre": "land",
    "poste_terrestre": "land",
    "river": "river",
    "river_crossing": "river",
    "fluvial": "river",
    "poste_fluvial": "river",
    "airport": "airport",
    "aeroport": "airport",
}
PRIORITY_ALIASES = {
    "high": "high",
    "haute": "high",
    "elevee": "high",
    "forte": "high",
    "medium": "medium",
    "moyenne": "medium",
    "low": "low",
    "basse": "low",
    "faible": "low",
}


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


def parse_money(text: str) -> Decimal:
    """Read an amount written in the English or French way (1,234.50 or 1 234,50)."""
    text = re.sub(r"[\s\u00a0\u202f]", "", text)
    if "," in text and "." in text:
        decimal_mark = "," if text.rfind(",") > text.rfind(".") else "."
        thousands = "." if decimal_mark == "," else ","
        text = text.replace(thousands, "").replace(decimal_mark, ".")
    elif "," in text:
        # 12,500 or 1,250,000 are thousands; 12,5 and 12,50 are decimals.
        if re.fullmatch(r"-?\d{1,3}(,\d{3})+", text):
            text = text.replace(",", "")
        else:
            text = text.replace(",", ".")
    value = Decimal(text)
    if not value.is_finite():
        raise InvalidOperation(text)
    return value.quantize(Decimal("0.01"))


def parse_progress(text: str) -> int:
    """Read a whole percentage, with or without a % sign."""
    value = float(text.strip().rstrip("%").strip().replace(",", "."))
    if value != int(value):
        raise ValueError(text)
    return int(value)
