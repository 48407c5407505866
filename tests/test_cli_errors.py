"""Every command answers bad input with one line naming the problem and exit code 1."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from roadmap.extensions import db
from tests import factories

ROOT = Path(__file__).resolve().parents[1]
FLASK = Path(sys.executable).with_name("flask")


def one_line(result) -> str:
    """Return the one error line of a refused command, checking there is nothing else."""
    assert result.exit_code == 1, result.output
    assert isinstance(result.exception, SystemExit), result.exception
    (line,) = result.output.strip().splitlines()
    assert line.startswith("Error: ")
    return line.removeprefix("Error: ")


@pytest.mark.parametrize(
    ("args", "stdin", "message"),
    [
        (["create-user", "not-an-email"], "long-enough-secret\n", "is not an e-mail address"),
        (["create-user", "x@example.org", "--role", "owner"], "", "Invalid value for '--role'"),
        (["create-user", "viewer@example.org"], "long-enough-secret\n", "already exists"),
        (["create-user", "x@example.org"], "password123\n", "too common"),
        (["create-user"], "", "Missing argument 'EMAIL'"),
        (["seed-demo", "--start", "yesterday"], "", "Invalid value for '--start'"),
        (["report", "2026-08"], "", "Missing option '--output'"),
        (["report", "2026-08", "--format", "docx", "--output", "x"], "", "'--format'"),
        (["import-posts", "missing.csv"], "", "File 'missing.csv' does not exist"),
        (["restore", "missing.sqlite"], "", "File 'missing.sqlite' does not exist"),
        (["followup", "extra"], "", "unexpected extra argument"),
        (["init-project", "--name", "X"], "", "Missing option"),
    ],
)
def test_usage_mistakes(runner, args, stdin, message):
    assert message in one_line(runner.invoke(args=args, input=stdin))


def test_report_without_a_project(runner, tmp_path):
    result = runner.invoke(args=["report", "2026-08", "--output", str(tmp_path / "r.pdf")])
    assert one_line(result) == "No project is set up."


def test_report_names_a_month_outside_the_project_and_a_folder_that_is_not_there(
    app, runner, tmp_path
):
    with app.app_context():
        factories.project()
        db.session.commit()
    month = runner.invoke(args=["report", "2031-01", "--output", str(tmp_path / "r.html")])
    assert one_line(month) == "2031-01 is not a YYYY-MM month of the project."
    nowhere = tmp_path / "nowhere" / "r.html"
    folder = runner.invoke(args=["report", "2026-08", "--format", "html", "--output", str(nowhere)])
    assert one_line(folder) == f"No such file or directory: {nowhere}"


def test_import_posts_refuses_a_file_that_is_not_csv(runner, tmp_path):
    binary = tmp_path / "posts.csv"
    binary.write_bytes(b"\x00\x01\x02 not text")
    assert "not a text file" in one_line(runner.invoke(args=["import-posts", str(binary)]))
    headless = tmp_path / "headless.csv"
    headless.write_text("name,country\nA,NER\n")
    line = one_line(runner.invoke(args=["import-posts", str(headless)]))
    assert line.startswith("Required columns are missing: latitude, longitude.")


def test_backup_refuses_an_existing_file_and_restore_a_file_that_is_not_a_database(
    runner, tmp_path, database_url
):
    existing = tmp_path / "taken.sqlite"
    existing.write_text("")
    line = one_line(runner.invoke(args=["backup", str(existing)]))
    if database_url.startswith("postgresql"):
        assert line.startswith("This installation uses PostgreSQL; back it up with its own tools")
        return
    assert line == f"{existing} already exists; choose a new file name."
    not_a_database = tmp_path / "notes.txt"
    not_a_database.write_text("hello")
    line = one_line(runner.invoke(args=["restore", "--yes", str(not_a_database)]))
    assert line.startswith("Nothing was restored: ")


def production_command(*args, database_url, stdin="", **env):
    environment = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith(("ROADMAP_", "SECRET_KEY", "TEST_DATABASE", "PYTEST"))
    }
    environment.update(DATABASE_URL=database_url, **env)
    return subprocess.run(
        [str(FLASK), "--app", "wsgi", *args],
        input=stdin,
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
        cwd=ROOT,
    )


def test_create_user_on_a_database_not_migrated_says_so_in_production(tmp_path):
    """Production (no ROADMAP_ENV, no SECRET_KEY: a command serves nothing), no tables yet."""
    result = production_command(
        "create-user",
        "first.admin@example.org",
        "--role",
        "admin",
        database_url=f"sqlite:///{tmp_path / 'empty.sqlite'}",
        stdin="first-admin-pass-2026\n",
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.strip().splitlines() == [
        "Error: The database is not migrated to the latest version: "
        "run `flask --app wsgi db upgrade`."
    ]


def test_a_command_with_an_unreadable_setting_says_so_in_one_line(tmp_path):
    result = production_command(
        "followup", database_url=f"sqlite:///{tmp_path / 'r.sqlite'}", ROADMAP_PROXY_HOPS="two"
    )
    assert result.returncode == 1
    (line,) = result.stderr.strip().splitlines()
    assert line.startswith("Error: ROADMAP_PROXY_HOPS must be a whole number from 0 to 5")


def test_a_command_with_a_database_url_it_cannot_read_says_so_in_one_line():
    result = production_command("followup", database_url="not-a-url")
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [
        "Error: DATABASE_URL cannot be used: Could not parse SQLAlchemy URL from given URL string"
    ]
