"""Fixtures: an app on a fresh database, a client, a runner and logged-in helpers."""

import os

import pytest

from config import TestingConfig
from roadmap import create_app
from roadmap.auth.models import User
from roadmap.extensions import db

PASSWORDS = {"admin": "admin-pass-2026", "manager": "manager-pass-2026", "viewer": "viewer-pass-2026"}


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
        db.create_all()
        _empty_tables()
        for role, password in PASSWORDS.items():
            user = User(email=f"{role}@example.org", name=f"{role.title()} User", role=role)
            user.set_password(password)
            db.session.add(user)
        db.session.commit()
    yield app
    with app.app_context():
        db.session.remove()
        _empty_tables()
        db.engine.dispose()


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


class AuthActions:
    def __init__(self, client):
        self._client = client

    def login(self, role="manager"):
        return self._client.post(
            "/login", data={"email": f"{role}@example.org", "password": PASSWORDS[role]}
        )

    def logout(self):
        return self._client.post("/logout")


@pytest.fixture
def auth(client):
    return AuthActions(client)


@pytest.fixture
def database_url():
    return os.environ.get("TEST_DATABASE_URL", "sqlite://")
