"""Fixtures of the API tests: a small project and a bearer token per role."""

from datetime import date
from decimal import Decimal

import pytest

from roadmap.auth.models import ApiToken, User, hash_token
from roadmap.extensions import db
from roadmap.posts.models import BorderPost, PostUpdate
from roadmap.reports.models import MonthlyReport, ReportFile, ReportVersion
from roadmap.schedule.models import Milestone, MilestoneDependency, Project, Workstream
from roadmap.workshops.models import Outcome, Participation, Workshop


def make_project() -> dict:
    """Create a small project (dated around the pinned today, 2026-08-15); return its ids."""
    project = Project(
        name="Coordinated Border Management",
        code="CBM-TEST",
        donor="Government of Japan",
        implementing_org="International Organization for Migration (IOM)",
        start_date=date(2026, 3, 1),
        end_date=date(2027, 2, 28),
        countries=["MLI", "NER", "MRT", "BFA"],
        currency="USD",
        budget=Decimal("2500000.00"),
        summary="Strengthens border management in the Sahel.",
        iati_identifier="XM-DAC-47066-CBM-TEST",
    )
    assessment = Workstream(project=project, name="Assessment and mapping", position=1)
    works = Workstream(project=project, name="Rehabilitation of border posts", position=2)
    post = BorderPost(
        name="Makalondi",
        country="NER",
        neighbour_country="BFA",
        kind="land",
        latitude=12.83,
        longitude=1.68,
        stage="assessed",
        progress=10,
        estimated_cost=Decimal("32000"),
        spent=Decimal("1000"),
    )
    airport = BorderPost(
        name="Niamey airport",
        country="NER",
        kind="airport",
        latitude=13.48,
        longitude=2.18,
        stage="completed",
        progress=100,
    )
    post.updates.append(
        PostUpdate(date=date(2026, 3, 18), stage="assessed", progress=10, comment="Assessed")
    )
    mapping = Milestone(
        workstream=assessment,
        title="Mapping",
        current_start=date(2026, 3, 1),
        current_end=date(2026, 5, 31),
        baseline_start=date(2026, 3, 1),
        baseline_end=date(2026, 5, 15),
        actual_start=date(2026, 3, 2),
        actual_finish=date(2026, 5, 31),
        percent_complete=100,
        status="done",
        country="NER",
    )
    workshop_day = Milestone(
        workstream=assessment,
        title="Regional workshop",
        current_start=date(2026, 7, 29),
        current_end=date(2026, 7, 29),
        percent_complete=100,
        status="done",
    )
    rehab = Milestone(
        workstream=works,
        title="Rehabilitate Makalondi",
        post=post,
        current_start=date(2026, 6, 1),
        current_end=date(2026, 9, 30),
        baseline_start=date(2026, 6, 1),
        baseline_end=date(2026, 9, 30),
        percent_complete=20,
        status="in_progress",
        country="NER",
        actual_start=date(2026, 6, 1),
    )
    handover = Milestone(
        workstream=works,
        title="Hand over Makalondi",
        current_start=date(2026, 10, 5),
        current_end=date(2026, 10, 5),
        percent_complete=0,
        status="planned",
        country="NER",
    )
    rehab.predecessor_links.append(MilestoneDependency(predecessor=mapping, lag_days=1))
    handover.predecessor_links.append(MilestoneDependency(predecessor=rehab, lag_days=5))
    workshop = Workshop(
        title="Niamey regional workshop",
        place="Niamey",
        country="NER",
        start_date=date(2026, 7, 29),
        end_date=date(2026, 7, 30),
    )
    workshop.participation.append(
        Participation(country="NER", org_type="government", sex="female", count=7)
    )
    outcome = Outcome(
        workshop=workshop,
        kind="recommendation",
        text="Rehabilitate Makalondi",
        responsible="IOM",
        due_date=date(2026, 10, 5),
        status="in_progress",
    )
    outcome.milestones.append(rehab)
    report = MonthlyReport(month="2026-06", highlights="Works started.")
    version = ReportVersion(report=report, number=1, reason="")
    version.files.append(
        ReportFile(format="pdf", language="en", content=b"%PDF-1.7", sha256="0" * 64, size=8)
    )
    db.session.add_all(
        [
            project,
            post,
            airport,
            mapping,
            workshop_day,
            rehab,
            handover,
            workshop,
            outcome,
            report,
            version,
        ]
    )
    db.session.commit()
    return {
        "project": project.id,
        "post": post.id,
        "airport": airport.id,
        "mapping": mapping.id,
        "rehab": rehab.id,
        "handover": handover.id,
        "workshop": workshop.id,
        "outcome": outcome.id,
        "workstream": works.id,
    }


def make_token(role: str, name: str = "script") -> str:
    """Create an API token for the role's test account and return its secret."""
    user = db.session.scalar(db.select(User).filter_by(email=f"{role}@example.org"))
    secret = f"test-token-{role}-{name}-0123456789abcdef"
    db.session.add(ApiToken(user=user, name=name, token_hash=hash_token(secret)))
    db.session.commit()
    return secret


@pytest.fixture
def ids(app):
    with app.app_context():
        return make_project()


@pytest.fixture
def tokens(app):
    with app.app_context():
        return {role: make_token(role) for role in ("admin", "manager", "viewer")}


@pytest.fixture
def headers(tokens):
    """Return the Authorization header of a role's token."""

    def make(role: str = "manager") -> dict:
        return {"Authorization": f"Bearer {tokens[role]}"}

    return make
