"""A SQLite database holding the issue's scale project, for the benchmarks that need one.

Run: .venv/bin/python benchmarks/scale_db.py PATH   (creates PATH unless it exists)
The benchmarks import `scale_database(path)`; it runs the documented commands,
`flask db upgrade` then `flask seed-scale --milestones 5000 --posts 1000
--workshops 50 --months 36`, so what is measured is what an operator would load.
"""

import os
import subprocess  # nosec B404 - runs our own flask commands
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FLASK = [str(ROOT / ".venv" / "bin" / "flask"), "--app", "wsgi"]
SCALE = ["--milestones", "5000", "--posts", "1000", "--workshops", "50", "--months", "36"]


def database_url(path: Path) -> str:
    """Return the SQLAlchemy URL of a SQLite file."""
    return f"sqlite:///{Path(path).resolve()}"


def scale_database(path: Path, quiet=True) -> str:
    """Create the scale database at path unless it exists; return its URL."""
    path = Path(path)
    url = database_url(path)
    if path.exists():
        return url
    env = {**os.environ, "DATABASE_URL": url, "ROADMAP_ENV": "development"}
    started = time.perf_counter()
    output = subprocess.DEVNULL if quiet else None
    for command in (["db", "upgrade"], ["seed-scale", *SCALE]):
        subprocess.run(
            [*FLASK, *command],
            cwd=ROOT,
            env=env,
            check=True,  # nosec B603
            stdout=output,
            stderr=output,
        )
    print(f"seeded the scale project into {path} in {time.perf_counter() - started:.0f} s")
    return url


if __name__ == "__main__":
    scale_database(Path(sys.argv[1]), quiet=False)
