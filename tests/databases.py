"""Throw-away PostgreSQL databases for test processes that must not share one."""

import os
import uuid
from contextlib import contextmanager

import pytest
from sqlalchemy import create_engine, make_url, text


def is_postgresql(url: str | None) -> bool:
    return bool(url) and url.startswith("postgresql")


# A test that brings its own SQLite file (SQLite's locks, a killed writer, a queue under load)
# runs in the suite's SQLite pass only: the pass on PostgreSQL would run it again unchanged.
sqlite_pass_only = pytest.mark.skipif(
    is_postgresql(os.environ.get("TEST_DATABASE_URL")),
    reason="runs on its own SQLite file; the suite's run on SQLite covers it",
)


def create_database(base_url: str, label: str) -> str:
    """Create (or re-create) a database next to base_url's and return its URL."""
    base = make_url(base_url)
    name = f"{base.database}_{label}"
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            connection.execute(text(f'CREATE DATABASE "{name}"'))
    finally:
        admin.dispose()
    return base.set(database=name).render_as_string(hide_password=False)


def drop_database(base_url: str, url: str) -> None:
    admin = create_engine(make_url(base_url), isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as connection:
            connection.execute(
                text(f'DROP DATABASE IF EXISTS "{make_url(url).database}" WITH (FORCE)')
            )
    finally:
        admin.dispose()


@contextmanager
def temporary_database(base_url: str, label: str | None = None):
    """Yield the URL of a new, empty database on base_url's server; drop it afterwards."""
    url = create_database(base_url, label or uuid.uuid4().hex[:8])
    try:
        yield url
    finally:
        drop_database(base_url, url)
