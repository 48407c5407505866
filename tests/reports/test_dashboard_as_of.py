"""The dashboard as of a past day: the project as it stood then, late news included."""

import re

import pytest

from .test_milestones_as_of import record_progress_late


def count(html: str, key: str) -> int:
    found = re.search(rf'id="count-{key}"[^>]*>\s*<span[^>]*>(\d+)</span>', html)
    return int(found.group(1))


@pytest.fixture
def october(app, client, auth, project):
    record_progress_late(app, project["formula"])  # 60 % on 12 August, typed on 14 October
    app.config["ROADMAP_TODAY"] = "2026-10-14"
    auth.login("viewer")
    return client


def test_a_past_day_shows_what_had_happened_by_then(october):
    august = october.get("/?as_of=2026-08-31")
    assert august.status_code == 200
    html = august.get_data(as_text=True)
    assert 'id="as-of-notice"' in html and "August 31, 2026" in html
    assert (count(html, "done"), count(html, "in_progress")) == (1, 1)
    assert 'id="dash-changes"' not in html  # the changes since a visit belong to today
    before = october.get("/?as_of=2026-08-11").get_data(as_text=True)
    assert (count(before, "done"), count(before, "in_progress")) == (1, 0)
    today = october.get("/").get_data(as_text=True)
    assert 'id="as-of-notice"' not in today and 'id="dash-changes"' in today
    assert count(today, "in_progress") == 1


def test_french_readers_get_the_same_past(october):
    html = october.get("/?as_of=2026-08-31", headers={"Accept-Language": "fr"}).get_data(
        as_text=True
    )
    assert "31 août 2026" in html
    assert (count(html, "done"), count(html, "in_progress")) == (1, 1)


@pytest.mark.parametrize(
    ("asked", "message"),
    [
        ("2026-13-01", "Give the day as YYYY-MM-DD"),
        ("31/08/2026", "Give the day as YYYY-MM-DD"),
        ("2026-10-15", "cannot show a day to come"),
        ("2025-12-31", "The project started on"),
    ],
)
def test_a_day_it_cannot_show_is_said_by_the_field(october, asked, message):
    answer = october.get(f"/?as_of={asked}")
    assert answer.status_code == 400
    html = answer.get_data(as_text=True)
    field = html.split('id="as-of-form"', 1)[1].split("</form>", 1)[0]
    assert message in field and 'aria-invalid="true"' in field
    assert 'id="as-of-notice"' not in html  # today's dashboard, with the message


def test_today_asked_by_date_is_today(october):
    answer = october.get("/?as_of=2026-10-14")
    assert answer.status_code == 200
    assert 'id="as-of-notice"' not in answer.get_data(as_text=True)
