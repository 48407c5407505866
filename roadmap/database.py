"""SQLite connection settings for safe concurrent writers."""

from sqlalchemy import event
from sqlalchemy.engine import Engine


def _on_connect(dbapi_connection, connection_record):
    # Hand transaction control to SQLAlchemy so "begin" below decides how to start.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def _on_begin(connection):
    # Take the write lock up front: a read-then-write transaction that starts
    # deferred cannot upgrade its lock while another writer holds it, and fails
    # at once with "database is locked" instead of waiting.
    # Pages that only read (GET without an API token, which notes its last use)
    # start deferred: WAL readers never wait, so slow pages do not queue on the lock.
    if connection.get_execution_options().get("single_read"):
        return  # one SELECT is a transaction of its own: no BEGIN round trip
    connection.exec_driver_sql("BEGIN" if _read_only_request() else "BEGIN IMMEDIATE")


def _read_only_request() -> bool:
    from flask import has_request_context, request

    return (
        has_request_context()
        and request.method in ("GET", "HEAD")
        and "Authorization" not in request.headers
    )


def configure_engine(engine: Engine) -> None:
    """Apply the SQLite settings to an engine before its first connection."""
    if engine.dialect.name != "sqlite" or event.contains(engine, "connect", _on_connect):
        return
    event.listen(engine, "connect", _on_connect)
    event.listen(engine, "begin", _on_begin)
