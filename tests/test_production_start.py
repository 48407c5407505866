"""The production start (deploy/entrypoint.sh, as `make serve`, the container and CI run it):
it migrates and serves, a person logs in; or it refuses with one line and exit code 1.

The serving test runs on the suite's database: a fresh PostgreSQL database next to
TEST_DATABASE_URL when that names one, else an SQLite file.
"""

import json
import os
import re
import shutil
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.databases import is_postgresql, temporary_database

ROOT = Path(__file__).resolve().parents[1]
ENTRYPOINT = ROOT / "deploy" / "entrypoint.sh"
BIN = Path(sys.executable).parent
KEY = "a-production-key-of-forty-characters-000"
PASSWORD = "first-admin-pass-2026"


def production_env(database_url: str, **extra) -> dict:
    env = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith(("ROADMAP_", "FLASK_", "TEST_DATABASE", "PYTEST"))
    }
    env.update(PATH=f"{BIN}{os.pathsep}{env.get('PATH', '')}", DATABASE_URL=database_url)
    env.update({"SECRET_KEY": KEY, **extra})
    return env


def refusal(env: dict, wrap: list[str] | None = None) -> str:
    """Run the entry point expecting it to refuse; return its one line."""
    result = subprocess.run(
        [*(wrap or []), str(ENTRYPOINT)],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        cwd=ROOT,
    )
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr, result.stderr
    lines = result.stderr.strip().splitlines()
    assert lines and lines[-1].startswith("roadmap: refusing to start: "), result.stderr
    return lines[-1].removeprefix("roadmap: refusing to start: ")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Browser:
    """Just enough of a browser over plain HTTP: it keeps cookies, including Secure ones
    (the proxy in front of a real deployment speaks HTTPS), and does not follow redirects."""

    def __init__(self, base: str):
        self.base = base
        self.cookies: dict[str, str] = {}

    def request(self, path: str, data: dict | None = None):
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        request = urllib.request.Request(self.base + path, data=body)
        if self.cookies:
            request.add_header("Cookie", "; ".join(f"{k}={v}" for k, v in self.cookies.items()))
        opener = urllib.request.build_opener(NoRedirect)
        try:
            response = opener.open(request, timeout=10)
        except urllib.error.HTTPError as error:
            response = error
        for header in response.headers.get_all("Set-Cookie") or []:
            name, _, rest = header.partition("=")
            self.cookies[name] = rest.split(";", 1)[0]
        return response.status, response.read().decode()


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


