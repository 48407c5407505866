"""The dashboard."""

from flask import Blueprint, render_template
from sqlalchemy import func, select

from roadmap.extensions import db
from roadmap.posts.models import BorderPost
from roadmap.schedule.models import Milestone, Project

bp = Blueprint("dashboard", __name__)


@bp.get("/")
def index():
    """Show where the project stands."""
    project = db.session.scalar(select(Project).limit(1))
    milestone_counts = dict(
        db.session.execute(select(Milestone.status, func.count()).group_by(Milestone.status)).all()
    )
    stage_counts = dict(
        db.session.execute(select(BorderPost.stage, func.count()).group_by(BorderPost.stage)).all()
    )
    return render_template(
        "dashboard/index.html",
        project=project,
        milestone_counts=milestone_counts,
        stage_counts=stage_counts,
    )
