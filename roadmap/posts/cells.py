"""One cell of the posts file: country and stage names, numbers, amounts, formula quoting."""

import re
from decimal import Decimal, InvalidOperation

# The cells every spreadsheet file shares, read and written the same way for posts.
from roadmap.tabular import (  # noqa: F401
    FORMULA_STARTS,
    country_code,
    key,
    needs_quote,
    neutralise,
    parse_number,
    parse_progress,
    unneutralise,
)

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
