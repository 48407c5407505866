"""The milestones list cut by the database shows what sorting every row in memory shows."""

from datetime import date, timedelta

import pytest

from roadmap.extensions import db
from roadmap.paging import page_of
from roadmap.schedule.listing import SORT_KEYS, SQL_SORTS, in_database, milestone_page
from roadmap.schedule.queries import load_rows
from tests import factories

TODAY = date(2026, 8, 15)
STATUSES = ("planned", "in_progress", "done", "cancelled")


@pytest.fixture
def many(app):
    """Fill three workstreams with 40 milestones sharing dates, percents and statuses."""
    with app.app_context():
        project = factories.project()
        streams = [factories.workstream(project, f"Stream {n}", 2 - n) for n in range(3)]
        for n in range(40):
            start = date(2026, 4, 1) + timedelta(days=7 * (n % 6))
            factories.milestone(
                streams[n % 3],
                f"Milestone {n:02d}",
                start,
                start + timedelta(days=10 * (n % 4)),
                percent_complete=(n % 5) * 25,
                status=STATUSES[n % 4],
                country="NER" if n % 2 else "MLI",
                position=n % 7,
            )
        db.session.commit()
        return [stream.id for stream in streams]


def ids(rows):
    return [row["id"] for row in rows]


@pytest.mark.parametrize("sort", ["", *SQL_SORTS])
@pytest.mark.parametrize("descending", [False, True])
@pytest.mark.parametrize("filters", [{}, {"country": "NER"}, {"status": "done"}])
def test_database_pages_match_sorting_in_memory(app, many, sort, descending, filters):
    assert in_database(filters, sort)
    with app.app_context():
        rows = load_rows(filters, TODAY)
        if sort:
            rows.sort(key=SORT_KEYS[sort], reverse=descending)
        for number in (1, 2, 3, 99):
            expected = page_of(rows, number, 15)
            found = milestone_page(filters, sort, descending, number, 15, TODAY)
            assert (found.page, found.total, found.pages) == (
                expected.page,
                expected.total,
                expected.pages,
            )
            assert found.items == expected.items  # whole rows, health included


def test_a_workstream_filter_is_cut_by_the_database_too(app, many):
    with app.app_context():
        found = milestone_page({"workstream": many[0]}, "end", True, 1, 50, TODAY)
        assert found.total == 14 and {row["workstream"] for row in found.items} == {"Stream 0"}


@pytest.mark.parametrize(
    ("filters", "sort"),
    [
        ({"health": "late"}, ""),
        ({"due": 30}, "end"),
        ({}, "health"),
        ({}, "slip"),
        ({}, "title"),
        ({}, "workstream"),
    ],
)
def test_health_and_text_orders_sort_every_row_in_memory(app, many, filters, sort):
    assert not in_database(filters, sort)
    with app.app_context():
        rows = load_rows(filters, TODAY)
        rows.sort(key=SORT_KEYS.get(sort, lambda row: 0))
        assert ids(milestone_page(filters, sort, False, 1, 500, TODAY).items) == ids(rows)
