"""Template filters and labels: formatted in the request's language, remembered per request."""

from datetime import date

from flask import render_template_string
from flask_babel import force_locale

from roadmap.templating import per_request

PAGE = "{{ day|date }} · {{ 42|percent }} · {{ label('milestone_status', 'done') }}"


def test_filters_follow_a_language_switched_within_one_request(app):
    with app.test_request_context("/"):
        with force_locale("en"):
            english = render_template_string(PAGE, day=date(2026, 9, 1))
        with force_locale("fr"):
            french = render_template_string(PAGE, day=date(2026, 9, 1))
        with force_locale("en"):
            again = render_template_string(PAGE, day=date(2026, 9, 1))
    assert english == again
    assert english == "Sep 1, 2026 · 42% · Done"
    assert french == "1 sept. 2026 · 42% · Terminé"


def test_each_value_is_formatted_once_per_request(app):
    calls = []

    @per_request
    def shout(value, suffix="!"):
        calls.append(value)
        return f"{value}{suffix}"

    with app.test_request_context("/"):
        assert [shout("a"), shout("a"), shout("b"), shout("a")] == ["a!", "a!", "b!", "a!"]
        assert shout("a", suffix="?") == "a?"  # keyword arguments: not remembered
        assert shout(["not", "a", "key"]) == "['not', 'a', 'key']!"
    with app.test_request_context("/"):
        shout("a")  # a new request starts afresh
    assert calls == ["a", "b", "a", ["not", "a", "key"], "a"]


def test_money_keeps_each_currencys_decimals():
    from roadmap.money import currency_digits, spreadsheet_format

    assert [currency_digits(c) for c in ("XOF", "JPY", "EUR", "USD")] == [0, 0, 2, 2]
    assert spreadsheet_format("XOF") == "#,##0" and spreadsheet_format("EUR") == "#,##0.00"
