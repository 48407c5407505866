"""The Month type: made once from YYYY-MM, then carrying its days and instants."""

import pickle
from datetime import UTC, date, datetime

import pytest

from roadmap.months import Month

START, END = date(2026, 3, 1), date(2027, 2, 28)

NOT_MONTHS = [
    "2026-13",
    "2026-00",
    "0000-05",
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
    202607,
]


def test_a_month_knows_its_days_and_instants():
    august = Month.parse("2026-08")
    assert (august.year, august.number) == (2026, 8)
    assert (august.start, august.end) == (date(2026, 8, 1), date(2026, 8, 31))
    assert august.start_instant == datetime(2026, 8, 1, tzinfo=UTC)
    assert august.end_instant == datetime(2026, 9, 1, tzinfo=UTC)
    assert Month("2028-02").end == date(2028, 2, 29)
    assert Month("2026-02").end == date(2026, 2, 28)


def test_next_and_previous_cross_the_year():
    assert Month("2026-12").next() == "2027-01"
    assert Month("2027-01").previous() == "2026-12"
    assert Month("2026-08").next().previous() == Month("2026-08")
    assert isinstance(Month("2026-12").next(), Month)


def test_a_month_is_its_text_everywhere():
    august = Month("2026-08")
    assert august == "2026-08" and str(august) == "2026-08"
    assert f"/reports/{august}" == "/reports/2026-08"
    assert sorted([Month("2027-01"), Month("2026-12"), Month("2026-02")]) == [
        "2026-02",
        "2026-12",
        "2027-01",
    ]
    assert {august: 1}["2026-08"] == 1
    assert pickle.loads(pickle.dumps(august)) == august
    assert isinstance(pickle.loads(pickle.dumps(august)), Month)
    assert Month(august) is august


def test_of_a_day():
    assert Month.of(date(2026, 8, 31)) == "2026-08"
    assert Month.of(date(2027, 1, 1)) == "2027-01"


def test_a_project_has_its_months_and_the_month_after():
    months = Month.span(START, END)
    assert months[0] == "2026-03"
    assert months[-1] == "2027-03"
    assert len(months) == 13
    assert all(isinstance(month, Month) for month in months)


@pytest.mark.parametrize("text", NOT_MONTHS)
def test_anything_else_is_refused_with_a_reason(text):
    with pytest.raises(ValueError, match="is not a month written YYYY-MM"):
        Month.parse(text)


def test_the_day_a_report_describes():
    assert Month("2026-07").as_of(date(2026, 8, 15)) == date(2026, 7, 31)
    assert Month("2026-08").as_of(date(2026, 8, 15)) == date(2026, 8, 15)


def test_the_label_is_in_the_language_asked(app):
    with app.test_request_context():
        assert Month("2026-08").label("fr") == "août 2026"
        assert Month("2026-08").label("en") == "August 2026"


@pytest.mark.parametrize("path", ["/reports/2026-13", "/reports/0000-01", "/reports/2026-8"])
def test_the_url_converter_answers_404_for_what_is_no_month(demo, client, auth, path):
    auth.login("viewer")
    assert client.get(path).status_code == 404


def test_the_url_converter_makes_months_and_urls(app):
    from flask import url_for

    with app.test_request_context():
        assert url_for("reports.report", month=Month("2026-08")) == "/reports/2026-08"
        adapter = app.url_map.bind("localhost")
        endpoint, values = adapter.match("/reports/2026-08")
        assert endpoint == "reports.report" and isinstance(values["month"], Month)


def test_the_report_record_stores_its_text_and_gives_back_a_month(app):
    from sqlalchemy import text

    from roadmap.extensions import db
    from roadmap.reports.models import MonthlyReport

    with app.app_context():
        db.session.add(MonthlyReport(month="2026-08"))
        db.session.commit()
        db.session.expire_all()
        assert db.session.scalar(text("SELECT month FROM monthly_report")) == "2026-08"
        record = db.session.scalars(db.select(MonthlyReport)).one()
        assert isinstance(record.month, Month) and record.month.end == date(2026, 8, 31)
