"""Fixtures: an app on a fresh database, the demo project, a client, a runner, the login fixture
and a recorder of the SQL a block runs."""

import os
from contextlib import contextmanager

import pytest
from sqlalchemy import event, text

from config import TestingConfig
from roadmap import create_app
from roadmap.extensions import db
from tests import factories
from tests.databases import create_database, drop_database, is_postgresql
from tests.factories import PASSWORDS

pytest_plugins = ["tests.browser"]

# Databases (other than in-memory SQLite) whose tables already exist in this run.
_SCHEMA_READY: set[str] = set()


def pytest_configure(config):
    """Give each pytest-xdist worker its own PostgreSQL database."""
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    base = os.environ.get("TEST_DATABASE_URL")
    if worker and is_postgresql(base) and not os.environ.get("ROADMAP_WORKER_DATABASE"):
        url = create_database(base, worker)
        os.environ["ROADMAP_WORKER_DATABASE"] = url
        os.environ["TEST_DATABASE_URL"] = url
        TestingConfig.SQLALCHEMY_DATABASE_URI = url
        config.roadmap_worker_database = (base, url)


def pytest_unconfigure(config):
    created = getattr(config, "roadmap_worker_database", None)
    if created:
        drop_database(*created)


def _create_schema() -> None:
    url = db.engine.url
    if url.get_backend_name() == "sqlite" and url.database in (None, "", ":memory:"):
        db.create_all()  # a new engine is a new, empty in-memory database
        return
    key = url.render_as_string(hide_password=True)
    if key not in _SCHEMA_READY:
        db.create_all()
        _SCHEMA_READY.add(key)


def _empty_tables() -> None:
    """Delete every row, children first: a shared database (PostgreSQL) starts clean."""
    with db.engine.begin() as connection:
        for table in reversed(db.metadata.sorted_tables):
            connection.execute(table.delete())


@pytest.fixture
def app():
    """Return an app on an empty database with three accounts."""
    app = create_app(TestingConfig)
    with app.app_context():
        _create_schema()
        _empty_tables()
        for role in PASSWORDS:
            factories.user(role)
        db.session.commit()
    yield app
    with app.app_context():
        db.session.remove()
        _empty_tables()
        db.engine.dispose()


# The demo's rows as the first load in this process left them, keyed by database URL and
# the pinned today (the demo issues the reports of the months ended by then).
_DEMO_ROWS: dict[tuple, list[tuple]] = {}


def _copy_rows() -> list[tuple]:
    with db.engine.connect() as connection:
        return [
            (table, [dict(row) for row in connection.execute(table.select()).mappings()])
            for table in db.metadata.sorted_tables
        ]


def _restore_rows(rows: list[tuple]) -> None:
    """Put back the copied rows, parents first, and move each id sequence past them."""
    _empty_tables()
    with db.engine.begin() as connection:
        for table, records in rows:
            if records:
                connection.execute(table.insert(), records)
        if connection.dialect.name == "postgresql":
            for table, records in rows:
                if records and "id" in table.c and table.c.id.autoincrement is not False:
                    connection.execute(
                        text(
                            "SELECT setval(pg_get_serial_sequence(:t, 'id'), "
                            f"(SELECT max(id) FROM {table.name}))"
                        ),
                        {"t": table.name},
                    )


@pytest.fixture
def demo(app):
    """Load the demo project; draw no chart in PDFs (fast).

    The first test to ask loads it through its commands, as `seed-demo` does; later tests get
    a copy of the rows that load wrote (the same project, without paying for the load again).
    """
    from roadmap.demo.seed import DEMO_START, load_demo

    app.config["CHROMIUM_PATH"] = "/nonexistent/chromium"
    with app.app_context():
        key = (db.engine.url.render_as_string(hide_password=True), app.config["ROADMAP_TODAY"])
        if key in _DEMO_ROWS:
            _restore_rows(_DEMO_ROWS[key])
        else:
            load_demo(DEMO_START)
            db.session.commit()
            _DEMO_ROWS[key] = _copy_rows()
        db.session.remove()
    return app


@contextmanager
def recorded_statements(app):
    """Yield the list of SQL statements the app's database runs inside the block, in order.

    The listener is removed when the block ends, also when it raises.
    """
    with app.app_context():
        engine = db.engine
    statements: list[str] = []

    def record(conn, cursor, statement, *args):
        statements.append(statement)

    event.listen(engine, "before_cursor_execute", record)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", record)


def selects(statements: list[str]) -> list[str]:
    """Return the SELECTs among the statements."""
    return [s for s in statements if s.lstrip().upper().startswith("SELECT")]


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


class AuthActions:
    """Log test clients in and out through the login form, as a person does.

    Tests get it as the `auth` fixture; a test on an app of its own wraps that app's client.
    """

    def __init__(self, client):
        self._client = client

    def login(self, role="manager", **account):
        """Log the test's client in with the role's account; return the response."""
        return self.login_client(self._client, role, **account)

    def login_client(self, client, role="manager", *, email=None, password=None, **fields):
        """Log another client in; return the response.

        The role's test account unless an e-mail or password is given; any other
        fields (a CSRF token) are sent with the form.
        """
        data = {
            "email": email or f"{role}@example.org",
            "password": password or PASSWORDS[role],
            **fields,
        }
        return client.post("/login", data=data)

    def logout(self, client=None):
        return (client or self._client).post("/logout")


@pytest.fixture
def auth(client):
    """Return the login actions on the test's client (and on any other of its app)."""
    return AuthActions(client)


@pytest.fixture
def database_url():
    return os.environ.get("TEST_DATABASE_URL", "sqlite://")
