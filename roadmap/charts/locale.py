"""The plotly.js config that writes a chart's dates and numbers in the reader's language.

plotly.js's own French locale (static/vendor/plotly/locales/fr.js) abbreviates months
"Jan", "Fév"; French typography and the rest of the page (Babel, CLDR) write "janv.",
"févr.". plotly.js merges a config's `locales` over the registered one key by key,
so the same dict serves the page (over fr.js, which also translates the mode bar) and
Kaleido, whose page has no locale file: it carries every key a static image needs.
"""

from functools import cache

from babel.dates import get_day_names, get_month_names

# What CLDR does not give in plotly's terms (d3-time-format patterns), per language.
PATTERNS = {
    "fr": {
        "decimal": ",",
        # A no-break space: a thousands separator never starts a new line.
        "thousands": "\u00a0",
        "grouping": [3],
        "currency": ["", "\u00a0€"],
        "periods": ["AM", "PM"],
        "dateTime": "%A %e %B %Y à %X",
        "date": "%d/%m/%Y",
        "time": "%H:%M:%S",
        "year": "%Y",
        "month": "%b %Y",
        "dayMonth": "%-d %b",
        "dayMonthYear": "%-d %b %Y",
    },
}


def _names(names) -> list[str]:
    return [names[key] for key in sorted(names)]


@cache
def locale_format(language: str) -> dict | None:
    """Return plotly's format dict for a language (months, days, separators), or None."""
    patterns = PATTERNS.get(language)
    if patterns is None:
        return None  # plotly.js's built-in English
    # Babel numbers weekdays from Monday (0); d3 lists them from Sunday.
    days = _names(get_day_names("wide", locale=language))
    short_days = _names(get_day_names("abbreviated", locale=language))
    return {
        **patterns,
        "months": _names(get_month_names("wide", locale=language)),
        "shortMonths": _names(get_month_names("abbreviated", locale=language)),
        "days": days[6:] + days[:6],
        "shortDays": short_days[6:] + short_days[:6],
    }


def plotly_config(language: str) -> dict:
    """Return the plotly.js config entries (locale and its format) for a language."""
    found = locale_format(language)
    if found is None:
        return {"locale": "en"}
    return {"locale": language, "locales": {language: {"format": found}}}
