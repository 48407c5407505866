"""Whether the database can serve: reachable, writable, at the code's migration.

One sentence per problem, the same at start-up (roadmap.preflight), on /healthz and in
`flask check`, so an operator reads one reason wherever they look.
"""

import os
from functools import cache
from pathlib import Path

from sqlalchemy.engine import Engine, make_url

UPGRADE_ADVICE = "run `flask --app wsgi db upgrade`"


def describe(url) -> str:
    """Name a database for messages, never with its password."""
    url = make_url(str(url))
    if url.get_backend_name() == "sqlite":
        return f"SQLite file {url.database}"
    return url.render_as_string(hide_password=True)


def sqlite_file(url) -> Path | None:
    """Return the file of an SQLite URL, None for another database or an in-memory one."""
    url = make_url(str(url))
    if url.get_backend_name() != "sqlite" or url.database in (None, "", ":memory:"):
        return None
    return Path(url.database)


def sqlite_problem(url) -> str | None:
    """Return why this process cannot write the SQLite file or its folder (WAL needs both)."""
    path = sqlite_file(url)
    if path is None:
        return None
    folder = path.parent
    if not folder.is_dir():
        return f"The folder {folder} of the SQLite database does not exist."
    if not os.access(folder, os.W_OK | os.X_OK):
        return f"The folder {folder} of the SQLite database is not writable by this user."
    if path.exists() and not os.access(path, os.R_OK | os.W_OK):
        return f"The SQLite database {path} is not writable by this user."
    return None


def unreachable(engine: Engine, error: Exception) -> str:
    # The driver's first line says what failed (refused, unknown host, no such database).
    detail = str(getattr(error, "orig", None) or error).strip().splitlines()
    reason = detail[0] if detail else error.__class__.__name__
    return f"The database cannot be reached ({describe(engine.url)}): {reason}"


@cache
def code_heads(directory: str) -> frozenset[str]:
    """Return the migrations this code ends at (read once: the files do not change)."""
    from alembic.script import ScriptDirectory

    return frozenset(ScriptDirectory(directory).get_heads())


@cache
def known_revisions(directory: str) -> frozenset[str]:
    from alembic.script import ScriptDirectory

    return frozenset(script.revision for script in ScriptDirectory(directory).walk_revisions())


def applied_revisions(connection) -> set[str]:
    from alembic.runtime.migration import MigrationContext

    return set(MigrationContext.configure(connection).get_current_heads())


def unknown_migration_problem(applied: set[str], directory: str) -> str | None:
    """Return why a database holding migrations this code lacks cannot be upgraded by it."""
    unknown = sorted(applied - known_revisions(directory))
    if unknown:
        return (
            f"The database is at migration {', '.join(unknown)}, which this version of Roadmap "
            "does not know: run the version that made it, or restore a backup."
        )
    return None


def migration_problem(applied: set[str], directory: str) -> str | None:
    """Return why a database at `applied` cannot serve this code, None when at the head."""
    problem = unknown_migration_problem(applied, directory)
    if problem:
        return problem
    if applied != set(code_heads(directory)):
        return f"The database is not migrated to the latest version: {UPGRADE_ADVICE}."
    return None


def database_problem(engine: Engine, directory: str, *, migrations: bool = True) -> str | None:
    """Return the first reason the database cannot serve, None when it can."""
    problem = sqlite_problem(engine.url)
    if problem:
        return problem
    try:
        with engine.connect() as connection:
            # Read even when not compared: it touches the file, which a lock can hold.
            applied = applied_revisions(connection)
    except Exception as error:  # any driver error means the same thing to the operator
        return unreachable(engine, error)
    return migration_problem(applied, directory) if migrations else None
