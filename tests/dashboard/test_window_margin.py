"""The dashboard says how many days the schedule ends before the grant window closes."""

from datetime import date

import pytest

from roadmap.extensions import db
from roadmap.schedule.models import Milestone
from tests import factories


@pytest.fixture
def last(app):
    """A project ending on 28 February 2027 whose last milestone ends on 31 January."""
    with app.app_context():
        stream = factories.workstream()
        factories.milestone(stream, "Works", date(2026, 8, 1), date(2026, 12, 31))
        record = factories.milestone(stream, "Final report", date(2027, 1, 10), date(2027, 1, 31))
        factories.milestone(
            stream, "Dropped", date(2027, 2, 1), date(2027, 3, 31), status="cancelled"
        )
        db.session.commit()
        return record.id


def margin(client) -> str:
    html = client.get("/").get_data(as_text=True)
    start = html.index('id="window-margin"')
    return " ".join(html[start : html.index("</p>", start)].split())


def test_days_before_the_window_closes(client, auth, last):
    auth.login("viewer")
    text = margin(client)
    assert "The schedule ends 28 days before the grant window closes" in text
    assert "critical=1" in text


def test_days_after_the_window_closes(app, client, auth, last):
    with app.app_context():
        record = db.session.get(Milestone, last)
        record.current_end = date(2027, 3, 3)
        db.session.commit()
    auth.login("viewer")
    assert "The schedule ends 3 days after the grant window closes" in margin(client)


def test_in_french(client, auth, last):
    auth.login("viewer")
    client.post("/language", data={"language": "fr", "next": "/"})
    text = margin(client)
    assert "Le calendrier se termine 28 jours avant la clôture" in text
    assert "Le chemin critique" in text
