"""Countries of the region: ISO codes and names in the reader's language."""

from flask_babel import get_locale

# ISO 3166-1 alpha-3 → alpha-2 for the countries the project deals with.
ISO3_TO_ISO2 = {
    "MLI": "ML",
    "NER": "NE",
    "MRT": "MR",
    "BFA": "BF",
    "TCD": "TD",
    "DZA": "DZ",
    "LBY": "LY",
    "NGA": "NG",
    "BEN": "BJ",
    "TGO": "TG",
    "GHA": "GH",
    "CIV": "CI",
    "GIN": "GN",
    "SEN": "SN",
    "ESH": "EH",
    "MAR": "MA",
    "CMR": "CM",
    "SDN": "SD",
    "CAF": "CF",
    "JPN": "JP",
}
# The project's own countries and the G5 Sahel.
PROJECT_COUNTRIES = ("MLI", "NER", "MRT", "BFA")
G5_SAHEL = ("MLI", "NER", "MRT", "BFA", "TCD")


def country_name(code: str | None, locale=None) -> str:
    """Return the country's name in the current language, or the code if unknown."""
    if not code:
        return ""
    iso2 = ISO3_TO_ISO2.get(code.upper())
    if iso2 is None:
        return code
    locale = locale or get_locale()
    if locale is None:
        from babel import Locale

        locale = Locale("en")
    return locale.territories.get(iso2, code)


def country_choices(codes=None) -> list[tuple[str, str]]:
    """Return (code, name) pairs sorted by name, for select fields."""
    codes = codes or ISO3_TO_ISO2.keys()
    return sorted(((c, country_name(c)) for c in codes), key=lambda pair: pair[1])
