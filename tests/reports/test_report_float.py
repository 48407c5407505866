"""The report's milestones carry the float of the plan as it stood at month end."""

from datetime import date

from roadmap.extensions import db
from roadmap.reports.issuing import build_report
from roadmap.schedule.models import Milestone
from tests import factories
from tests.reports.conftest import at


def test_float_as_of_month_end(app, client, auth, no_browser):
    with app.app_context():
        with at("2026-06-10"):
            stream = factories.workstream(factories.project(), "Rehabilitation", 1)
            works = factories.milestone(stream, "Works", date(2026, 8, 1), date(2026, 8, 20))
            handover = factories.milestone(
                stream,
                "Handover",
                date(2026, 8, 25),
                date(2026, 9, 10),
                predecessors={works: 5},
            )
            factories.milestone(stream, "Training", date(2026, 8, 1), date(2026, 8, 10))
            db.session.commit()
        with at("2026-08-20"):  # entered after July: the July report keeps the old plan
            record = db.session.get(Milestone, handover.id)
            record.current_end = date(2026, 9, 30)
            db.session.commit()
    with app.test_request_context():
        july = build_report("2026-07", date(2026, 8, 25))
    due = {r["title"]: (r["float"], r["critical"]) for r in july["due_next"]}
    assert due == {"Works": (0, True), "Training": (31, False)}
    auth.login("viewer")
    page = " ".join(client.get("/reports/2026-07").get_data(as_text=True).split())
    assert "Total float (days)" in page
    assert '<td class="num">31</td>' in page and "0 (critical path)" in page
