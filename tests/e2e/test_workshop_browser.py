"""The Niamey workshop in the browser: participation, charts, outcomes and a follow-up note."""

import re

import pytest

pytestmark = pytest.mark.e2e


def open_niamey(guard):
    page = guard.page
    page.goto(f"{guard.base_url}/workshops")
    page.get_by_role("link", name=re.compile("Regional workshop")).click()
    page.wait_for_selector("#chart-outcome-status[data-drawn=true]")
    return page


def test_workshop_page_shows_participation_charts_and_outcomes(guarded_page):
    guarded_page.login("manager")
    page = open_niamey(guarded_page)
    assert page.locator("#participation-table tfoot").inner_text().split()[-1] == "74"
    for chart in (
        "chart-participants-sex",
        "chart-participants-org",
        "chart-women-share",
        "chart-outcome-status",
    ):
        page.wait_for_selector(f"#{chart}[data-drawn=true]")
        assert page.locator(f"#{chart} .main-svg").count() >= 1
    assert page.locator(".outcome-register > li").count() == 12
    overdue = page.locator(".outcome-overdue")
    assert overdue.count() >= 1
    assert "Overdue by" in overdue.first.inner_text()
    guarded_page.screenshot("workshop-niamey")
    assert guarded_page.outside_requests == []
    assert guarded_page.console_errors == []


def test_follow_up_note_changes_the_status(guarded_page):
    guarded_page.login("manager")
    page = open_niamey(guarded_page)
    before = page.locator("#followup-figures").inner_text()
    card = page.locator(".outcome-register > li").filter(has_text="Circulate the workshop report")
    card.get_by_text("Add a follow-up note").click()
    card.get_by_label("New status").select_option("completed")
    card.get_by_label("Note").fill("Report and roadmap sent to every delegation.")
    card.get_by_role("button", name="Add the note").click()
    page.wait_for_load_state()
    card = page.locator(".outcome-register > li").filter(has_text="Circulate the workshop report")
    assert "Report and roadmap sent to every delegation." in card.inner_text()
    assert "Overdue" not in card.inner_text()
    assert card.locator(".badge-outcome_status-completed").count() >= 1
    after = page.locator("#followup-figures").inner_text()
    assert before != after
    assert guarded_page.console_errors == []


def test_participation_grid_refuses_a_bad_cell(guarded_page):
    guarded_page.login("manager")
    page = open_niamey(guarded_page)
    page.get_by_role("link", name="Enter participation").click()
    page.get_by_label("Mali, Government, Women").fill("2.5")
    page.get_by_role("button", name="Save participation").click()
    cell = page.get_by_label("Mali, Government, Women")
    assert cell.get_attribute("aria-invalid") == "true"
    assert "whole number" in page.locator("#count-MLI-government-female-error").inner_text()
    guarded_page.screenshot("workshop-participation-error")
