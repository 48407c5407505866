"""Consistent copies of the SQLite database, and putting one back.

SQLite's online backup API copies the database page by page under a read
transaction, so the copy is one consistent state even while other processes
write (a plain file copy in WAL mode could miss committed pages still in the
-wal file). PostgreSQL has its own tools: pg_dump and pg_restore.
"""

import sqlite3
from pathlib import Path

from sqlalchemy import func, select, table
from sqlalchemy.dialects import sqlite
from sqlalchemy.engine import Engine, make_url


class BackupError(RuntimeError):
    """The backup or restore cannot be done; the message says why."""


def is_sqlite(engine: Engine) -> bool:
    return engine.dialect.name == "sqlite"


def postgres_advice(engine: Engine) -> str:
    """Explain how to back up and restore a PostgreSQL database."""
    url = make_url(str(engine.url))
    target = f"-h {url.host or 'localhost'} -p {url.port or 5432} -U {url.username or 'postgres'}"
    name = url.database or "roadmap"
    return (
        "This installation uses PostgreSQL; back it up with its own tools, which take a "
        f"consistent snapshot while the app runs: `pg_dump {target} --format=custom "
        f"--file=roadmap.dump {name}`, and restore into an empty database with "
        f"`pg_restore {target} --clean --if-exists --dbname={name} roadmap.dump`."
    )


def integrity_problems(path: Path) -> list[str]:
    """Return what PRAGMA integrity_check finds wrong in a database file (empty when sound)."""
    if not path.is_file():
        return [f"{path} does not exist."]
    try:
        connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            rows = connection.execute("PRAGMA integrity_check").fetchall()
            connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
        finally:
            connection.close()
    except sqlite3.DatabaseError as error:
        return [f"{path} is not a readable SQLite database ({error})."]
    found = [row[0] for row in rows]
    return [] if found == ["ok"] else found


def table_counts(connection: sqlite3.Connection) -> dict[str, int]:
    """Return the number of rows of every table."""
    names = [
        row[0]
        for row in connection.execute(
            "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
        )
    ]
    dialect = sqlite.dialect()
    counts = {}
    for name in names:
        query = str(select(func.count()).select_from(table(name)).compile(dialect=dialect))
        counts[name] = connection.execute(query).fetchone()[0]
    return counts


def backup(engine: Engine, destination: Path) -> dict[str, int]:
    """Copy the live database to destination, check it, and return its row counts."""
    if not is_sqlite(engine):
        raise BackupError(postgres_advice(engine))
    destination = Path(destination)
    if destination.exists():
        raise BackupError(f"{destination} already exists; choose a new file name.")
    destination.parent.mkdir(parents=True, exist_ok=True)
    partial = destination.with_name(destination.name + ".partial")
    partial.unlink(missing_ok=True)
    raw = engine.raw_connection()
    try:
        target = sqlite3.connect(partial)
        try:
            raw.driver_connection.backup(target)  # one step: one consistent snapshot
        finally:
            target.close()
    finally:
        raw.close()
    problems = integrity_problems(partial)
    if problems:
        partial.unlink(missing_ok=True)
        raise BackupError("The copy failed its integrity check: " + "; ".join(problems))
    partial.rename(destination)
    with sqlite3.connect(f"file:{destination}?mode=ro", uri=True) as copy:
        counts = table_counts(copy)
    copy.close()
    return counts


def restore(engine: Engine, source: Path) -> dict[str, int]:
    """Replace the live database's content with a checked backup; return its row counts."""
    if not is_sqlite(engine):
        raise BackupError(postgres_advice(engine))
    source = Path(source)
    problems = integrity_problems(source)
    if problems:
        raise BackupError("Nothing was restored: " + "; ".join(problems))
    in_memory = make_url(str(engine.url)).database in (None, "", ":memory:")
    if not in_memory:
        engine.dispose()  # no pooled connection keeps reading the old content
    origin = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    raw = engine.raw_connection()
    try:
        # The backup API writes the whole database under one lock: all or nothing.
        origin.backup(raw.driver_connection)
        counts = table_counts(raw.driver_connection)
    finally:
        raw.close()
        origin.close()
    if not in_memory:
        engine.dispose()
    return counts
