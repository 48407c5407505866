"""The lock files hold every pin of pyproject.toml at the same version, each with hashes."""

import re
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PIN = re.compile(r"^([A-Za-z0-9_.-]+)(?:\[[^\]]*\])?==([^\s;\\]+)")


def normal(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def pins(lines) -> dict[str, str]:
    found = {}
    for line in lines:
        match = PIN.match(line.strip())
        if match:
            found[normal(match.group(1))] = match.group(2)
    return found


def locked(name: str) -> tuple[dict[str, str], str]:
    text = (ROOT / name).read_text()
    return pins(text.splitlines()), text


PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]


@pytest.mark.parametrize(
    ("lock", "wanted"),
    [
        ("requirements.lock", PROJECT["dependencies"]),
        (
            "requirements-test.lock",
            PROJECT["dependencies"] + PROJECT["optional-dependencies"]["test"],
        ),
    ],
)
def test_the_lock_pins_what_pyproject_pins(lock, wanted):
    versions, text = locked(lock)
    assert pins(wanted).items() <= versions.items(), "run pip-compile again (see the lock's header)"
    # Every package, the dependencies of dependencies too, with at least one hash.
    entries = re.split(r"\n(?=[A-Za-z0-9])", text.split("\n", 6)[-1])
    assert all("--hash=sha256:" in entry for entry in entries if PIN.match(entry))
