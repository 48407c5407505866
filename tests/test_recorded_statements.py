"""The suite's SQL recorder (tests/conftest.py), which the query-count tests rely on."""

import pytest
from sqlalchemy import text

from roadmap.extensions import db
from tests.conftest import recorded_statements, selects


def run(app, *statements: str) -> None:
    with app.app_context():
        for statement in statements:
            db.session.execute(text(statement))
        db.session.commit()


def without_begin(statements: list[str]) -> list[str]:
    """Drop the BEGIN the app may send first on SQLite (BEGIN IMMEDIATE)."""
    return [s for s in statements if not s.startswith("BEGIN")]


def test_it_keeps_what_the_block_runs_and_only_that(app):
    run(app, "SELECT 1")
    with recorded_statements(app) as statements:
        run(app, "SELECT 2", "UPDATE user_account SET name = name", "  select 3")
    run(app, "SELECT 4")
    assert without_begin(statements) == [
        "SELECT 2",
        "UPDATE user_account SET name = name",
        "  select 3",
    ]
    assert selects(statements) == ["SELECT 2", "  select 3"]


def test_it_stops_listening_when_the_block_raises(app):
    with pytest.raises(RuntimeError):
        with recorded_statements(app) as statements:
            run(app, "SELECT 1")
            raise RuntimeError("stop")
    run(app, "SELECT 2")
    assert without_begin(statements) == ["SELECT 1"]
