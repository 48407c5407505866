"""The one cache: keyed on what, the data version and the language; per app, or shared in Redis."""

import os
import uuid
from datetime import date

import pytest
from flask import g
from flask_babel import force_locale
from sqlalchemy import select

from config import TestingConfig
from roadmap import create_app
from roadmap.caching import cache, cached
from roadmap.charts import figure_json
from roadmap.data_version import data_version
from roadmap.extensions import db
from roadmap.reports.figures import report_figures
from roadmap.reports.issuing import build_report
from roadmap.reports.views import page_figures
from roadmap.schedule.models import Milestone

DAY = date(2026, 8, 15)
REDIS_URL = os.environ.get("TEST_REDIS_URL")
needs_redis = pytest.mark.skipif(not REDIS_URL, reason="TEST_REDIS_URL names no Redis server")


def touch_a_milestone():
    milestone = db.session.scalar(select(Milestone).order_by(Milestone.id).limit(1))
    milestone.percent_complete = (milestone.percent_complete + 1) % 100
    db.session.commit()


def test_a_value_is_built_once_per_data_version_and_language(demo):
    built = []

    def build():
        built.append(str(data_version()))
        return {"built": len(built)}

    with demo.test_request_context():
        first = cached("test_value", build, "a")
        assert cached("test_value", build, "a") == first
        assert cached("test_value", build, "b") == {"built": 2}  # other parts
        with force_locale("fr"):
            assert cached("test_value", build, "a") == {"built": 3}  # other language
        touch_a_milestone()
        assert cached("test_value", build, "a") == {"built": 4}  # the data changed
    assert len(built) == 4


def test_each_caller_gets_its_own_copy(app):
    with app.test_request_context():
        mine = cached("test_copy", lambda: {"rows": [1, 2]})
        mine["rows"].append(3)
        assert cached("test_copy", lambda: {"rows": []}) == {"rows": [1, 2]}


def test_nothing_is_kept_of_a_build_that_found_nothing(app):
    calls = []
    with app.test_request_context():
        for _ in range(2):
            assert cached("test_none", lambda: calls.append(1)) is None
    assert len(calls) == 2


def test_each_app_has_its_own_cache(app):
    class Other(TestingConfig):
        SQLALCHEMY_DATABASE_URI = "sqlite://"

    other = create_app(Other)
    with other.app_context():
        db.create_all()
    with app.test_request_context():
        cached("test_own", lambda: "first")
    with other.test_request_context():
        assert cached("test_own", lambda: "second") == "second"


def test_a_write_moves_the_data_version_at_once(demo):
    with demo.app_context():
        before = data_version()
        assert g.data_version == before  # read once per request
        milestone = db.session.scalar(select(Milestone).limit(1))
        milestone.percent_complete = (milestone.percent_complete + 1) % 100
        db.session.flush()
        during = data_version()
        assert during != before  # this session's own write is seen before commit
        db.session.rollback()
        assert data_version() == before
        touch_a_milestone()
        after = data_version()
    assert after != before and after[0] > before[0]


def test_the_report_page_figures_are_those_of_a_fresh_build(demo):
    with demo.test_request_context():
        data = build_report("2026-07", DAY)
        kept = page_figures("2026-07", DAY, data)
        assert page_figures("2026-07", DAY, build_report("2026-07", DAY)) == kept
        fresh = {name: figure_json(fig) for name, (fig, _w, _h) in report_figures(data).items()}
    assert kept == fresh and kept


@pytest.fixture
def two_workers(tmp_path):
    """Two apps on one database file sharing one Redis cache, as two workers would."""
    from roadmap.demo.seed import DEMO_START, load_demo
    from tests import factories
    from tests.factories import PASSWORDS

    class RedisConfig(TestingConfig):
        SQLALCHEMY_DATABASE_URI = f"sqlite:///{tmp_path / 'shared.sqlite'}"
        ROADMAP_CACHE_URL = REDIS_URL
        CACHE_KEY_PREFIX = f"roadmap-test-{uuid.uuid4().hex}:"

    workers = [create_app(RedisConfig), create_app(RedisConfig)]
    with workers[0].app_context():
        db.create_all()
        for role in PASSWORDS:
            factories.user(role)
        db.session.commit()
        load_demo(DEMO_START)
    yield workers
    with workers[0].app_context():
        cache.clear()
        db.engine.dispose()
    with workers[1].app_context():
        db.engine.dispose()


@needs_redis
def test_with_redis_the_workers_share_what_one_built(two_workers):
    first, second = two_workers
    with first.test_request_context():
        assert cached("test_shared", lambda: ["built by the first"]) == ["built by the first"]
    with second.test_request_context():
        assert cached("test_shared", lambda: ["built by the second"]) == ["built by the first"]
        touch_a_milestone()
    with first.test_request_context():
        # The second worker's write moved the data version: the first builds anew.
        assert cached("test_shared", lambda: ["built again"]) == ["built again"]


@needs_redis
@pytest.mark.parametrize("language", ["en", "fr"])
def test_with_redis_a_saved_change_shows_on_every_worker(two_workers, auth, language):
    first, second = two_workers
    clients = [first.test_client(), second.test_client()]
    for client in clients:
        auth.login_client(client, "manager")
    for client in clients:
        page = client.get(f"/gantt?lang={language}", headers={"Accept-Language": language})
        assert "Poste de Gogui rouvert" not in page.get_data(as_text=True)
    with second.app_context():
        milestone = db.session.scalar(select(Milestone).order_by(Milestone.id).limit(1))
        milestone.title = "Poste de Gogui rouvert"
        db.session.commit()
    for client in clients:
        page = client.get("/gantt", headers={"Accept-Language": language})
        assert "Poste de Gogui rouvert" in page.get_data(as_text=True)
