"""Per-process caches: bounded, per app, keyed on the data version that every write moves."""

from datetime import date

from flask import g
from sqlalchemy import select

from roadmap.caching import memoised
from roadmap.charts import figure_json
from roadmap.data_version import data_version
from roadmap.extensions import db
from roadmap.reports.figures import report_figures
from roadmap.reports.issuing import build_report
from roadmap.reports.views import page_figures
from roadmap.schedule.models import Milestone

DAY = date(2026, 8, 15)


def test_memoised_builds_once_and_forgets_the_least_recently_used(app):
    built = []

    def build(key):
        built.append(key)
        return [key]

    with app.app_context():
        assert memoised("test_cache", "a", lambda: build("a"), size=2) == ["a"]
        memoised("test_cache", "b", lambda: build("b"), size=2)
        memoised("test_cache", "a", lambda: build("a"), size=2)  # a is now the most recent
        memoised("test_cache", "c", lambda: build("c"), size=2)  # drops b
        memoised("test_cache", "a", lambda: build("a"), size=2)
        memoised("test_cache", "b", lambda: build("b"), size=2)
        assert list(app.extensions["test_cache"]) == ["a", "b"]
    assert built == ["a", "b", "c", "b"]


def test_a_cache_bounded_by_weight_keeps_what_fits(app):
    with app.app_context():
        for key in ("a", "b", "c"):
            memoised("test_weighed", key, lambda key=key: key * 40, size=100, weigh=len)
        assert list(app.extensions["test_weighed"]) == ["b", "c"]  # 80 of 100


def test_each_app_has_its_own_caches(app):
    from config import TestingConfig
    from roadmap import create_app

    other = create_app(TestingConfig)
    with app.app_context():
        memoised("test_cache", "k", lambda: "first")
    with other.app_context():
        assert memoised("test_cache", "k", lambda: "second") == "second"


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
        milestone = db.session.scalar(select(Milestone).limit(1))
        milestone.percent_complete = (milestone.percent_complete + 1) % 100
        db.session.commit()
        after = data_version()
    assert after != before and after[0] > before[0]


def test_the_report_page_figures_are_those_of_a_fresh_build(demo):
    with demo.test_request_context():
        data = build_report("2026-07", DAY)
        cached = page_figures("2026-07", DAY, data)
        assert page_figures("2026-07", DAY, build_report("2026-07", DAY)) is cached
        fresh = {name: figure_json(fig) for name, (fig, _w, _h) in report_figures(data).items()}
    assert cached == fresh and cached
