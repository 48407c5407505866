"""Fixtures of the API tests: a small project and a bearer token per role."""

from datetime import date
from decimal import Decimal

import pytest

from roadmap.auth.models import ApiToken, User, hash_token
from roadmap.extensions import db
from roadmap.reports.models import ReportFile, ReportVersion
from tests import factories


def make_project() -> dict:
    """Create a small project (dated around the pinned today, 2026-08-15); return its ids."""
    project = factories.project(
        implementing_org="International Organization for Migration (IOM)",
        currency="USD",
        budget=Decimal("2500000.00"),
        summary="Strengthens border management in the Sahel.",
        iati_identifier="XM-DAC-47066-CBM-TEST",
    )
    assessment = factories.workstream(project, "Assessment and mapping", 1)
    works = factories.workstream(project, "Rehabilitation of border posts", 2)
    post = factories.border_post(
        kind="land", progress=10, estimated_cost=Decimal("32000"), spent=Decimal("1000")
    )
    airport = factories.border_post(
        name="Niamey airport",
        neighbour_country=None,
        kind="airport",
        latitude=13.48,
        longitude=2.18,
        stage="completed",
        progress=100,
    )
    factories.post_update(post, date=date(2026, 3, 18), comment="Assessed")
    mapping = factories.milestone(
        assessment,
        "Mapping",
        date(2026, 3, 1),
        date(2026, 5, 31),
        baseline_start=date(2026, 3, 1),
        baseline_end=date(2026, 5, 15),
        actual_start=date(2026, 3, 2),
        actual_finish=date(2026, 5, 31),
        percent_complete=100,
        status="done",
        country="NER",
    )
    factories.milestone(
        assessment,
        "Regional workshop",
        date(2026, 7, 29),
        date(2026, 7, 29),
        percent_complete=100,
        status="done",
    )
    rehab = factories.milestone(
        works,
        "Rehabilitate Makalondi",
        date(2026, 6, 1),
        date(2026, 9, 30),
        predecessors={mapping: 1},
        post=post,
        baseline_start=date(2026, 6, 1),
        baseline_end=date(2026, 9, 30),
        percent_complete=20,
        status="in_progress",
        country="NER",
        actual_start=date(2026, 6, 1),
    )
    handover = factories.milestone(
        works,
        "Hand over Makalondi",
        date(2026, 10, 5),
        date(2026, 10, 5),
        predecessors={rehab: 5},
        country="NER",
    )
    workshop = factories.workshop(title="Niamey regional workshop", organiser="")
    factories.participation(workshop, "NER", "government", "female", 7)
    outcome = factories.outcome(
        workshop,
        text="Rehabilitate Makalondi",
        due_date=date(2026, 10, 5),
        status="in_progress",
        milestones=[rehab],
    )
    report = factories.monthly_report("2026-06", highlights="Works started.")
    version = ReportVersion(report=report, number=1, reason="")
    version.files.append(
        ReportFile(format="pdf", language="en", content=b"%PDF-1.7", sha256="0" * 64, size=8)
    )
    db.session.add(version)
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
