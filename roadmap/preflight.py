"""Get a production start ready: refuse with one line, else bring the database to the code's migration.

`python -m roadmap.preflight` is what deploy/entrypoint.sh runs before gunicorn (and so what
`make serve`, the container and CI run). It exits 1 with one line on standard error when the
secret key is weak, the database cannot be reached or written, or it holds a migration this
code cannot apply; otherwise it applies the migrations and exits 0.
"""

import sys

from roadmap.readiness import (
    applied_revisions,
    describe,
    migration_problem,
    sqlite_file,
    sqlite_problem,
    unknown_migration_problem,
    unreachable,
)


class Refusal(Exception):
    """Start-up is refused; the message is the one line the operator reads."""


def production_app():
    from sqlalchemy.exc import ArgumentError

    from config import Config
    from roadmap import create_app
    from roadmap.settings_check import ConfigurationError

    try:
        return create_app(Config)
    except ConfigurationError as error:
        raise Refusal(str(error)) from None
    except ArgumentError as error:  # also an unknown driver (NoSuchModuleError)
        raise Refusal(f"DATABASE_URL cannot be used: {error}") from None


def first_line(error: Exception) -> str:
    text = str(getattr(error, "orig", None) or error).strip()
    return text.splitlines()[0] if text else error.__class__.__name__


def prepare(app) -> str:
    """Check the database and apply the migrations; return what was done, or raise Refusal."""
    from flask_migrate import upgrade

    migrate = app.extensions["migrate"]
    with app.app_context():
        engine = migrate.db.engine
        url = engine.url
        if url.get_backend_name() == "sqlite" and sqlite_file(url) is None:
            raise Refusal(
                "DATABASE_URL names an in-memory SQLite database: every change would be lost."
            )
        problem = sqlite_problem(url)
        if problem:
            raise Refusal(problem)
        try:
            with engine.connect() as connection:
                before = applied_revisions(connection)
        except Exception as error:  # any driver error means the same thing to the operator
            raise Refusal(unreachable(engine, error)) from None
        if migration_problem(before, migrate.directory) is None:
            return f"{describe(url)} is at the latest migration."
        problem = unknown_migration_problem(before, migrate.directory)
        if problem:
            raise Refusal(problem)
        try:
            upgrade(directory=migrate.directory)
        except Exception as error:  # a failed migration is rolled back; say which and why
            raise Refusal(
                f"The migrations could not be applied to {describe(url)}: {first_line(error)}"
            ) from None
        with engine.connect() as connection:
            problem = migration_problem(applied_revisions(connection), migrate.directory)
        if problem:
            raise Refusal(problem)
        engine.dispose()  # gunicorn's workers open their own connections
        return f"{describe(url)} is migrated to the latest version."


def main() -> int:
    try:
        done = prepare(production_app())
    except Refusal as refusal:
        sys.stderr.write(f"roadmap: refusing to start: {refusal}\n")
        return 1
    sys.stderr.write(f"roadmap: {done}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
