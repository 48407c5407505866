"""Every page and API list issues as many SQL statements at scale as with the demo.

The same walk runs twice, on the demo project and on a generated one a dozen times
larger (enough rows on every list to expose a query per row). Each path is fetched
twice: cold (caches empty) and warm. Detail pages get the record with the most
related rows, so a query per dependency, update, outcome or note would show.
"""

from datetime import date

import pytest
import weasyprint
from flask import url_for
from sqlalchemy import func, select

from config import TestingConfig
from roadmap import create_app
from roadmap.auth.models import User
from roadmap.demo.scale import generate
from roadmap.demo.scale_load import load_scale
from roadmap.demo.seed import DEMO_START, load_demo
from roadmap.digest.tokens import unsubscribe_token
from roadmap.extensions import db
from roadmap.posts.models import PostUpdate
from roadmap.reports.models import ReportBuild
from roadmap.results.models import Actual, Indicator
from roadmap.schedule.models import MilestoneDependency
from roadmap.workshops.models import Outcome, OutcomeNote
from tests import factories
from tests.conftest import AuthActions, recorded_statements

TODAY = date(2026, 8, 15)  # TestingConfig's ROADMAP_TODAY
MONTH = "2026-07"  # a month over, inside both projects
SCALE = {"milestones": 400, "posts": 120, "workshops": 6, "months": 24}
# Endpoints the walk leaves out, and why.
SKIPPED = {
    "static": "files, no database",
    # One photo and its file by id, whatever the project's size.
    "photos.image": "a photo's bytes",
    "photos.thumbnail": "a photo's bytes",
    # The first-run form: 404 once any account exists, as in both projects.
    "project.setup": "only with no account",
    # A partner, an activity or an assessment by id: the scale project has none.
    "coordination.partner": "no partner at scale",
    "coordination.edit_partner": "no partner at scale",
    "coordination.edit_activity": "no activity at scale",
    "coordination.edit_assessment": "no assessment at scale",
    "api_v1.partner": "no partner at scale",
    "api_v1.activity": "no activity at scale",
    "api_v1.assessment": "no assessment at scale",
}
# Lists and pages again with the query strings that change what they load. Page 2 is
# asked where the demo has one too (otherwise it gets its last page, an easier one).
EXTRA_PATHS = (
    "/milestones?sort=slip&dir=desc",
    "/milestones?health=late",
    "/posts?sort=stage&dir=desc",
    "/history?entity=milestone",
    "/history?page=2",
    "/gantt?format=json",
    "/api/v1/milestones?health=late",
    "/api/v1/milestones?page=2&per_page=10",
    "/api/v1/posts?page=2&per_page=10",
    "/api/v1/outcomes?status=in_progress",
    "/api/v1/dependencies?per_page=10&page=2",
)


def _fresh_app():
    app = create_app(TestingConfig)
    # The PDF's charts come from Chromium, which costs seconds and no query: without
    # it the PDF is made all the same, with its charts left out.
    app.config["CHROMIUM_PATH"] = "/nonexistent/chromium"
    # A download counts what its request reads; the worker builds the file (not counted).
    app.config["ROADMAP_QUEUE_IMMEDIATE"] = False
    with app.app_context():
        db.create_all()
        _empty_tables()
        factories.user("admin")
        db.session.commit()
    return app


def _empty_tables() -> None:
    with db.engine.begin() as connection:
        for table in reversed(db.metadata.sorted_tables):
            connection.execute(table.delete())


def _fill(size: str) -> None:
    if size == "demo":
        assert load_demo(DEMO_START)[0]
        return
    editors = [
        User(email=f"editor{n}@example.org", name=f"Editor {n}", role="manager", password_hash="!")
        for n in range(3)
    ]
    db.session.add_all(editors)
    db.session.flush()
    records = generate(
        **SCALE,
        start=date(2025, 9, 1),
        today=TODAY,
        seed=11,
        authors=[editor.id for editor in editors],
    )
    load_scale(records, editors[0])
    _issued_like_the_demo(editors[0])
    db.session.commit()


