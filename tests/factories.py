"""The test suite's one set of factories: a record per call, sensible defaults, keyword overrides.

Each factory adds its record to the session and flushes (the record has its id) but never
commits: the test commits once its data are in place, as a view owns its transaction. Call
them inside an app context. `add_milestones` alone is a scene: it opens its own app context,
inserts in bulk and commits, for tests that need hundreds of rows.
"""

from datetime import date, timedelta

from sqlalchemy import insert
from werkzeug.security import generate_password_hash

from config import TestingConfig
from roadmap.auth.models import User
from roadmap.coordination.models import Activity, Assessment, Partner
from roadmap.extensions import db
from roadmap.posts.models import BorderPost, PostUpdate
from roadmap.reports.models import MonthlyReport
from roadmap.results.models import Actual, Indicator, Result, Target
from roadmap.schedule.models import Milestone, MilestoneDependency, Project, Workstream
from roadmap.workshops.models import Outcome, OutcomeNote, Participation, Workshop

PROJECT_START, PROJECT_END = date(2026, 3, 1), date(2027, 2, 28)
# The passwords of the three accounts every test app has (tests/conftest.py).
PASSWORDS = {
    "admin": "admin-pass-2026",
    "manager": "manager-pass-2026",
    "viewer": "viewer-pass-2026",
}
# Hash each role's password once per run, with the suite's cheap method.
_HASHES: dict[str, str] = {}


def _saved(record):
    db.session.add(record)
    db.session.flush()
    return record


def password_hash(role: str) -> str:
    """Return the hash of the role's test password, computed once per run."""
    if role not in _HASHES:
        _HASHES[role] = generate_password_hash(
            PASSWORDS[role], method=TestingConfig.PASSWORD_HASH_METHOD
        )
    return _HASHES[role]


def user(role="viewer", *, email=None, name=None, password=None, **fields) -> User:
    """Create an account; without a password it takes the role's test password."""
    account = User(
        email=email or f"{role}@example.org",
        name=name or f"{role.title()} User",
        role=role,
        **fields,
    )
    if password is None:
        account.password_hash = password_hash(role)
    else:
        account.set_password(password)
    return _saved(account)


def project(**fields) -> Project:
    values = dict(
        name="Coordinated Border Management",
        code="CBM-TEST",
        donor="Government of Japan",
        implementing_org="IOM",
        start_date=PROJECT_START,
        end_date=PROJECT_END,
        countries=["MLI", "NER", "MRT", "BFA"],
        reporting_org_ref="XM-DAC-47066",
        reporting_org_type="40",
        funding_org_ref="XM-DAC-701",
        funding_org_type="10",
    )
    return _saved(Project(**{**values, **fields}))


_new_project = project  # for the factories whose `project` argument hides it


def workstream(project=None, name="Regional coordination", position=0) -> Workstream:
    """Create a workstream, in a new project unless one is given."""
    if project is None:
        project = _new_project()
    return _saved(Workstream(project=project, name=name, position=position))


_new_workstream = workstream


def milestone(
    workstream=None,
    title="Mapping report",
    start=date(2026, 4, 1),
    end=date(2026, 4, 30),
    *,
    predecessors=(),
    **fields,
) -> Milestone:
    """Create a milestone, in a new workstream unless one is given.

    predecessors: the milestones it follows, or a mapping of them to their lag in days.
    """
    if workstream is None:
        workstream = _new_workstream()
    record = _saved(
        Milestone(
            workstream=workstream, title=title, current_start=start, current_end=end, **fields
        )
    )
    lags = predecessors if isinstance(predecessors, dict) else dict.fromkeys(predecessors, 0)
    for predecessor, lag in lags.items():
        dependency(predecessor, record, lag)
    return record


def dependency(predecessor, successor, lag=0) -> MilestoneDependency:
    """Make the successor start no earlier than the predecessor's end plus the lag."""
    return _saved(MilestoneDependency(predecessor=predecessor, successor=successor, lag_days=lag))


def border_post(**fields) -> BorderPost:
    values = dict(
        name="Makalondi",
        country="NER",
        neighbour_country="BFA",
        latitude=12.83,
        longitude=1.68,
        stage="assessed",
        progress=0,
    )
    return _saved(BorderPost(**{**values, **fields}))


def post_update(post, **fields) -> PostUpdate:
    """Record a dated update of the post, at its present stage and progress by default."""
    values = dict(date=date(2026, 6, 1), stage=post.stage, progress=post.progress, comment="")
    return _saved(PostUpdate(post=post, **{**values, **fields}))


