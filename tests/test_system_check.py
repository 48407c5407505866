"""`flask check` names what the app needs and lacks: built files, database, migrations."""

from pathlib import Path

from flask_migrate import stamp

from roadmap import system_check


def test_database_not_migrated_then_migrated(app):
    with app.app_context():
        assert system_check.database_problems() == [
            "The database is not migrated to the latest version: run `flask --app wsgi db upgrade`."
        ]
        stamp()  # the tables exist (create_all); record them as the latest migration
        assert system_check.database_problems() == []


def test_unreachable_database():
    from config import TestingConfig
    from roadmap import create_app

    nowhere = type(
        "Nowhere",
        (TestingConfig,),
        {
            "SQLALCHEMY_DATABASE_URI": "postgresql+psycopg://nobody@127.0.0.1:1/none",
        },
    )
    app = create_app(nowhere)
    with app.app_context():
        problems = system_check.database_problems()
    assert problems == [
        "The database cannot be reached (postgresql+psycopg://nobody@127.0.0.1:1/none): "
        'connection failed: connection to server at "127.0.0.1", port 1 failed: Connection refused'
    ]
    # /healthz gives the same reason with a 503.
    health = app.test_client().get("/healthz")
    assert health.status_code == 503
    assert health.get_json() == {"status": "unavailable", "reason": problems[0]}


def test_healthz_names_a_database_not_migrated(app, client):
    from sqlalchemy import text

    from roadmap.extensions import db

    with app.app_context(), db.engine.begin() as connection:
        # A shared PostgreSQL database keeps the stamp of an earlier test.
        connection.execute(text("DROP TABLE IF EXISTS alembic_version"))
    app.config["HEALTH_CHECKS_MIGRATIONS"] = True
    health = client.get("/healthz")
    assert health.status_code == 503
    assert health.get_json()["reason"] == (
        "The database is not migrated to the latest version: run `flask --app wsgi db upgrade`."
    )
    with app.app_context():
        stamp()
        assert client.get("/healthz").get_json() == {"status": "ok"}
        with db.engine.begin() as connection:  # leave no stamp for the next test
            connection.execute(text("DROP TABLE alembic_version"))


def test_missing_built_files_are_named(app, monkeypatch, tmp_path):
    package = tmp_path / "roadmap"
    package.mkdir()
    monkeypatch.setattr(app, "root_path", str(package))
    with app.app_context():
        problems = system_check.build_problems()
    assert "static/vendor/plotly/plotly-geo.min.js is missing: run `make assets`." in problems
    assert "The French catalogue is not compiled: run `make translations`." in problems


def test_built_files_present_in_this_checkout(app):
    with app.app_context():
        assert system_check.build_problems() == [], Path(app.root_path)