def _issued_like_the_demo(manager) -> None:
    """Issue the months the demo issues (June twice), so the report pages show as much."""
    from datetime import UTC, datetime

    from roadmap.reports.models import MonthlyReport, ReportVersion

    for month in ("2026-03", "2026-04", "2026-05", "2026-06", "2026-07"):
        report = MonthlyReport(month=month, highlights="Done.", highlights_fr="Fait.")
        numbers = (1, 2) if month == "2026-06" else (1,)
        for number in numbers:
            issued_at = datetime(2026, int(month[5:]) + 1, number, 16, tzinfo=UTC)
            db.session.add(
                ReportVersion(report=report, number=number, issued_at=issued_at, issued_by=manager)
            )


def _busiest(column, *where):
    """Return the value of `column` that most rows share (the record with most children)."""
    query = select(column).where(*where).group_by(column)
    return db.session.scalar(query.order_by(func.count().desc(), column).limit(1))


def _ids() -> dict:
    """Return, for each URL argument, the record whose page has the most to show."""
    admin = db.session.scalar(select(User).where(User.email == "admin@example.org"))
    # A failed build: its progress page shows the most (the error and the retry button).
    build = ReportBuild(
        key="query-count", month=MONTH, format="pdf", language="fr", today=TODAY, state="failed"
    )
    db.session.add(build)
    db.session.commit()
    return {
        "build_id": build.id,
        "milestone_id": _busiest(MilestoneDependency.successor_id),
        "post_id": _busiest(PostUpdate.post_id),
        "workshop_id": _busiest(Outcome.workshop_id),
        "outcome_id": _busiest(OutcomeNote.outcome_id),
        "indicator_id": _busiest(Actual.indicator_id),
        "result_id": _busiest(Indicator.result_id),
        "user_id": admin.id,
        "month": MONTH,
        "token": admin.calendar_token,
        "unsubscribe": unsubscribe_token(admin),
    }


def walk_paths(app, ids: dict) -> list[tuple[str, str]]:
    """Return (name, URL) of every GET route, with real ids, and the extra query strings."""
    paths = []
    with app.test_request_context():
        for rule in sorted(app.url_map.iter_rules(), key=lambda rule: rule.rule):
            if "GET" not in rule.methods or rule.endpoint in SKIPPED:
                continue
            args = {name: ids[name] for name in rule.arguments}
            if rule.endpoint == "api.calendar_feed":
                args["token"] = ids["token"]
            if rule.endpoint == "digest.unsubscribe":
                args["token"] = ids["unsubscribe"]
            paths.append((rule.rule, url_for(rule.endpoint, **args)))
    return paths + [(path, path) for path in EXTRA_PATHS]


def _count(app, client, url) -> tuple[int, int]:
    with recorded_statements(app) as statements:
        response = client.get(url)
    return response.status_code, len(statements)


def measure(size: str) -> dict[str, tuple]:
    """Return {route: (status, cold count, warm count)} on a project of the given size."""
    app = _fresh_app()
    try:
        with app.app_context():
            _fill(size)
            ids = _ids()
        client = app.test_client()
        AuthActions(client).login("admin")
        found = {}
        with pytest.MonkeyPatch.context() as patch:
            # Laying out a long report takes WeasyPrint seconds and no query.
            patch.setattr(weasyprint.HTML, "write_pdf", lambda *args, **kwargs: b"%PDF-1.7\n")
            for name, url in walk_paths(app, ids):
                status, cold = _count(app, client, url)
                _status, warm = _count(app, client, url)
                found[name] = (status, cold, warm)
        return found
    finally:
        with app.app_context():
            db.session.remove()
            _empty_tables()
            db.engine.dispose()


@pytest.fixture(scope="module")
def counts():
    return {size: measure(size) for size in ("demo", "scale")}


def test_every_page_reached(counts):
    statuses = {name: found[0] for name, found in counts["scale"].items()}
    assert {name for name, status in statuses.items() if status >= 400} == set()
    assert len(statuses) > 50


def test_same_query_count_at_scale(counts):
    demo, scale = counts["demo"], counts["scale"]
    assert demo.keys() == scale.keys()
    differ = {
        name: f"demo {demo[name][1]}/{demo[name][2]}, scale {scale[name][1]}/{scale[name][2]}"
        for name in demo
        if demo[name][1:] != scale[name][1:]
    }
    assert differ == {}
