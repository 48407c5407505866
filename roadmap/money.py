"""Amounts in the project's currency: its own number of decimals, the reader's locale."""

from babel.numbers import get_currency_precision

DEFAULT_CURRENCY = "USD"


def currency_digits(currency: str | None) -> int:
    """Return how many decimals the currency uses (XOF and JPY none, EUR and USD two)."""
    return get_currency_precision(currency or DEFAULT_CURRENCY)


def spreadsheet_format(currency: str | None) -> str:
    """Return the spreadsheet number format of an amount in the currency."""
    digits = currency_digits(currency)
    return "#,##0" + ("." + "0" * digits if digits else "")
