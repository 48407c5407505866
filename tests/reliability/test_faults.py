"""Faults: a worker killed mid-write, and a database that goes away and comes back."""

import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from sqlalchemy import event, func, select, text

from roadmap.auth.models import LoginAttempt
from roadmap.backup import integrity_problems
from roadmap.extensions import db
from tests.conftest import AuthActions
from tests.databases import sqlite_pass_only

from .conftest import PASSWORD, ROOT, gunicorn, make_file_app

HERE = Path(__file__).resolve().parent


def get(url, data=None, timeout=10):
    try:
        with urllib.request.urlopen(url, data=data, timeout=timeout) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code
    except OSError:
        return None


@sqlite_pass_only
@pytest.mark.slow
def test_sigkill_mid_write_leaves_the_database_whole_and_the_app_serving(tmp_path):
    path = tmp_path / "fault.sqlite"
    app = make_file_app(path, users=1)
    pid_file = tmp_path / "worker.pid"
    with gunicorn(
        f"sqlite:///{path}",
        tmp_path / "g.log",
        workers=2,
        app="tests.reliability.fault_app:app",
        FAULT_PID_FILE=str(pid_file),
    ) as (base, _):
        doomed = threading.Thread(target=get, args=(base + "/_test/slow-write", b""), daemon=True)
        doomed.start()
        deadline = time.monotonic() + 15
        while not (pid_file.exists() and pid_file.read_text()) and time.monotonic() < deadline:
            time.sleep(0.05)
        os.kill(int(pid_file.read_text()), signal.SIGKILL)
        doomed.join(timeout=15)
        # The app keeps serving, and writing: the killed worker's lock died with it.
        assert get(base + "/healthz") == 200
        client = subprocess.run(
            [
                sys.executable,
                str(HERE / "storm_client.py"),
                base,
                "user0@example.org",
                PASSWORD,
                "4",
            ],
            capture_output=True,
            text=True,
            timeout=60,
            cwd=ROOT,
        )
        assert client.returncode == 0, client.stderr
        assert '"302": 4' in client.stdout
    assert integrity_problems(path) == []
    with app.app_context():
        # The killed transaction is not there at all.
        assert db.session.scalar(select(func.count()).select_from(LoginAttempt)) == 0
        db.session.remove()
        db.engine.dispose()


@sqlite_pass_only
def test_a_locked_sqlite_file_gives_503_then_recovers(tmp_path):
    path = tmp_path / "locked.sqlite"
    app = make_file_app(path, users=1)

    @event.listens_for(_engine(app), "connect")
    def short_wait(dbapi_connection, _record):
        dbapi_connection.execute("PRAGMA busy_timeout=200")

    client = app.test_client()
    assert (
        AuthActions(client).login(email="user0@example.org", password=PASSWORD).status_code == 302
    )
    with app.app_context():
        db.engine.dispose()  # the next connections get the short wait
    # In WAL mode only a connection in exclusive locking mode shuts readers out as well.
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("PRAGMA locking_mode=EXCLUSIVE")
    holder.execute("BEGIN EXCLUSIVE")
    try:
        page = client.get("/")
        health = client.get("/healthz")
        write = client.post("/account", data={"name": "Nobody"})
    finally:
        holder.execute("ROLLBACK")
        holder.close()  # the file comes back
    assert page.status_code == 503
    assert "database cannot be reached" in page.get_data(as_text=True)
    assert health.status_code == 503
    assert write.status_code == 503
    assert client.get("/").status_code == 200  # no restart needed
    assert client.get("/healthz").status_code == 200
    with app.app_context():
        db.engine.dispose()


def _engine(app):
    with app.app_context():
        return db.engine


@pytest.mark.skipif(
    not os.environ.get("TEST_DATABASE_URL", "").startswith("postgresql"),
    reason="TEST_DATABASE_URL does not name a PostgreSQL database",
)
def test_postgresql_connections_cut_are_replaced_without_restart(app, client, auth):
    assert auth.login("manager").status_code == 302
    assert client.get("/").status_code == 200
    with app.app_context():
        with db.engine.connect() as connection:
            connection.execute(
                text(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                    "WHERE datname = current_database() AND pid <> pg_backend_pid()"
                )
            )
    assert client.get("/").status_code == 200  # pool_pre_ping reconnects
    assert client.get("/healthz").status_code == 200


@sqlite_pass_only
def test_pages_that_only_read_never_wait_for_a_writer(tmp_path):
    path = tmp_path / "busy.sqlite"
    app = make_file_app(path, users=1)
    event.listen(_engine(app), "connect", lambda c, _r: c.execute("PRAGMA busy_timeout=200"))
    client = app.test_client()
    assert (
        AuthActions(client).login(email="user0@example.org", password=PASSWORD).status_code == 302
    )
    with app.app_context():
        db.engine.dispose()
    writer = sqlite3.connect(path, isolation_level=None)
    writer.execute("BEGIN IMMEDIATE")  # a long write elsewhere holds the write lock
    try:
        assert client.get("/").status_code == 200
        assert client.post("/account", data={"name": "Waits"}).status_code == 503
    finally:
        writer.execute("ROLLBACK")
        writer.close()
    with app.app_context():
        db.engine.dispose()
