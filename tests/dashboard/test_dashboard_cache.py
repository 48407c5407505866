"""The dashboard's numbers and charts are built once per data version, language and day."""

import json
import re
from datetime import date

import pytest
from sqlalchemy import select

from roadmap.charts import figure_json, figure_payload
from roadmap.dashboard import summary as dashboard_summary
from roadmap.extensions import db
from roadmap.posts.figures import map_figure, progress_figure
from roadmap.posts.models import BorderPost
from roadmap.schedule.figures import project_scurve, upcoming_gantt
from roadmap.schedule.models import Milestone, Project
from roadmap.schedule.queries import load_rows

DAY = date(2026, 8, 15)


@pytest.fixture
def builds(monkeypatch):
    """Count the dashboard summary builds."""
    calls = []
    real = dashboard_summary.build_summary

    def counting(day, **options):
        calls.append(day)
        return real(day, **options)

    monkeypatch.setattr(dashboard_summary, "build_summary", counting)
    return calls


def done_count(html: str) -> int:
    return int(re.search(r'id="count-done"[^>]*>\s*<span[^>]*>(\d+)</span>', html).group(1))


def test_the_cached_charts_are_those_of_a_fresh_build(demo):
    with demo.test_request_context():
        cached = dashboard_summary.summary(DAY)["charts"]
        cached_again = dashboard_summary.summary(DAY)["charts"]
        rows = load_rows({}, DAY)
        posts = db.session.scalars(select(BorderPost)).all()
        fresh = {
            "scurve": project_scurve(rows, Project.current(), DAY),
            "gantt": upcoming_gantt(rows, DAY),
            "progress": progress_figure(posts),
            "map": map_figure(posts, resolution=110),
        }
    assert cached_again == cached  # served from the cache, as built
    for name, figure in fresh.items():
        assert cached[name] == figure_json(figure), name
        assert json.loads(cached[name]) == figure_payload(figure), name


def test_a_repeated_visit_is_not_rebuilt_and_a_write_is_seen_at_once(demo, client, auth, builds):
    auth.login("manager")
    before = done_count(client.get("/").get_data(as_text=True))
    client.get("/")
    assert len(builds) == 1
    with demo.app_context():
        milestone = db.session.scalar(select(Milestone).where(Milestone.status == "in_progress"))
        path, version = f"/api/v1/milestones/{milestone.id}", milestone.version
    changed = client.patch(
        path,
        json={
            "version": version,
            "status": "done",
            "percent_complete": 100,
            "actual_finish": "2026-08-14",
        },
    )
    assert changed.status_code == 200
    assert done_count(client.get("/").get_data(as_text=True)) == before + 1
    assert len(builds) == 2


def test_each_language_and_day_has_its_own_entry(demo, client, auth, builds):
    auth.login("viewer")
    english = client.get("/").get_data(as_text=True)
    french = client.get("/", headers={"Accept-Language": "fr"}).get_data(as_text=True)
    assert "behind the baseline" in english and "behind the baseline" not in french
    demo.config["ROADMAP_TODAY"] = "2026-08-16"
    client.get("/")
    client.get("/", headers={"Accept-Language": "fr"})
    client.get("/")
    assert builds == [date(2026, 8, 15)] * 2 + [date(2026, 8, 16)] * 2


def test_a_page_asked_again_is_not_rendered_again(demo, client, auth, monkeypatch):
    auth.login("viewer")
    first = client.get("/").get_data(as_text=True)
    monkeypatch.setattr("roadmap.dashboard.views.render_template", None)  # would fail if called
    assert client.get("/").get_data(as_text=True) == first


def test_the_changes_since_the_last_visit_are_kept_per_visit(demo, client, auth):
    auth.login("manager")
    client.get("/")
    auth.logout()
    auth.login("manager")
    assert "Nothing has changed since your last visit." in client.get("/").get_data(as_text=True)
    with demo.app_context():
        milestone = db.session.scalar(select(Milestone).where(Milestone.status == "in_progress"))
        milestone.percent_complete = 96
        title = milestone.title
        db.session.commit()
    changes = client.get("/").get_data(as_text=True).split('id="dash-changes"')[1]
    assert title in changes.split("</section>")[0]
