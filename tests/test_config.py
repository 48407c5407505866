"""The app refuses to start outside development and testing with a weak configuration."""

import pytest

from config import Config, DevelopmentConfig, TestingConfig
from roadmap import create_app
from roadmap.settings_check import ConfigurationError

STRONG_KEY = "k" * 16 + "0123456789abcdef"


def production(**overrides):
    # A file database: production refuses an in-memory one. create_app opens no connection.
    settings = {"SQLALCHEMY_DATABASE_URI": "sqlite:////nonexistent/roadmap.sqlite", **overrides}
    return type("ProductionForTest", (Config,), settings)


@pytest.mark.parametrize(
    ("key", "message"),
    [
        (None, "not set"),
        ("", "not set"),
        ("short-key", "shorter than 32"),
        ("changeme", "known default"),
        ("dev-only-not-secret", "known default"),
    ],
)
def test_production_refuses_weak_keys(key, message):
    with pytest.raises(ConfigurationError, match=message):
        create_app(production(SECRET_KEY=key))


def test_production_refuses_insecure_cookies_and_debug():
    with pytest.raises(ConfigurationError, match="SESSION_COOKIE_SECURE"):
        create_app(production(SECRET_KEY=STRONG_KEY, SESSION_COOKIE_SECURE=False))
    with pytest.raises(ConfigurationError, match="DEBUG"):
        create_app(production(SECRET_KEY=STRONG_KEY, DEBUG=True))


def test_production_starts_with_a_strong_key():
    app = create_app(production(SECRET_KEY=STRONG_KEY))
    assert app.config["SESSION_COOKIE_SECURE"] is True
    assert app.config["SESSION_COOKIE_HTTPONLY"] is True
    assert app.config["SESSION_COOKIE_SAMESITE"] == "Lax"
    assert app.config["PERMANENT_SESSION_LIFETIME"].total_seconds() == 8 * 3600
    assert app.config["MAX_CONTENT_LENGTH"] == 5 * 1024 * 1024


@pytest.mark.parametrize("config_class", [DevelopmentConfig, TestingConfig])
def test_development_and_testing_start_without_a_key(config_class):
    assert create_app(config_class).config["SECRET_KEY"]


def test_sqlite_connections_are_configured(app):
    from sqlalchemy import text

    from roadmap.extensions import db

    with app.app_context():
        if db.engine.dialect.name != "sqlite":
            pytest.skip("SQLite pragmas only apply to SQLite")
        assert db.session.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert db.session.execute(text("PRAGMA busy_timeout")).scalar() >= 5000
        assert db.session.execute(text("PRAGMA synchronous")).scalar() == 1  # NORMAL


def test_pre_ping_is_kept_only_off_sqlite():
    sqlite_app = create_app(production(SECRET_KEY=STRONG_KEY))
    assert "pool_pre_ping" not in sqlite_app.config["SQLALCHEMY_ENGINE_OPTIONS"]
    postgres = production(SECRET_KEY=STRONG_KEY, SQLALCHEMY_DATABASE_URI="postgresql://h/db")
    assert create_app(postgres).config["SQLALCHEMY_ENGINE_OPTIONS"]["pool_pre_ping"] is True
    assert Config.SQLALCHEMY_ENGINE_OPTIONS["pool_pre_ping"] is True  # the class is left alone