@contextmanager
def serving(env: dict, log_path: Path):
    """Start the entry point; yield its base URL once /healthz answers 200."""
    port = free_port()
    env = dict(env, ROADMAP_BIND=f"127.0.0.1:{port}", ROADMAP_WORKERS="1")
    base = f"http://127.0.0.1:{port}"
    log = open(log_path, "w")  # noqa: SIM115 (closed when the server has stopped)
    process = subprocess.Popen(
        [str(ENTRYPOINT)], env=env, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            if process.poll() is not None:
                pytest.fail("the entry point stopped:\n" + log_path.read_text())
            try:
                with urllib.request.urlopen(base + "/healthz", timeout=2) as response:
                    if response.status == 200:
                        break
            except OSError:
                pass
            if time.monotonic() > deadline:
                pytest.fail("the entry point did not serve within 30 s")
            time.sleep(0.1)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()


@pytest.fixture
def production_database(tmp_path):
    """Yield the URL of an empty database for a production start."""
    base = os.environ.get("TEST_DATABASE_URL")
    if is_postgresql(base):
        with temporary_database(base, "serve") as url:
            yield url
    else:
        yield f"sqlite:///{tmp_path / 'roadmap.sqlite'}"


def test_it_migrates_serves_and_a_person_logs_in(production_database, tmp_path):
    env = production_env(production_database)
    log = tmp_path / "server.log"
    with serving(env, log) as base:
        # The first administrator is made with the production configuration (no ROADMAP_ENV).
        made = subprocess.run(
            [str(BIN / "flask"), "--app", "wsgi", "create-user", "admin@example.org"]
            + ["--role", "admin"],
            input=PASSWORD + "\n",
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
            cwd=ROOT,
        )
        assert made.returncode == 0, made.stderr
        browser = Browser(base)
        status, page = browser.request("/login")
        assert status == 200
        token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
        status, _ = browser.request(
            "/login", {"csrf_token": token, "email": "admin@example.org", "password": PASSWORD}
        )
        assert status == 302
        status, page = browser.request("/account")
        assert status == 200 and "admin@example.org" in page
        assert browser.request("/healthz")[0] == 200
    # The server wrote one JSON line per request, the logged-in ones naming the user.
    lines = [json.loads(line) for line in log.read_text().splitlines() if line.startswith("{")]
    account = [line for line in lines if line["path"] == "/account"]
    assert len(account) == 1 and account[0]["status"] == 200 and account[0]["user_id"] == 1
    assert {"POST", "GET"} <= {line["method"] for line in lines if line["path"] == "/login"}


@pytest.mark.parametrize(
    ("key", "reason"),
    [("", "SECRET_KEY is not set."), ("changeme", "known default"), ("short", "shorter than 32")],
)
def test_a_weak_secret_key_is_refused(tmp_path, key, reason):
    env = production_env(f"sqlite:///{tmp_path / 'r.sqlite'}", SECRET_KEY=key)
    assert reason in refusal(env)
    assert not (tmp_path / "r.sqlite").exists()


def test_the_production_start_ignores_a_development_setting_left_in_the_shell(tmp_path):
    env = production_env(
        f"sqlite:///{tmp_path / 'r.sqlite'}", SECRET_KEY="", ROADMAP_ENV="development"
    )
    assert "SECRET_KEY is not set." in refusal(env)


def test_an_unreachable_database_is_refused():
    env = production_env("postgresql+psycopg://nobody@127.0.0.1:1/roadmap")
    line = refusal(env)
    assert line.startswith("The database cannot be reached (postgresql+psycopg://nobody@")
    assert "Connection refused" in line


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("not-a-url", "Could not parse SQLAlchemy URL"),
        ("mysql+nodriver://h/db", "Can't load plugin: sqlalchemy.dialects:mysql.nodriver"),
    ],
)
def test_a_database_url_it_cannot_use_is_refused(url, reason):
    line = refusal(production_env(url))
    assert line.startswith("DATABASE_URL cannot be used: ") and reason in line


def test_a_read_only_sqlite_folder_is_refused(tmp_path):
    folder = tmp_path / "instance"
    folder.mkdir()
    env = production_env(f"sqlite:///{folder / 'roadmap.sqlite'}")
    if os.geteuid() != 0:
        folder.chmod(0o555)
        wrap = None
    else:
        # Root writes anywhere a mode forbids; a read-only mount stops it too.
        if not shutil.which("unshare"):
            pytest.skip("running as root without unshare to mount the folder read-only")
        probe = subprocess.run(["unshare", "-r", "-m", "true"], capture_output=True)
        if probe.returncode != 0:
            pytest.skip("running as root where unshare cannot make a mount namespace")
        mount = 'mount --bind "$0" "$0" && mount -o remount,bind,ro "$0" && exec "$1"'
        wrap = ["unshare", "-r", "-m", "sh", "-c", mount, str(folder)]
    try:
        line = refusal(env, wrap)
    finally:
        folder.chmod(0o755)
    assert line == f"The folder {folder} of the SQLite database is not writable by this user."


def test_a_missing_sqlite_folder_is_refused(tmp_path):
    env = production_env(f"sqlite:///{tmp_path / 'nowhere' / 'roadmap.sqlite'}")
    assert refusal(env) == (
        f"The folder {tmp_path / 'nowhere'} of the SQLite database does not exist."
    )


def test_a_database_from_a_newer_version_is_refused(tmp_path):
    path = tmp_path / "newer.sqlite"
    with sqlite3.connect(path) as connection:
        connection.execute("CREATE TABLE alembic_version (version_num VARCHAR(32) PRIMARY KEY)")
        connection.execute("INSERT INTO alembic_version VALUES ('ffffffffffff')")
    connection.close()
    assert refusal(production_env(f"sqlite:///{path}")) == (
        "The database is at migration ffffffffffff, which this version of Roadmap does not "
        "know: run the version that made it, or restore a backup."
    )


def test_a_migration_that_fails_is_refused(tmp_path):
    path = tmp_path / "unmanaged.sqlite"
    with sqlite3.connect(path) as connection:  # tables made outside the migrations
        connection.execute("CREATE TABLE user_account (id INTEGER PRIMARY KEY)")
    connection.close()
    line = refusal(production_env(f"sqlite:///{path}"))
    assert line.startswith(f"The migrations could not be applied to SQLite file {path}: ")
    assert "already exists" in line
