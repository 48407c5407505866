"""Which months a project has, and which path segments name one."""

from datetime import date

import pytest

from roadmap.reports.months import as_of_date, last_day, parse_month, project_months

START, END = date(2026, 3, 1), date(2027, 2, 28)


def test_a_project_has_its_months_and_the_month_after():
    months = project_months(START, END)
    assert months[0] == "2026-03"
    assert months[-1] == "2027-03"
    assert len(months) == 13


@pytest.mark.parametrize("text", ["2026-03", "2027-03", "2026-12"])
def test_months_of_the_project_parse(text):
    assert parse_month(text, START, END) == text


@pytest.mark.parametrize(
    "text",
    [
        "2026-02",
        "2027-04",
        "2026-13",
        "2026-00",
        "2026-7",
        "26-07",
        "2026-07 ",
        " 2026-07",
        "2026-07\n",
        "../etc",
        "..",
        "%2e%2e",
        "2026_07",
        "２０２６-07",
        "",
        None,
    ],
)
def test_anything_else_does_not(text):
    assert parse_month(text, START, END) is None


def test_the_day_a_report_describes():
    assert last_day("2026-02") == date(2026, 2, 28)
    assert as_of_date("2026-07", date(2026, 8, 15)) == date(2026, 7, 31)
    assert as_of_date("2026-08", date(2026, 8, 15)) == date(2026, 8, 15)
