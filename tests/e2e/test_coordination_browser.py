"""/coordination in Chromium, in English and in French: the heat map and the demo's two alarms."""

import pytest

pytestmark = pytest.mark.e2e

WORDS = {
    "en": {
        "title": "Who does what where",
        "gaps": "Gaps",
        "overlaps": "Overlaps",
        "sector": "Equipment",
        "by_post": "By post",
    },
    "fr": {
        "title": "Qui fait quoi où",
        "gaps": "Lacunes",
        "overlaps": "Chevauchements",
        "sector": "Équipement",
        "by_post": "Par poste",
    },
}


@pytest.mark.parametrize("role, language", [("viewer", "en"), ("responsable", "fr")])
def test_coordination_shows_the_heat_map_and_the_two_alarms(guarded_page, role, language):
    words = WORDS[language]
    guarded_page.login(role)
    page = guarded_page.page
    page.goto(f"{guarded_page.base_url}/coordination")
    assert page.locator("html").get_attribute("lang") == language
    assert page.get_by_role("heading", name=words["title"]).count() == 1
    page.wait_for_selector("#coordination-matrix[data-drawn=true]")
    matrix = page.locator("#coordination-matrix")
    assert matrix.locator(".heatmaplayer, .hm").count() >= 1
    # The counts are written in the cells, not told by colour alone.
    cells = [
        text.strip() for text in matrix.locator(".heatmaplayer text, .hm text").all_text_contents()
    ]
    assert cells and all(text.isdigit() for text in cells if text)

    gaps = page.locator("#gaps")
    assert words["gaps"] in gaps.inner_text()
    assert gaps.locator("li").count() == 1
    assert "Labbezanga" in gaps.inner_text() and words["sector"] in gaps.inner_text()
    overlaps = page.locator("#overlaps")
    assert words["overlaps"] in overlaps.inner_text()
    assert overlaps.locator("li").count() == 1
    assert "Kantchari" in overlaps.inner_text() and "Expertise France" in overlaps.inner_text()

    page.get_by_role("link", name=words["by_post"]).click()
    page.wait_for_selector("#coordination-matrix[data-drawn=true]")
    ticks = " ".join(page.locator("#coordination-matrix .xtick text").all_text_contents())
    assert "Kantchari" in ticks
    guarded_page.screenshot(f"coordination-{language}")
    assert guarded_page.outside_requests == []
    assert guarded_page.console_errors == []
