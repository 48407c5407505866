"""The milestone page loads its dependencies and links in a fixed number of queries."""

from datetime import date

from roadmap.extensions import db
from roadmap.schedule.models import Milestone
from roadmap.workshops.models import Workshop
from tests import factories
from tests.conftest import recorded_statements


def test_milestone_page_query_count_does_not_grow_with_dependencies(app, client, auth):
    with app.app_context():
        project = factories.project()
        stream = factories.workstream(project)
        other = factories.workstream(project, "Works", 1)
        factories.workshop(title="Niamey")
        ids = []
        for n in range(2):
            centre = factories.milestone(stream, f"Centre {n}", date(2026, 6, 1), date(2026, 6, 30))
            ids.append(centre.id)
        db.session.commit()

    def add_links(centre_id, count):
        with app.app_context():
            centre = db.session.get(Milestone, centre_id)
            workshop = db.session.get(Workshop, workshop_id)
            for n in range(count):
                before = factories.milestone(
                    other, f"Before {centre_id}-{n}", date(2026, 4, 1), date(2026, 4, 30)
                )
                after = factories.milestone(
                    other, f"After {centre_id}-{n}", date(2026, 8, 1), date(2026, 8, 30)
                )
                factories.dependency(before, centre)
                factories.dependency(centre, after)
                factories.outcome(workshop, text=f"Outcome {n}", milestones=[centre])
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
