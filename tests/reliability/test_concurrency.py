"""A bounded storm of concurrent writes: no lock errors, no 5xx, exact counts."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import create_engine, select, text

from roadmap.extensions import db
from roadmap.history import HistoryEntry
from tests import factories
from tests.databases import sqlite_pass_only

from .conftest import PASSWORD, ROOT, gunicorn, make_file_app

HERE = Path(__file__).resolve().parent
CLIENTS = 6
WRITES = 20


def run_clients(args_list):
    processes = [
        subprocess.Popen(
            [sys.executable, *args],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            cwd=ROOT,
            env=dict(os.environ, PYTHONPATH=str(ROOT)),
        )
        for args in args_list
    ]
    results = []
    for process in processes:
        out, err = process.communicate(timeout=120)
        assert process.returncode == 0, err
        results.append(out)
    return results


def storm(app, database_url, tmp_path):
    log_path = tmp_path / "gunicorn.log"
    with gunicorn(database_url, log_path) as (base, _):
        outputs = run_clients(
            [
                [str(HERE / "storm_client.py"), base, f"user{n}@example.org", PASSWORD, str(WRITES)]
                for n in range(CLIENTS)
            ]
        )
    summaries = [json.loads(out) for out in outputs]
    statuses = {}
    for summary in summaries:
        for status, count in summary["statuses"].items():
            statuses[status] = statuses.get(status, 0) + count
    assert statuses == {"302": CLIENTS * WRITES}
    assert sum(summary["locked"] for summary in summaries) == 0
    server_log = log_path.read_text()
    assert "database is locked" not in server_log and "Traceback" not in server_log
    with app.app_context():
        for n in range(CLIENTS):
            entries = db.session.scalars(
                select(HistoryEntry).where(
                    HistoryEntry.entity == "user_account", HistoryEntry.action == "update"
                )
            ).all()
            changes = [e for e in entries if e.label == f"User {n}" or e.user_name == f"User {n}"]
            assert len([e for e in changes if "language" in e.changes]) == WRITES
        db.session.remove()


@sqlite_pass_only
@pytest.mark.slow
def test_storm_on_sqlite(tmp_path):
    path = tmp_path / "storm.sqlite"
    app = make_file_app(path, users=CLIENTS)
    storm(app, f"sqlite:///{path}", tmp_path)
    with app.app_context():
        db.engine.dispose()


@pytest.mark.slow
@pytest.mark.skipif(
    not os.environ.get("TEST_DATABASE_URL", "").startswith("postgresql"),
    reason="TEST_DATABASE_URL does not name a PostgreSQL database",
)
def test_storm_on_postgresql(tmp_path):
    from config import TestingConfig
    from roadmap import create_app

    url = os.environ["TEST_DATABASE_URL"]
    app = create_app(TestingConfig)
    with app.app_context():
        db.create_all()
        with db.engine.begin() as connection:
            for table in reversed(db.metadata.sorted_tables):
                connection.execute(table.delete())
        for n in range(CLIENTS):
            factories.user(
                "manager", email=f"user{n}@example.org", name=f"User {n}", password=PASSWORD
            )
        db.session.commit()
    try:
        storm(app, url, tmp_path)
    finally:
        with app.app_context():
            with db.engine.begin() as connection:
                for table in reversed(db.metadata.sorted_tables):
                    connection.execute(table.delete())
            db.engine.dispose()


@sqlite_pass_only
def test_read_then_write_transactions_from_several_processes(tmp_path):
    url = f"sqlite:///{tmp_path / 'counter.sqlite'}"
    engine = create_engine(url)
    with engine.begin() as connection:
        connection.execute(text("CREATE TABLE counter (id INTEGER PRIMARY KEY, value INTEGER)"))
        connection.execute(text("INSERT INTO counter VALUES (1, 0)"))
    processes, rounds = 4, 30
    outputs = run_clients(
        [[str(HERE / "counter_client.py"), url, str(rounds)] for _ in range(processes)]
    )
    assert all(out.strip() == "ok" for out in outputs)
    with engine.connect() as connection:
        assert (
            connection.execute(text("SELECT value FROM counter")).scalar_one() == processes * rounds
        )
    engine.dispose()
