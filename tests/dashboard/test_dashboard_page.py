"""The dashboard page on the demo project: figures, links, changes, report, queries."""

import re
from datetime import date, timedelta

from sqlalchemy import select

from roadmap.auth.models import User
from roadmap.extensions import db
from roadmap.history import HistoryEntry
from roadmap.reports import commands as report_commands
from roadmap.schedule.models import Milestone, Workstream
from roadmap.workshops.models import Workshop
from tests import factories
from tests.conftest import recorded_statements

DEMO_TODAY = date(2026, 8, 15)  # TestingConfig pins the same day


def page_of(client, path="/") -> str:
    response = client.get(path)
    assert response.status_code == 200
    return response.get_data(as_text=True)


def count_links(html: str) -> dict[str, tuple[str, int]]:
    """Return {key: (href, number)} of the milestone count tiles."""
    found = re.findall(
        r'id="count-(\w+)"\s+href="([^"]+)">\s*<span class="d-block fs-3 fw-bold">(\d+)</span>',
        html,
    )
    return {key: (href.replace("&amp;", "&"), int(n)) for key, href, n in found}


def test_the_dashboard_shows_where_the_project_stands(demo, client, auth):
    auth.login("viewer")
    html = page_of(client)
    assert "vendor/plotly/plotly-geo.min.js" in html  # bars and the map on one page
    assert re.search(r"<script>", html) is None  # no inline script (CSP)
    for chart in ("chart-posts", "chart-map", "chart-scurve", "chart-gantt"):
        assert f'id="{chart}-data"' in html
    assert "baseline" in re.search(r'id="schedule-gap">(.*?)</p>', html, re.S).group(1)
    assert "2 of 29 posts handed over." in html
    assert re.search(r'id="recommendations-implemented">0%</span>', html)
    assert "of recommendations implemented" in html
    assert "1 outcome is overdue." in html
    with demo.app_context():
        workshop_id = db.session.scalar(select(Workshop.id))
    assert f'href="/workshops/{workshop_id}#outcome-' in html
    assert "Report for July 2026" in html  # the demo issues each past month
    assert "extension-warning" not in html


def test_each_count_links_to_a_list_of_as_many_milestones(demo, client, auth):
    auth.login("viewer")
    links = count_links(page_of(client))
    assert set(links) == {"done", "in_progress", "late", "due_soon"}
    assert links["done"][0] == "/milestones?status=done"
    assert links["late"][0] == "/milestones?health=late"
    assert links["due_soon"][0] == "/milestones?due=30"
    for href, number in links.values():
        listed = re.findall(r'<td><a href="/milestones/\d+">', page_of(client, href))
        assert len(listed) == number, href
    assert links["due_soon"][1] > 0 and links["late"][1] > 0


def test_what_changed_since_the_last_visit(demo, client, auth):
    auth.login("manager")
    assert "Latest changes" in page_of(client)  # first visit: the latest changes
    auth.logout()
    auth.login("manager")
    html = page_of(client)
    assert "What changed since your last visit" in html
    assert "Nothing has changed since your last visit." in html
    with demo.app_context():
        milestone = db.session.scalar(select(Milestone).where(Milestone.status == "in_progress"))
        title, before = milestone.title, milestone.percent_complete
        milestone.percent_complete = 95
        milestone.owner = "Someone else"  # routine: not news
        db.session.commit()
    html = page_of(client)
    changes = html.split('id="dash-changes"')[1].split("</section>")[0]
    assert title in changes
    assert f'Complete: {before}% <span aria-hidden="true">→</span>' in changes
    assert "95%" in changes
    assert "Someone else" not in changes


def test_the_latest_issued_report_has_its_downloads(demo, client, auth):
    with demo.app_context():
        manager = db.session.scalar(select(User).where(User.email == "manager@example.org"))
        report_commands.issue_report(
            "2026-07", by=manager, reason="Corrected figures", today=DEMO_TODAY
        )
        db.session.commit()
    auth.login("viewer")
    html = page_of(client)
    assert 'href="/reports/2026-07.pdf"' in html and 'href="/reports/2026-07.xlsx"' in html
    assert "Report for July 2026" in html
    assert "Issued report" in html  # also among the latest changes
    assert client.get("/reports/2026-07.pdf").data.startswith(b"%PDF")


def test_the_extension_warning_in_the_last_month(demo, client, auth):
    auth.login("viewer")
    demo.config["ROADMAP_TODAY"] = "2027-02-01"
    assert 'id="extension-warning"' in page_of(client)
    demo.config["ROADMAP_TODAY"] = "2027-01-27"
    assert 'id="extension-warning"' not in page_of(client)


def test_the_dashboard_speaks_french(demo, client, auth):
    auth.login("viewer")
    client.post("/language", data={"language": "fr", "next": "/"})
    html = page_of(client)
    assert '<html lang="fr">' in html
    assert "vendor/plotly/locales/fr.js" in html


def _queries_for_dashboard(app, client) -> int:
    with recorded_statements(app) as statements:
        page_of(client)
    return len(statements)


def _add_more_data(app, n: int, first: int = 0) -> None:
    with app.app_context():
        workstream = db.session.scalar(select(Workstream).limit(1))
        for i in range(first, first + n):
            start = DEMO_TODAY + timedelta(days=i)
            end = start + timedelta(days=10)
            factories.milestone(
                workstream, f"Extra {i}", start, end, status="in_progress", percent_complete=10
            )
            post = factories.border_post(name=f"Extra post {i}", latitude=13.5, longitude=2.1)
            factories.post_update(post, date=DEMO_TODAY, comment="More")
        db.session.commit()
        assert db.session.scalar(select(HistoryEntry).order_by(HistoryEntry.id.desc()).limit(1))


def test_the_number_of_queries_does_not_grow_with_the_data(demo, client, auth):
    auth.login("viewer")
    page_of(client)  # warm up (first-request work)
    # Enough of each kind first that the latest changes shown are all of them: the page
    # then looks up posts as well as milestones (a lookup runs only for a kind shown),
    # so only the amount of data differs below.
    _add_more_data(demo, 10, first=0)
    before = _queries_for_dashboard(demo, client)
    _add_more_data(demo, 30, first=10)
    after = _queries_for_dashboard(demo, client)
    assert after == before
    # The results card builds the framework (ten queries, however many indicators) and the
    # map reads each post's partners and ranking from the coordination (six).
    assert before <= 28, before


def _milestone_reads(app, client) -> list[str]:
    with recorded_statements(app) as statements:
        page_of(client)
    statements = [" ".join(statement.split()) for statement in statements]
    return [s for s in statements if re.search(r"\bFROM milestone\b(?!_)", s)]


def test_the_milestones_are_read_once(demo, client, auth):
    auth.login("viewer")
    page_of(client)  # warm up (first-request work)
    _add_more_data(demo, 1)  # a change: the figures are rebuilt
    reads = _milestone_reads(demo, client)
    assert len(reads) == 1, reads
    assert _milestone_reads(demo, client) == []  # nothing changed: served from the cache
