"""The report's and the dashboard's overview maps draw the coarser outlines and their pages
preload that file; the map page keeps the fine ones."""

import json
import re


def geo_resolutions(html: str) -> list[int]:
    figures = re.findall(r'<script type="application/json" id="[^"]+">(.*?)</script>', html, re.S)
    return [
        json.loads(figure)["layout"]["geo"]["resolution"] for figure in figures if '"geo"' in figure
    ]


def test_the_report_and_dashboard_preload_the_coarse_outlines_and_the_map_page_the_fine_ones(
    demo, client, auth
):
    auth.login("viewer")
    report = client.get("/reports/2026-08").get_data(as_text=True)
    assert re.search(r'rel="preload"[^>]*africa_110m\.json', report)
    assert "africa_50m.json" not in report
    assert geo_resolutions(report) == [110]
    dashboard = client.get("/").get_data(as_text=True)
    assert re.search(r'rel="preload"[^>]*africa_110m\.json', dashboard)
    assert geo_resolutions(dashboard) == [110]
    page = client.get("/posts/map").get_data(as_text=True)
    assert re.search(r'rel="preload"[^>]*africa_50m\.json', page)
    assert geo_resolutions(page) == [50]
