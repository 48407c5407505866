"""Small factories for schedule tests: a project, a workstream, milestones."""

from datetime import date, timedelta

from sqlalchemy import insert

from roadmap.extensions import db
from roadmap.schedule.models import Milestone, MilestoneDependency, Project, Workstream

PROJECT_START, PROJECT_END = date(2026, 3, 1), date(2027, 2, 28)


def make_project(start=PROJECT_START, end=PROJECT_END) -> Project:
    project = Project(
        name="Coordinated Border Management",
        code="CBM-TEST",
        donor="Government of Japan",
        implementing_org="IOM",
        start_date=start,
        end_date=end,
        countries=["MLI", "NER", "MRT", "BFA"],
    )
    db.session.add(project)
    db.session.flush()
    return project


def make_workstream(project, name="Regional coordination", position=0) -> Workstream:
    workstream = Workstream(project=project, name=name, position=position)
    db.session.add(workstream)
    db.session.flush()
    return workstream


def make_milestone(
    workstream, title="Mapping report", start=date(2026, 4, 1), end=date(2026, 4, 30), **fields
) -> Milestone:
    milestone = Milestone(
        workstream=workstream, title=title, current_start=start, current_end=end, **fields
    )
    db.session.add(milestone)
    db.session.flush()
    return milestone


def link(predecessor, successor, lag=0) -> MilestoneDependency:
    dependency = MilestoneDependency(
        predecessor_id=predecessor.id, successor_id=successor.id, lag_days=lag
    )
    db.session.add(dependency)
    db.session.flush()
    return dependency


def add_milestones(app, n):
    """Insert n milestones over two workstreams and a chain of dependencies, quickly."""
    with app.app_context():
        project = make_project()
        workstreams = [make_workstream(project, f"Workstream {i}", i) for i in range(2)]
        start = date(2026, 3, 1)
        db.session.execute(
            insert(Milestone),
            [
                {
                    "workstream_id": workstreams[i % 2].id,
                    "title": f"Milestone {i}",
                    "current_start": start + timedelta(days=i % 300),
                    "current_end": start + timedelta(days=i % 300 + (i % 4) * 10),
                    "baseline_start": start + timedelta(days=i % 300),
                    "baseline_end": start + timedelta(days=i % 300 + (i % 4) * 10),
                    "percent_complete": i % 101,
                    "status": "in_progress",
                    "country": "NER",
                }
                for i in range(n)
            ],
        )
        ids = [row[0] for row in db.session.execute(db.select(Milestone.id).order_by(Milestone.id))]
        db.session.execute(
            insert(MilestoneDependency),
            [
                {"predecessor_id": a, "successor_id": b, "lag_days": 0}
                for a, b in zip(ids[:-1:2], ids[1::2], strict=False)
            ],
        )
        db.session.commit()
