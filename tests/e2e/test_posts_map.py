"""The posts' map and charts in the browser, with every outside request aborted."""

import re

import pytest
from sqlalchemy import func, select

from roadmap.extensions import db
from roadmap.posts.models import BorderPost

pytestmark = pytest.mark.e2e


def post_count(live_server):
    with live_server.app.app_context():
        return db.session.scalar(select(func.count()).select_from(BorderPost))


def test_map_draws_one_marker_per_post_with_local_outlines(guarded_page, live_server):
    outlines = []
    guarded_page.page.on(
        "response",
        lambda response: outlines.append(response.status) if "/topojson/" in response.url else None,
    )
    guarded_page.login("viewer")
    guarded_page.page.wait_for_load_state("networkidle")
    outlines.clear()  # the dashboard, shown after login, draws the map too
    page = guarded_page.page
    page.goto(f"{live_server.url}/posts/map")
    page.wait_for_selector("#posts-map[data-drawn=true]")
    expected = post_count(live_server)
    assert expected >= 20
    assert page.locator("#posts-map .trace.scattergeo path.point").count() == expected
    # The four project countries are tinted, so the outlines file was read and drawn.
    assert page.locator("#posts-map path.choroplethlocation").count() == 4
    assert page.locator("#posts-map .countries path, #posts-map path.countries").count() >= 1
    # Read from this server (the page's preload and the offline worker may each ask once).
    assert outlines and set(outlines) == {200}
    legend = page.locator("#posts-map .legend").text_content()
    for stage in ("Works in progress", "Completed", "Handed over"):
        assert stage in legend
    guarded_page.screenshot("posts-map")
    assert guarded_page.outside_requests == []
    assert guarded_page.console_errors == []


def test_a_progress_update_reaches_the_timeline_and_the_chart(guarded_page, live_server):
    guarded_page.login("manager")
    page = guarded_page.page
    page.goto(f"{live_server.url}/posts?country=MLI")
    page.wait_for_selector("#posts-progress[data-drawn=true]")
    before = page.locator("#posts-progress .scatterlayer .textpoint text").all_text_contents()
    page.get_by_role("link", name="Koury").click()
    page.get_by_role("link", name="Record an update").click()
    page.get_by_label("Stage").select_option("works_in_progress")
    page.get_by_label("Physical progress (%)").fill("50")
    page.get_by_label("Comment").fill("Foundations poured, walls rising.")
    page.get_by_role("button", name="Record the update").click()
    page.wait_for_url(re.compile(r"/posts/\d+$"))
    timeline = page.locator("ol").filter(has_text="Foundations poured").inner_text()
    assert "50 % physical progress" in timeline
    assert "Works in progress" in timeline
    page.goto(f"{live_server.url}/posts?country=MLI")
    page.wait_for_selector("#posts-progress[data-drawn=true]")
    after = page.locator("#posts-progress .scatterlayer .textpoint text").all_text_contents()
    assert before != after and after
    guarded_page.screenshot("posts-progress")
    assert guarded_page.outside_requests == []
    assert guarded_page.console_errors == []
