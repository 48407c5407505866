"""A small project whose history is dated: data entered in June and July 2026, edited later."""

from datetime import UTC, date, datetime

import pytest
import time_machine

from roadmap.extensions import db
from roadmap.posts.models import BorderPost
from roadmap.schedule.models import Milestone
from tests import factories

FORMULA_TITLE = '=HYPERLINK("http://evil.example","Click")'


def at(day: str):
    """Travel to noon UTC of an ISO day, without ticking."""
    return time_machine.travel(
        datetime.fromisoformat(day + "T12:00:00").replace(tzinfo=UTC), tick=False
    )


@pytest.fixture
def no_browser(app):
    """Draw no chart (fast PDFs); the PDF says where each chart would be."""
    app.config["CHROMIUM_PATH"] = "/nonexistent/chromium"
    return app


@pytest.fixture
def project(app, no_browser):
    """Return ids of a project with two milestones, a post and an outcome, as of July 2026."""
    with app.app_context():
        with at("2026-06-10"):
            project = factories.project(
                name="Border Management Sahel", code="CBM", donor="Japan", countries=["NER", "MLI"]
            )
            stream = factories.workstream(project, "Assessment and mapping", 1)
            start, end = date(2026, 6, 1), date(2026, 7, 20)
            mapping = factories.milestone(
                stream,
                "Mapping report validated",
                start,
                end,
                baseline_start=start,
                baseline_end=end,
                status="in_progress",
                percent_complete=50,
            )
            start, end = date(2026, 8, 1), date(2026, 8, 25)
            formula = factories.milestone(
                stream, FORMULA_TITLE, start, end, baseline_start=start, baseline_end=end
            )
            post = factories.border_post()
            workshop = factories.workshop(
                title="Niamey regional workshop", place="", country=None, organiser=""
            )
            factories.outcome(
                workshop,
                text="Harmonise the post designs",
                responsible="Niger",
                due_date=None,
                status="in_progress",
            )
            db.session.commit()
        with at("2026-07-15"):
            # Load the stored values first, as a view does, so history has the old ones.
            for record in (mapping, post):
                db.session.refresh(record)
            mapping.status, mapping.percent_complete = "done", 100
            mapping.actual_finish = date(2026, 7, 14)
            post.stage = "designed"
            factories.post_update(post, date=date(2026, 7, 15), comment="Design approved")
            db.session.commit()
        return {"mapping": mapping.id, "formula": formula.id, "post": post.id}


@pytest.fixture
def formula_title():
    return FORMULA_TITLE


@pytest.fixture
def edit_in_august(app, project):
    """Return a function that changes the milestone and the post on 20 August 2026."""
    return lambda: _edit_in_august(app, project)


def _edit_in_august(app, ids):
    with app.app_context(), at("2026-08-20"):
        formula = db.session.get(Milestone, ids["formula"])
        formula.current_end = date(2026, 9, 30)
        formula.title = "Renamed in August"
        post = db.session.get(BorderPost, ids["post"])
        post.stage = "procured"
        factories.post_update(post, date=date(2026, 8, 20), comment="Contract signed")
        db.session.commit()
