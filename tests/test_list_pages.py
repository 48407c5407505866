"""Long lists come a page at a time, keep their filters and sort, and survive bad pages."""

import re
from datetime import date

import pytest
from sqlalchemy import select

from roadmap.auth.models import User
from roadmap.demo.scale import generate
from roadmap.demo.scale_load import load_scale
from roadmap.extensions import db
from roadmap.paging import page_of, requested_page
from roadmap.schedule.models import Milestone

TODAY = date(2026, 8, 15)  # TestingConfig's ROADMAP_TODAY
SIZES = {"milestones": 120, "posts": 70, "workshops": 30, "months": 24}


@pytest.fixture
def project(app):
    """Load a generated project larger than one page of every list."""
    with app.app_context():
        manager = db.session.scalar(select(User).where(User.role == "manager"))
        records = generate(
            **SIZES, start=date(2025, 9, 1), today=TODAY, seed=5, authors=[manager.id]
        )
        load_scale(records, manager)
        db.session.commit()


def ids_in(page: str, prefix: str) -> list[int]:
    """Return the record ids linked from the table body, in order."""
    body = page.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    return [int(found) for found in re.findall(rf'href="{prefix}/(\d+)"', body)]


def test_page_numbers_parse_safely():
    assert [requested_page({"page": text}) for text in ("2", "", "x", "0", "-3", " 7 ")] == [
        2,
        1,
        1,
        1,
        1,
        7,
    ]
    page = page_of(list(range(120)), 9, 50)
    assert (page.page, page.pages, page.items[0], len(page.items)) == (3, 3, 100, 20)
    assert page.has_prev and not page.has_next and page.prev_num == 2
    assert page_of([], 4, 50).pages == 1


def test_milestones_come_fifty_a_page_each_once(client, auth, project):
    auth.login("viewer")
    first = client.get("/milestones").get_data(as_text=True)
    assert "120 milestones" in first and "Page 1 of 3" in first
    seen = []
    for number in (1, 2, 3):
        seen += ids_in(
            client.get(f"/milestones?page={number}").get_data(as_text=True), "/milestones"
        )
    assert len(seen) == 120 and len(set(seen)) == 120
    assert ids_in(first, "/milestones") == seen[:50]


def test_sort_and_filters_hold_across_pages(app, client, auth, project):
    auth.login("viewer")
    pages = [
        client.get(f"/milestones?sort=end&dir=desc&page={n}").get_data(as_text=True)
        for n in (1, 2, 3)
    ]
    seen = [key for page in pages for key in ids_in(page, "/milestones")]
    with app.app_context():
        ends = dict(db.session.execute(select(Milestone.id, Milestone.current_end)).all())
    assert [ends[key] for key in seen] == sorted(ends.values(), reverse=True)
    assert "sort=end" in pages[0].split('aria-label="Pages"')[1]  # the pager keeps the sort

    planned = client.get("/milestones?status=planned&page=2").get_data(as_text=True)
    with app.app_context():
        statuses = dict(db.session.execute(select(Milestone.id, Milestone.status)).all())
    assert {statuses[key] for key in ids_in(planned, "/milestones")} == {"planned"}
    pager = planned.split('aria-label="Pages"')[1]
    assert "status=planned" in pager and "page=1" in pager


@pytest.mark.parametrize("query", ["page=abc", "page=0", "page=-2", "page="])
def test_bad_page_numbers_show_the_first_page(client, auth, project, query):
    auth.login("viewer")
    for path in ("/milestones", "/posts", "/history", "/workshops"):
        response = client.get(f"{path}?{query}")
        assert response.status_code == 200, path
        assert "Page 1 of" in response.get_data(as_text=True), path


def test_a_page_past_the_end_shows_the_last(client, auth, project):
    auth.login("viewer")
    for path, last in (("/milestones", 3), ("/posts", 2), ("/workshops", 2)):
        page = client.get(f"{path}?page=99").get_data(as_text=True)
        assert f"Page {last} of {last}" in page, path
    assert ids_in(client.get("/milestones?page=99").get_data(as_text=True), "/milestones")


def test_posts_and_workshops_second_pages(client, auth, project):
    auth.login("viewer")
    posts = [
        ids_in(client.get(f"/posts?page={n}").get_data(as_text=True), "/posts") for n in (1, 2)
    ]
    assert len(posts[0]) == 50 and len(posts[1]) == 20 and not set(posts[0]) & set(posts[1])
    workshops = [
        ids_in(client.get(f"/workshops?page={n}").get_data(as_text=True), "/workshops")
        for n in (1, 2)
    ]
    assert len(workshops[0]) == 25 and len(workshops[1]) == 5


def test_api_milestone_pages_join_up(client, auth, project):
    auth.login("viewer")
    whole = client.get("/api/v1/milestones?per_page=100").get_json()
    assert whole["total"] == 120 and whole["pages"] == 2
    second = client.get("/api/v1/milestones?per_page=100&page=2").get_json()
    items = whole["items"] + second["items"]
    assert len({item["id"] for item in items}) == 120
    keys = [(item["current_start"], item["id"]) for item in items]
    assert [start for start, _ in keys] == sorted(start for start, _ in keys)
    assert all("predecessor_ids" in item and "health" in item for item in items)
    streams = client.get("/api/v1/workstreams").get_json()
    assert sum(stream["milestone_count"] for stream in streams) == 120