def workshop(**fields) -> Workshop:
    values = dict(
        title="Regional workshop",
        place="Niamey",
        country="NER",
        start_date=date(2026, 7, 29),
        end_date=date(2026, 7, 30),
        organiser="IOM Niger",
    )
    return _saved(Workshop(**{**values, **fields}))


_new_workshop = workshop


def participation(workshop, country="NER", org_type="government", sex="female", count=1):
    """Record how many people of one country, organisation type and sex took part."""
    return _saved(
        Participation(workshop=workshop, country=country, org_type=org_type, sex=sex, count=count)
    )


def outcome(workshop=None, **fields) -> Outcome:
    """Create an outcome, of a new workshop unless one is given."""
    if workshop is None:
        workshop = _new_workshop()
    values = dict(
        kind="recommendation",
        text="Designate focal points.",
        responsible="IOM",
        due_date=date(2026, 8, 31),
        status="not_started",
    )
    return _saved(Outcome(workshop=workshop, **{**values, **fields}))


def note(outcome, **fields) -> OutcomeNote:
    """Record a follow-up note on the outcome (its status is left as it is)."""
    values = dict(date=date(2026, 8, 1), status="in_progress", text="Followed up.")
    return _saved(OutcomeNote(outcome=outcome, **{**values, **fields}))


def result(**fields) -> Result:
    values = dict(level="output", title_en="Officials trained", title_fr="Agents formés")
    return _saved(Result(**{**values, **fields}))


def indicator(result=None, **fields) -> Indicator:
    """Create a manual, quarterly, cumulative indicator, under a new result unless one is given."""
    values = dict(
        code="1.1",
        title_en="Officials trained",
        title_fr="Agents formés",
        baseline_value=0.0,
        baseline_date=PROJECT_START,
    )
    return _saved(Indicator(result=result or globals()["result"](), **{**values, **fields}))


def target(indicator, period_start=PROJECT_START, value=10.0) -> Target:
    return _saved(Target(indicator=indicator, period_start=period_start, value=value))


def actual(indicator, period_start=PROJECT_START, value=5.0, **fields) -> Actual:
    values = dict(effective_on=period_start, breakdown={})
    return _saved(
        Actual(indicator=indicator, period_start=period_start, value=value, **{**values, **fields})
    )


def monthly_report(month="2026-07", **fields) -> MonthlyReport:
    """Create the narrative of a month's report (highlights, challenges, next steps)."""
    return _saved(MonthlyReport(month=month, **fields))


def partner(**fields) -> Partner:
    values = dict(name="International Organization for Migration", acronym="IOM", org_type="40")
    return _saved(Partner(**{**values, **fields}))


def activity(partner, post=None, **fields) -> Activity:
    """Record a partner's activity at a post (or, with country, across a country)."""
    values = dict(
        sector="equipment",
        status="ongoing",
        start_date=date(2026, 6, 1),
        end_date=date(2026, 9, 30),
        country=post.country if post is not None else "NER",
    )
    return _saved(Activity(partner=partner, post=post, **{**values, **fields}))


SCORES = dict(traffic=3, infrastructure=3, equipment=3, staffing=3, security=3, connectivity=3)


def assessment(post, **fields) -> Assessment:
    """Assess a post: every criterion scored 3 unless given, no need."""
    values = dict(assessed_on=date(2026, 4, 1), assessor="Assessment team", scores=SCORES, needs=[])
    return _saved(Assessment(post=post, **{**values, **fields}))


def add_milestones(app, n):
    """Save n milestones over two workstreams and a chain of dependencies, quickly."""
    with app.app_context():
        owner = project()
        streams = [workstream(owner, f"Workstream {i}", i) for i in range(2)]
        start = date(2026, 3, 1)
        db.session.execute(
            insert(Milestone),
            [
                {
                    "workstream_id": streams[i % 2].id,
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


def post_form(app, post_id, **changes) -> dict:
    """Return the post's edit form as a browser sends it unchanged, with some fields changed."""
    with app.app_context():
        post = db.session.get(BorderPost, post_id)
        data = {
            "name": post.name,
            "country": post.country,
            "neighbour_country": post.neighbour_country or "",
            "kind": post.kind,
            "latitude": str(post.latitude),
            "longitude": str(post.longitude),
            "priority": post.priority,
            "contractor": post.contractor or "",
            "estimated_cost": str(post.estimated_cost or ""),
            "spent": str(post.spent or ""),
            "notes": post.notes or "",
            "version": str(post.version),
        }
    return data | changes
