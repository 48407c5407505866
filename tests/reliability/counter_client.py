"""One writer for the foundation's test: N read-then-write transactions through SQLAlchemy.

Run as `python counter_client.py DATABASE_URL N`; each transaction reads the
counter and writes it back plus one, the lost-update pattern if locking were wrong.
"""

import importlib.util
import sys
from pathlib import Path

from sqlalchemy import create_engine, text

# The app's own SQLite settings, loaded alone: importing the package would pull in Flask.
_spec = importlib.util.spec_from_file_location(
    "roadmap_database", Path(__file__).resolve().parents[2] / "roadmap" / "database.py"
)
_database = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_database)
configure_engine = _database.configure_engine


def main(url, count):
    engine = create_engine(url)
    configure_engine(engine)
    for _ in range(count):
        with engine.begin() as connection:
            value = connection.execute(text("SELECT value FROM counter WHERE id = 1")).scalar_one()
            connection.execute(text("UPDATE counter SET value = :v WHERE id = 1"), {"v": value + 1})
    engine.dispose()
    print("ok")


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]))
