"""A report's narrative and its issuing, tested against the commands without HTTP."""

from datetime import date

import pytest
from sqlalchemy import select

from roadmap.auth.models import User
from roadmap.commands import NotAllowed, Stale
from roadmap.extensions import db
from roadmap.reports import commands
from roadmap.reports.models import ReportVersion

TODAY = date(2026, 8, 15)


@pytest.fixture
def ctx(app, project):
    with app.test_request_context():
        yield {
            role: db.session.scalar(select(User).filter_by(email=f"{role}@example.org"))
            for role in ("manager", "viewer")
        }


def test_the_first_narrative_creates_the_month_and_a_later_one_needs_its_version(ctx):
    record = commands.save_narrative(
        "2026-07", {"highlights": "Workshop held."}, by=ctx["manager"], expected_version=None
    )
    db.session.commit()
    assert (record.highlights, record.challenges) == ("Workshop held.", "")
    commands.save_narrative(
        "2026-07", {"challenges": "Rains."}, by=ctx["manager"], expected_version=record.version
    )
    db.session.commit()
    assert (record.highlights, record.challenges) == ("Workshop held.", "Rains.")
    with pytest.raises(Stale):
        commands.save_narrative(
            "2026-07", {"highlights": "x"}, by=ctx["manager"], expected_version=1
        )


def test_a_month_is_issued_once_it_is_over_and_corrected_with_a_reason(ctx):
    with pytest.raises(commands.MonthNotOver) as refused:
        commands.issue_report("2026-08", by=ctx["manager"], today=TODAY)
    assert "month" in refused.value.errors
    first = commands.issue_report("2026-07", by=ctx["manager"], today=TODAY)
    db.session.commit()
    assert (first.number, first.issued_by_id) == (1, ctx["manager"].id)
    # Recorded at once with its content; its four files are left to the worker.
    assert first.files == [] and first.content
    builds = commands.request_files(first, TODAY)
    assert sorted((b.format, b.language, b.state) for b in builds) == [
        ("pdf", "en", "queued"),
        ("pdf", "fr", "queued"),
        ("xlsx", "en", "queued"),
        ("xlsx", "fr", "queued"),
    ]
    assert commands.request_files(first, TODAY) == []  # asked once, built once
    with pytest.raises(commands.ReasonRequired):
        commands.issue_report("2026-07", by=ctx["manager"], reason=" ", today=TODAY)
    db.session.rollback()
    second = commands.issue_report(
        "2026-07", by=ctx["manager"], reason="Late field report", today=TODAY
    )
    db.session.commit()
    assert second.number == 2
    assert db.session.scalar(select(db.func.count(ReportVersion.id))) == 2


def test_a_viewer_issues_nothing(ctx):
    with pytest.raises(NotAllowed):
        commands.issue_report("2026-07", by=ctx["viewer"], today=TODAY)
