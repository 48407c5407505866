"""ASVS 13/15: bandit is clean, and `flask check` names every weak setting."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from roadmap.settings_check import weaknesses

ROOT = Path(__file__).resolve().parents[2]
STRONG_KEY = "k" * 48
SAFE = {
    "SECRET_KEY": STRONG_KEY,
    "ENV_NAME": "production",
    "SESSION_COOKIE_SECURE": True,
    "SESSION_COOKIE_HTTPONLY": True,
    "SESSION_COOKIE_SAMESITE": "Lax",
    "SQLALCHEMY_DATABASE_URI": "sqlite:////srv/roadmap.sqlite",
}


def test_bandit_is_clean():
    bandit = Path(sys.executable).with_name("bandit")
    if not bandit.exists():
        bandit = shutil.which("bandit")
    assert bandit, "bandit is part of the test extras"
    result = subprocess.run(
        [str(bandit), "-q", "-c", "pyproject.toml", "-r", "roadmap"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        ({"SECRET_KEY": ""}, "SECRET_KEY is not set"),
        ({"SECRET_KEY": "changeme"}, "known default"),
        ({"SECRET_KEY": "short-key"}, "shorter than"),
        ({"DEBUG": True}, "DEBUG is on"),
        ({"SESSION_COOKIE_SECURE": False}, "SESSION_COOKIE_SECURE is off"),
        ({"SESSION_COOKIE_HTTPONLY": False}, "SESSION_COOKIE_HTTPONLY is off"),
        ({"SESSION_COOKIE_SAMESITE": None}, "SAMESITE"),
        ({"WTF_CSRF_ENABLED": False}, "WTF_CSRF_ENABLED is off"),
    ],
)
def test_each_weakness_is_named(change, problem):
    assert weaknesses(SAFE) == []
    found = weaknesses({**SAFE, **change})
    assert any(problem in line for line in found), found


def test_development_tolerates_plain_http_cookies():
    assert (
        weaknesses(
            {**SAFE, "ENV_NAME": "development", "SESSION_COOKIE_SECURE": False, "DEBUG": True}
        )
        == []
    )


def test_check_command_reports_on_the_running_app(app, runner):
    app.config.update(ENV_NAME="production", SESSION_COOKIE_SECURE=False)
    result = runner.invoke(args=["check"])
    assert result.exit_code == 1
    assert "problem: SESSION_COOKIE_SECURE is off." in result.output


def start_flask_check(tmp_path, *flags, **env):
    environment = {
        k: v for k, v in os.environ.items() if k not in ("SECRET_KEY", "ROADMAP_ENV", "FLASK_DEBUG")
    }
    environment.update(DATABASE_URL=f"sqlite:///{tmp_path / 'check.sqlite'}", **env)
    return subprocess.Popen(
        [str(Path(sys.executable).with_name("flask")), "--app", "wsgi", *flags, "check"],
        cwd=ROOT,
        env=environment,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_flask_check_reports_weak_key_and_debug_though_the_app_would_refuse_to_start(tmp_path):
    weak_key = start_flask_check(tmp_path, SECRET_KEY="short")
    debug = start_flask_check(tmp_path, "--debug", SECRET_KEY=STRONG_KEY)
    out, err = weak_key.communicate(timeout=60)
    assert weak_key.returncode == 1
    assert "problem: SECRET_KEY is shorter than 32 characters." in out
    assert "Traceback" not in err
    out, err = debug.communicate(timeout=60)
    assert debug.returncode == 1 and "problem: DEBUG is on." in out


def test_a_weak_production_app_refuses_to_start(tmp_path):
    from config import Config
    from roadmap import create_app
    from roadmap.settings_check import ConfigurationError

    weak = type("Weak", (Config,), {"SECRET_KEY": "dev", "SQLALCHEMY_DATABASE_URI": "sqlite://"})
    with pytest.raises(ConfigurationError, match="SECRET_KEY"):
        create_app(weak)
