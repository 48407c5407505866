"""The results framework in Chromium: the dashboard card and /results, in English and French."""

import pytest

from tests.browser import switch_to_french

pytestmark = pytest.mark.e2e


@pytest.mark.parametrize(
    ("language", "heading", "on_track", "indicator"),
    [
        ("en", "Results framework", "On track", "Border officials trained in integrated"),
        ("fr", "Cadre de résultats", "Dans les temps", "Agents des frontières formés à la"),
    ],
)
def test_the_card_and_the_results_page(guarded_page, language, heading, on_track, indicator):
    guarded_page.login("viewer")
    page = guarded_page.page
    if language == "fr":
        switch_to_french(page)
    page.goto(f"{guarded_page.base_url}/")
    card = page.locator("#dash-results")
    assert heading in card.locator("h2").inner_text()
    counts = card.locator(".result-count")
    assert counts.count() == 4
    assert on_track in card.inner_text()
    # Each status says its name: the badge's colour is never the only sign.
    assert card.locator("#results-on_track .badge").inner_text().strip().endswith(on_track)
    card.locator("a[href='/results']").first.click()
    page.wait_for_url(f"{guarded_page.base_url}/results")
    assert heading in page.locator("h1").inner_text()
    assert indicator in page.locator("main").inner_text()
    first_chart = page.locator(".js-plotly").first
    page.wait_for_selector(f"#{first_chart.get_attribute('id')}[data-drawn=true]")
    assert first_chart.locator(".main-svg").count() >= 1
    guarded_page.screenshot(f"results-{language}")
    assert guarded_page.outside_requests == []
    assert guarded_page.console_errors == []
