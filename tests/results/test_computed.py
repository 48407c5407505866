"""Computed indicators: pure functions, and their actuals as of each period's end."""

from datetime import UTC, date, datetime

import pytest
from sqlalchemy import select

from roadmap.auth.models import User
from roadmap.extensions import db
from roadmap.history import HistoryEntry
from roadmap.posts import commands as posts
from roadmap.results.computed import compute
from roadmap.results.framework import framework
from tests import factories

JUNE_END = date(2026, 6, 30)


def state(**entities):
    return {name: dict(enumerate(rows, 1)) for name, rows in entities.items()}


def test_posts_handed_over_are_counted_by_country():
    found = state(
        border_post=[
            {"stage": "handed_over", "country": "NER", "progress": 100},
            {"stage": "handed_over", "country": "MLI", "progress": 100},
            {"stage": "designed", "country": "MLI", "progress": 10},
        ]
    )
    assert compute("posts_handed_over", found, JUNE_END) == (
        2.0,
        {"country": {"MLI": 1.0, "NER": 1.0}},
    )
    assert compute("average_progress", found, JUNE_END) == (70.0, {})


def test_participants_count_only_workshops_held_by_the_day():
    found = state(
        workshop=[{"end_date": date(2026, 7, 30)}],
        participation=[
            {"workshop_id": 1, "sex": "female", "country": "NER", "count": 4},
            {"workshop_id": 1, "sex": "male", "country": "MLI", "count": 6},
        ],
    )
    assert compute("participants", found, JUNE_END) == (None, {})
    assert compute("participants", found, date(2026, 7, 31)) == (
        10.0,
        {"sex": {"female": 4.0, "male": 6.0}, "country": {"MLI": 6.0, "NER": 4.0}},
    )


def test_recommendations_implemented_are_the_completed_ones():
    found = state(
        outcome=[
            {"kind": "recommendation", "status": "completed"},
            {"kind": "decision", "status": "completed"},
            {"kind": "recommendation", "status": "in_progress"},
        ]
    )
    assert compute("recommendations_implemented", found, JUNE_END) == (1.0, {})


@pytest.fixture
def handed_over_late(app):
    """A post handed over on 20 May, entered on 15 August, under a computed indicator."""
    with app.test_request_context():
        factories.project()
        post = factories.border_post()
        factories.indicator(source="posts_handed_over", code="1.2")
        manager = db.session.scalar(select(User).filter_by(email="manager@example.org"))
        db.session.commit()
        posts.record_update(
            post,
            on=date(2026, 5, 20),
            stage="handed_over",
            progress=100,
            by=manager,
            expected_version=post.version,
            today=date(2026, 8, 15),
        )
        # The records were entered when the project started, the handover on 15 August.
        entered = {"create": datetime(2026, 3, 1, 9, tzinfo=UTC)}
        for entry in db.session.scalars(select(HistoryEntry)):
            entry.at = entered.get(entry.action, datetime(2026, 8, 15, 9, tzinfo=UTC))
        db.session.commit()
        yield


def test_a_late_entry_counts_in_the_period_it_happened_in(handed_over_late):
    (result,) = framework(date(2026, 8, 15))
    (indicator,) = result["indicators"]
    first, second, third, _fourth = indicator["periods"]
    assert (first["end"], first["actual"]) == (date(2026, 5, 31), 1.0)
    # The quarter under way, as of the day asked.
    assert (second["actual"], second["effective_on"]) == (1.0, date(2026, 8, 15))
    assert third["actual"] is None  # not started yet
    assert indicator["current"]["start"] == date(2026, 6, 1)


def test_before_the_handover_nothing_was_handed_over(handed_over_late):
    (result,) = framework(date(2026, 5, 19))
    first = result["indicators"][0]["periods"][0]
    assert first["actual"] == 0.0
    assert first["effective_on"] == date(2026, 5, 19)
