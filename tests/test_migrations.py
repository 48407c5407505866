"""The Alembic migrations build exactly the schema the models describe."""

import os

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import upgrade

from config import TestingConfig
from roadmap import create_app
from roadmap.extensions import db
from tests.databases import is_postgresql, temporary_database


def _fresh_database_url(tmp_path):
    base = os.environ.get("TEST_DATABASE_URL")
    if not is_postgresql(base):
        yield f"sqlite:///{tmp_path / 'migrated.sqlite'}"
        return
    with temporary_database(base, "migrations") as url:
        yield url


@pytest.fixture
def migrated_app(tmp_path):
    for url in _fresh_database_url(tmp_path):
        config = type("MigrationConfig", (TestingConfig,), {"SQLALCHEMY_DATABASE_URI": url})
        app = create_app(config)
        with app.app_context():
            upgrade()
            yield app
            db.session.remove()
            db.engine.dispose()


def test_migrations_match_the_models(migrated_app):
    with migrated_app.app_context(), db.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        differences = compare_metadata(context, db.metadata)
    assert differences == []
