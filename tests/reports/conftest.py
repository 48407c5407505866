"""A small project whose history is dated: data entered in June and July 2026, edited later."""

from datetime import UTC, date, datetime

import pytest
import time_machine

from roadmap.extensions import db
from roadmap.posts.models import BorderPost, PostUpdate
from roadmap.schedule.models import Milestone, Project, Workstream
from roadmap.workshops.models import Outcome, Workshop

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
            project = Project(
                name="Border Management Sahel",
                code="CBM",
                donor="Japan",
                implementing_org="IOM",
                start_date=date(2026, 3, 1),
                end_date=date(2027, 2, 28),
                countries=["NER", "MLI"],
            )
            stream = Workstream(project=project, name="Assessment and mapping", position=1)
            mapping = Milestone(
                workstream=stream,
                title="Mapping report validated",
                baseline_start=date(2026, 6, 1),
                baseline_end=date(2026, 7, 20),
                current_start=date(2026, 6, 1),
                current_end=date(2026, 7, 20),
                status="in_progress",
                percent_complete=50,
            )
            formula = Milestone(
                workstream=stream,
                title=FORMULA_TITLE,
                baseline_start=date(2026, 8, 1),
                baseline_end=date(2026, 8, 25),
                current_start=date(2026, 8, 1),
                current_end=date(2026, 8, 25),
                status="planned",
            )
            post = BorderPost(
                name="Makalondi",
                country="NER",
                neighbour_country="BFA",
                latitude=12.83,
                longitude=1.68,
                stage="assessed",
                progress=0,
            )
            workshop = Workshop(
                title="Niamey regional workshop",
                start_date=date(2026, 7, 29),
                end_date=date(2026, 7, 30),
            )
            outcome = Outcome(
                workshop=workshop,
                kind="recommendation",
                text="Harmonise the post designs",
                responsible="Niger",
                status="in_progress",
            )
            db.session.add_all([project, stream, mapping, formula, post, workshop, outcome])
            db.session.commit()
        with at("2026-07-15"):
            # Load the stored values first, as a view does, so history has the old ones.
            for record in (mapping, post):
                db.session.refresh(record)
            mapping.status, mapping.percent_complete = "done", 100
            mapping.actual_finish = date(2026, 7, 14)
            post.stage = "designed"
            db.session.add(
                PostUpdate(
                    post=post,
                    date=date(2026, 7, 15),
                    stage="designed",
                    progress=0,
                    comment="Design approved",
                )
            )
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
        db.session.add(
            PostUpdate(
                post=post,
                date=date(2026, 8, 20),
                stage="procured",
                progress=0,
                comment="Contract signed",
            )
        )
        db.session.commit()
