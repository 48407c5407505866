"""The Gantt page: it draws, filters as JSON, and its query count does not grow with rows."""

from datetime import date

from roadmap.extensions import db
from roadmap.schedule.models import Milestone
from tests import factories
from tests.conftest import recorded_statements


def count_queries(app, client, path):
    with recorded_statements(app) as statements:
        response = client.get(path)
    assert response.status_code == 200
    return len(statements), response


def test_same_number_of_queries_at_50_and_5000(app, client, auth):
    counts = []
    for n in (50, 5000):
        with app.app_context():
            for table in reversed(db.metadata.sorted_tables):
                if table.name in (
                    "milestone_dependency",
                    "milestone",
                    "workstream",
                    "project",
                    "history_entry",
                ):
                    db.session.execute(table.delete())
            db.session.commit()
        factories.add_milestones(app, n)
        auth.login("viewer")
        # The first request of a session loads the user; measure the next. (Another span:
        # a figure already built for these data is served from memory.)
        client.get("/gantt?span=quarter")
        queries, response = count_queries(app, client, "/gantt?span=all")
        assert f"{n} milestones" in response.get_data(as_text=True)
        counts.append(queries)
        queries, response = count_queries(app, client, "/gantt")
        counts.append(queries)
    assert counts[0] == counts[1] == counts[2] == counts[3]
    # built once per data version: asked again, the figure comes from memory
    again, _response = count_queries(app, client, "/gantt?span=all&again=1")
    assert again < counts[0]
    assert counts[0] <= 10  # user, project, filter options, milestones, dependencies


def test_gantt_json_for_filters(app, client, auth):
    factories.add_milestones(app, 10)
    auth.login("viewer")
    body = client.get("/gantt?status=done&format=json").get_json()
    assert body["count"] == 0
    body = client.get("/gantt?status=in_progress&format=json").get_json()
    assert body["count"] == 10
    assert {trace["meta"]["layer"] for trace in body["figure"]["data"]} >= {"baseline", "late"}


def test_gantt_page_has_zoom_presets_and_no_inline_script(app, client, auth):
    factories.add_milestones(app, 5)
    auth.login("viewer")
    page = client.get("/gantt").get_data(as_text=True)
    assert "js-zoom" in page and 'data-start="2026-03-01"' in page
    assert "js/gantt.js" in page and "plotly-basic.min.js" in page
    assert "<script>" not in page


def test_dashboard_helpers(app):
    from roadmap.schedule.figures import project_scurve, upcoming_gantt
    from roadmap.schedule.models import Project
    from roadmap.schedule.queries import load_rows

    factories.add_milestones(app, 40)
    with app.test_request_context():
        today = date(2026, 8, 15)
        rows = load_rows({}, today)
        compact = upcoming_gantt(rows, today)
        assert compact.layout.xaxis.range == ("2026-08-15", "2026-10-15")
        scurve = project_scurve(rows, Project.current(), today)
        assert scurve.data[0].y[-1] == 100


def test_a_large_chart_opens_on_the_quarter_with_the_whole_one_click_away(app, client, auth):
    factories.add_milestones(
        app, 400
    )  # over 300 days from 2026-03-01; today is 2026-08-15 in tests
    auth.login("viewer")
    page = client.get("/gantt").get_data(as_text=True)
    body = client.get("/gantt?format=json").get_json()
    assert body["span"] == "quarter"
    assert 0 < body["count"] < 400
    assert f"{body['count']} milestones" in page
    assert "of the next three months, of 400." in body["notice"]["text"]
    assert "span=all" in body["notice"]["href"]
    # the quarter zoom is the one pressed, and the figure is zoomed to it
    assert 'js-zoom active" data-start="2026-08-01" data-end="2026-11-01"' in page
    assert body["figure"]["layout"]["xaxis"]["range"] == ["2026-08-01", "2026-11-01"]

    whole = client.get("/gantt?span=all&format=json").get_json()
    assert (whole["span"], whole["count"]) == ("all", 400)
    assert "span=quarter" in whole["notice"]["href"]
    page = client.get("/gantt?span=all").get_data(as_text=True)
    assert '<input type="hidden" name="span" value="all">' in page  # filters keep the choice


def test_a_small_chart_is_drawn_whole_without_a_notice(app, client, auth):
    factories.add_milestones(app, 20)
    auth.login("viewer")
    body = client.get("/gantt?format=json").get_json()
    assert (body["span"], body["count"], body["notice"]) == ("all", 20, None)
    page = client.get("/gantt").get_data(as_text=True)
    assert 'id="gantt-span" hidden' in page
    # an unknown span is ignored rather than refused
    assert client.get("/gantt?span=everything&format=json").get_json()["count"] == 20
    # the quarter can still be asked for
    assert client.get("/gantt?span=quarter&format=json").get_json()["span"] == "quarter"


def test_a_change_shows_at_once_on_the_cached_chart(app, client, auth):
    factories.add_milestones(app, 5)
    auth.login("viewer")
    before = client.get("/gantt?format=json").get_data(as_text=True)
    assert "Renamed milestone" not in before
    with app.app_context():
        milestone = db.session.scalars(db.select(Milestone).order_by(Milestone.id)).first()
        milestone.title = "Renamed milestone"  # the change writes history: a new data version
        db.session.commit()
    assert "Renamed milestone" in client.get("/gantt?format=json").get_data(as_text=True)


def test_a_large_chart_links_to_the_paged_list_instead_of_listing_every_row(app, client, auth):
    factories.add_milestones(app, 400)
    auth.login("viewer")
    page = client.get("/gantt?span=all&country=NER").get_data(as_text=True)
    assert "The same milestones as a table, a page at a time" in page
    assert 'href="/milestones?country=NER"' in page
    assert page.count("/milestones/") < 20  # no link per milestone
    small = client.get("/gantt?status=done").get_data(as_text=True)  # no row: the list is shown
    assert "The same milestones as a table</summary>" in small
