"""Two people edit one record from the same version: changes to different fields both
survive with no question asked; a field both changed is the only question."""

from datetime import date

import pytest
from sqlalchemy import select

from roadmap.extensions import db
from roadmap.history import HistoryEntry
from roadmap.schedule.models import Milestone
from tests import factories
from tests.forms_page import form_values
from tests.security.test_lost_updates_missing_version import two_managers  # noqa: F401


@pytest.fixture
def milestone_url(app):
    with app.app_context():
        item = factories.milestone(
            title="Mapping report", owner="IOM Niger", description="Survey of the posts"
        )
        db.session.commit()
        return f"/milestones/{item.id}/edit", item.id


def opened(client, url):
    page = client.get(url)
    assert page.status_code == 200
    return form_values(page.get_data(as_text=True))


def stored(app, milestone_id):
    with app.app_context():
        item = db.session.get(Milestone, milestone_id)
        return item.title, item.owner, item.description, item.version


def test_different_fields_from_the_same_version_both_survive(app, two_managers, milestone_url):
    first, second = two_managers
    url, key = milestone_url
    mine, theirs = opened(first, url), opened(second, url)
    theirs["description"] = "Survey of the posts and their staff"
    assert second.post(url, data=theirs).status_code == 302
    mine["owner"] = "Amina Diallo"
    answer = first.post(url, data=mine, follow_redirects=True)
    assert answer.status_code == 200
    assert "their change to Description was kept" in answer.get_data(as_text=True)
    assert stored(app, key) == (
        "Mapping report",
        "Amina Diallo",
        "Survey of the posts and their staff",
        3,
    )


def test_the_same_field_changed_by_both_is_asked_alone(app, two_managers, milestone_url):
    first, second = two_managers
    url, key = milestone_url
    mine, theirs = opened(first, url), opened(second, url)
    theirs["owner"] = "Boubacar"
    theirs["description"] = "Theirs only"
    assert second.post(url, data=theirs).status_code == 302
    mine["owner"] = "Amina <b>"
    mine["title"] = "Mapping report v2"
    conflict = first.post(url, data=mine)
    assert conflict.status_code == 409
    page = conflict.get_data(as_text=True)
    assert page.count("<legend") == 1 and "Owner" in page.split("<legend", 1)[1][:200]
    assert "Boubacar" in page and "Amina &lt;b&gt;" in page and "<b>" not in page
    # Nothing was written yet.
    assert stored(app, key)[:2] == ("Mapping report", "Boubacar")
    choice = form_values(page, "resolve-form")
    choice["choose-owner"] = "mine"
    assert first.post(url, data=choice).status_code == 302
    assert stored(app, key) == ("Mapping report v2", "Amina <b>", "Theirs only", 3)


def test_keeping_their_value_writes_only_my_other_fields(app, two_managers, milestone_url):
    first, second = two_managers
    url, key = milestone_url
    mine, theirs = opened(first, url), opened(second, url)
    theirs["owner"] = "Boubacar"
    second.post(url, data=theirs)
    mine["owner"] = "Amina"
    mine["title"] = "Mapping v2"
    choice = form_values(first.post(url, data=mine).get_data(as_text=True), "resolve-form")
    choice["choose-owner"] = "theirs"
    assert first.post(url, data=choice).status_code == 302
    assert stored(app, key)[:2] == ("Mapping v2", "Boubacar")


def test_a_late_progress_report_is_dated_the_day_it_happened(app, auth, milestone_url):
    auth.login("manager")
    url, key = milestone_url
    form = opened(auth._client, url)
    form["percent_complete"] = "40"
    form["status"] = "in_progress"
    form["actual_start"] = "2026-04-01"
    form["effective_on"] = "2026-04-20"
    assert auth._client.post(url, data=form).status_code == 302
    with app.app_context():
        entry = db.session.scalars(
            select(HistoryEntry)
            .where(HistoryEntry.entity == "milestone", HistoryEntry.entity_id == key)
            .order_by(HistoryEntry.id.desc())
        ).first()
        assert entry.changes["percent_complete"] == [0, 40]
        assert entry.effective_on == date(2026, 4, 20) and entry.late


@pytest.mark.parametrize(
    ("day", "words"),
    [("2026-08-16", "future"), ("2026-02-01", "before the project started")],
)
def test_an_effective_date_is_refused_beside_its_field(app, auth, milestone_url, day, words):
    auth.login("manager")
    url, key = milestone_url
    form = opened(auth._client, url)
    form["percent_complete"] = "40"
    form["status"] = "in_progress"
    form["actual_start"] = "2026-04-01"
    form["effective_on"] = day
    page = auth._client.post(url, data=form)
    assert page.status_code in (200, 422)
    assert words in page.get_data(as_text=True)
    assert stored(app, key)[3] == 1  # nothing written
