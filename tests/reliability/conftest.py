"""Apps on a SQLite file, for tests that need several connections or processes."""

import pytest

from config import TestingConfig
from roadmap import create_app
from roadmap.extensions import db
from tests import factories

PASSWORD = "storm-pass-2026"


def file_config(path, **extra):
    """Return a TestingConfig subclass on the SQLite file at path."""
    return type(
        "FileConfig", (TestingConfig,), {"SQLALCHEMY_DATABASE_URI": f"sqlite:///{path}", **extra}
    )


def make_file_app(path, users=3, **extra):
    app = create_app(file_config(path, **extra))
    with app.app_context():
        db.create_all()
        for n in range(users):
            factories.user(
                "manager", email=f"user{n}@example.org", name=f"User {n}", password=PASSWORD
            )
        db.session.commit()
    return app


@pytest.fixture
def file_app(tmp_path):
    app = make_file_app(tmp_path / "roadmap.sqlite")
    yield app
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


import contextlib  # noqa: E402
import os  # noqa: E402
import signal  # noqa: E402
import socket  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
import urllib.request  # noqa: E402
from pathlib import Path  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
GUNICORN = Path(sys.executable).with_name("gunicorn")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until_serving(url: str, process, timeout=20.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError("gunicorn exited before serving")
        try:
            with urllib.request.urlopen(url + "/healthz", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError("gunicorn did not start in time")


@contextlib.contextmanager
def gunicorn(database_url, log_path, workers=4, app="wsgi:app", **env):
    # --preload imports the app once in the master: workers start in a fraction of a second.
    """Serve the app with gunicorn on a free loopback port; yield (base url, process)."""
    port = free_port()
    environment = dict(
        os.environ,
        DATABASE_URL=database_url,
        ROADMAP_ENV="development",
        PYTHONPATH=str(ROOT),
        **env,
    )
    with open(log_path, "w") as log:
        process = subprocess.Popen(
            [
                str(GUNICORN),
                "--workers",
                str(workers),
                "--bind",
                f"127.0.0.1:{port}",
                "--graceful-timeout",
                "2",
                "--timeout",
                "60",
                "--preload",
                app,
            ],
            cwd=ROOT,
            env=environment,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        base = f"http://127.0.0.1:{port}"
        try:
            wait_until_serving(base, process)
            yield base, process
        finally:
            if process.poll() is None:
                # Graceful: requests in flight finish, so the log shows no shutdown traceback.
                process.send_signal(signal.SIGTERM)
                try:
                    process.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait()
