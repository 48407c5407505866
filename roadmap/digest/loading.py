"""Read the facts a digest is made of (content.py), in a fixed number of queries."""

from datetime import date, timedelta

from sqlalchemy import func, select

from roadmap.digest.content import (
    CLOSED_MILESTONE,
    CLOSED_OUTCOME,
    DUE_WITHIN_DAYS,
    FINAL_STAGE,
    Facts,
    MilestoneFact,
    OutcomeFact,
    PostFact,
)
from roadmap.extensions import db
from roadmap.months import Month
from roadmap.posts.models import BorderPost, PostUpdate
from roadmap.reports.models import MonthlyReport, ReportVersion
from roadmap.schedule.models import Milestone, Project
from roadmap.workshops.models import Outcome


def load_facts(today: date) -> Facts | None:
    """Return the project's facts a digest of `today` may list; None without a project."""
    project = Project.current()
    if project is None:
        return None
    soon = today + timedelta(days=DUE_WITHIN_DAYS)
    milestones = db.session.execute(
        select(
            Milestone.id,
            Milestone.title,
            Milestone.current_end,
            Milestone.status,
            Milestone.percent_complete,
        ).where(Milestone.status.not_in(CLOSED_MILESTONE), Milestone.current_end <= soon)
    ).all()
    outcomes = db.session.execute(
        select(
            Outcome.id,
            Outcome.workshop_id,
            Outcome.text,
            Outcome.responsible,
            Outcome.due_date,
            Outcome.status,
        ).where(Outcome.status.not_in(CLOSED_OUTCOME), Outcome.due_date < today)
    ).all()
    latest = (
        select(PostUpdate.post_id, func.max(PostUpdate.date).label("day"))
        .group_by(PostUpdate.post_id)
        .subquery()
    )
    posts = db.session.execute(
        select(
            BorderPost.id,
            BorderPost.name,
            BorderPost.country,
            BorderPost.stage,
            latest.c.day,
            BorderPost.created_at,
        )
        .outerjoin(latest, latest.c.post_id == BorderPost.id)
        .where(BorderPost.stage != FINAL_STAGE)
    ).all()
    issued = db.session.scalars(
        select(MonthlyReport.month).where(
            select(ReportVersion.id).where(ReportVersion.report_id == MonthlyReport.id).exists()
        )
    ).all()
    return Facts(
        project=project.name,
        months=Month.span(project.start_date, project.end_date),
        issued=frozenset(issued),
        milestones=[MilestoneFact(*row) for row in milestones],
        outcomes=[OutcomeFact(*row) for row in outcomes],
        posts=[
            PostFact(key, name, country, stage, day or created.date())
            for key, name, country, stage, day, created in posts
        ],
    )
