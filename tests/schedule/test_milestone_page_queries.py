"""The milestone page loads its dependencies and links in a fixed number of queries."""

from datetime import date

from roadmap.extensions import db
from roadmap.schedule.models import Milestone
from roadmap.workshops.models import Outcome, Workshop
from tests.conftest import recorded_statements

from .factories import link, make_milestone, make_project, make_workstream


def test_milestone_page_query_count_does_not_grow_with_dependencies(app, client, auth):
    with app.app_context():
        project = make_project()
        stream = make_workstream(project)
        other = make_workstream(project, "Works", 1)
        workshop = Workshop(
            title="Niamey", start_date=date(2026, 7, 29), end_date=date(2026, 7, 30)
        )
        db.session.add(workshop)
        ids = []
        for n in range(2):
            centre = make_milestone(stream, f"Centre {n}", date(2026, 6, 1), date(2026, 6, 30))
            ids.append(centre.id)
        db.session.commit()

    def add_links(centre_id, count):
        with app.app_context():
            centre = db.session.get(Milestone, centre_id)
            for n in range(count):
                before = make_milestone(
                    other, f"Before {centre_id}-{n}", date(2026, 4, 1), date(2026, 4, 30)
                )
                after = make_milestone(
                    other, f"After {centre_id}-{n}", date(2026, 8, 1), date(2026, 8, 30)
                )
                link(before, centre)
                link(centre, after)
                outcome = Outcome(workshop_id=workshop_id, text=f"Outcome {n}", responsible="IOM")
                outcome.milestones.append(centre)
                db.session.add(outcome)
            db.session.commit()

    with app.app_context():
        workshop_id = db.session.scalar(db.select(Workshop.id))
    add_links(ids[0], 1)
    add_links(ids[1], 6)

    def queries_for(path):
        with recorded_statements(app) as statements:
            response = client.get(path)
            assert response.status_code == 200
        return len(statements), response.get_data(as_text=True)

    auth.login("manager")
    few, _page = queries_for(f"/milestones/{ids[0]}")
    many, page = queries_for(f"/milestones/{ids[1]}")
    assert "Before " in page and "After " in page and "Outcome 5" in page
    assert many == few
