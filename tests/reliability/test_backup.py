"""Backups are consistent while the app writes; a restore puts back exactly what was saved."""

import sqlite3
import subprocess
import sys
import time

from config import TestingConfig
from roadmap import create_app
from roadmap.backup import integrity_problems
from roadmap.extensions import db
from tests import factories
from tests.conftest import AuthActions

WRITER = r"""
import sqlite3, sys, time
connection = sqlite3.connect(sys.argv[1], isolation_level=None, timeout=10)
connection.execute("PRAGMA busy_timeout=10000")
deadline = time.monotonic() + float(sys.argv[2])
n = 0
while time.monotonic() < deadline:
    connection.execute("BEGIN IMMEDIATE")
    connection.execute("INSERT INTO pair (n, side) VALUES (?, 'a')", (n,))
    connection.execute("INSERT INTO pair (n, side) VALUES (?, 'b')", (n,))
    connection.execute("COMMIT")
    n += 1
print(n)
"""


def counts(path):
    connection = sqlite3.connect(path)
    try:
        names = [
            r[0]
            for r in connection.execute(
                "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'"
            )
        ]
        return {
            name: connection.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0]
            for name in names
        }
    finally:
        connection.close()


def test_backup_is_consistent_while_the_app_writes(file_app, tmp_path):
    live = tmp_path / "roadmap.sqlite"
    with sqlite3.connect(live) as connection:
        connection.execute("CREATE TABLE pair (n INTEGER, side TEXT)")
    connection.close()
    writer = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(live), "3"], stdout=subprocess.PIPE, text=True
    )
    try:
        time.sleep(0.3)
        copies = []
        for n in range(3):
            target = tmp_path / f"copy{n}.sqlite"
            result = file_app.test_cli_runner().invoke(args=["backup", str(target)])
            assert result.exit_code == 0, result.output
            assert "integrity check: ok" in result.output
            copies.append(target)
            time.sleep(0.2)
    finally:
        written = int(writer.communicate(timeout=30)[0])
    assert written > 0
    for copy in copies:
        assert integrity_problems(copy) == []
        pairs = counts(copy)["pair"]
        assert pairs % 2 == 0  # never half a transaction
        assert counts(copy)["user_account"] == 3
    assert counts(copies[0])["pair"] <= counts(copies[-1])["pair"] <= 2 * written


def test_backup_refuses_to_overwrite(file_app, tmp_path):
    target = tmp_path / "exists.sqlite"
    target.write_bytes(b"keep me")
    result = file_app.test_cli_runner().invoke(args=["backup", str(target)])
    assert result.exit_code != 0 and "already exists" in result.output
    assert target.read_bytes() == b"keep me"


def test_restore_puts_back_the_saved_rows(file_app, tmp_path):
    target = tmp_path / "saved.sqlite"
    runner = file_app.test_cli_runner()
    assert runner.invoke(args=["backup", str(target)]).exit_code == 0
    saved = counts(target)
    with file_app.app_context():
        factories.user(email="late@example.org", name="Late", password="another long one")
        db.session.commit()
    assert counts(tmp_path / "roadmap.sqlite") != saved

    refused = runner.invoke(args=["restore", str(target)], input="n\n")
    assert refused.exit_code != 0 and "ALL current data" in refused.output
    assert counts(tmp_path / "roadmap.sqlite")["user_account"] == 4

    result = runner.invoke(args=["restore", str(target)], input="y\n")
    assert result.exit_code == 0, result.output
    assert counts(tmp_path / "roadmap.sqlite") == saved
    assert integrity_problems(tmp_path / "roadmap.sqlite") == []
    auth = AuthActions(file_app.test_client())  # the running app sees the restored data at once
    response = auth.login(email="late@example.org", password="another long one")
    assert response.status_code == 200  # that account is gone again
    response = auth.login(email="user0@example.org", password="storm-pass-2026")
    assert response.status_code == 302


def test_restore_refuses_a_damaged_file(file_app, tmp_path):
    damaged = tmp_path / "damaged.sqlite"
    damaged.write_bytes(b"SQLite format 3\x00" + b"\xff" * 5000)
    before = counts(tmp_path / "roadmap.sqlite")
    result = file_app.test_cli_runner().invoke(args=["restore", "--yes", str(damaged)])
    assert result.exit_code != 0 and "Nothing was restored" in result.output
    assert counts(tmp_path / "roadmap.sqlite") == before


def test_postgres_explains_pg_dump(tmp_path):
    class Postgres(TestingConfig):
        SQLALCHEMY_DATABASE_URI = "postgresql+psycopg://roadmap@db.internal:5433/roadmap"

    app = create_app(Postgres)
    result = app.test_cli_runner().invoke(args=["backup", str(tmp_path / "x.sqlite")])
    assert result.exit_code != 0
    assert "pg_dump" in result.output and "pg_restore" in result.output
    assert "-h db.internal -p 5433" in result.output
    assert not (tmp_path / "x.sqlite").exists()


def test_backup_and_restore_carry_the_photos(file_app, tmp_path):
    from sqlalchemy import select

    from roadmap.photos import commands as photo_commands
    from roadmap.photos.models import Photo, PhotoFile
    from tests.photos.pictures import jpeg

    with file_app.test_request_context():
        factories.project()
        post = factories.border_post()
        photo_commands.add_photos(
            post,
            [photo_commands.Upload("gate.jpg", jpeg(at=(12.84, 1.69)))],
            caption="Gate",
            stage="assessed",
            taken_on=None,
            by=None,
            today=factories.PROJECT_START.replace(month=8, day=20),
        )
        db.session.commit()
        stored = db.session.scalar(select(PhotoFile)).content
    target = tmp_path / "saved.sqlite"
    runner = file_app.test_cli_runner()
    assert runner.invoke(args=["backup", str(target)]).exit_code == 0
    assert counts(target)["photo"] == 1 and counts(target)["photo_file"] == 1
    with file_app.app_context():
        db.session.execute(Photo.__table__.delete())
        db.session.execute(PhotoFile.__table__.delete())
        db.session.commit()
    result = runner.invoke(args=["restore", str(target)], input="y\n")
    assert result.exit_code == 0, result.output
    with file_app.app_context():
        photo = db.session.scalar(select(Photo))
        assert photo.caption == "Gate" and photo.file.content == stored
