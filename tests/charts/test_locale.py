"""Charts write French dates and numbers in French, as the rest of the page does."""

from roadmap.charts.locale import plotly_config


def test_french_charts_use_french_months_days_and_separators():
    config = plotly_config("fr")
    assert config["locale"] == "fr"
    found = config["locales"]["fr"]["format"]
    assert found["shortMonths"] == [
        "janv.", "févr.", "mars", "avr.", "mai", "juin",
        "juil.", "août", "sept.", "oct.", "nov.", "déc.",
    ]  # fmt: skip
    assert found["months"][1] == "février" and len(found["months"]) == 12
    assert found["days"][0] == "dimanche" and found["shortDays"][1] == "lun."  # from Sunday
    assert found["decimal"] == "," and found["thousands"] == "\u00a0"


def test_english_charts_keep_plotly_s_own_locale():
    assert plotly_config("en") == {"locale": "en"}
