"""What `flask check` verifies besides configuration: what the app needs to run."""

import importlib
import os
from pathlib import Path

from flask import current_app

# Files the build copies or compiles; pages and charts break without them.
BUILT_FILES = (
    "static/vendor/bootstrap/bootstrap.min.css",
    "static/vendor/plotly/plotly-basic.min.js",
    "static/vendor/plotly/plotly-geo.min.js",
    "static/vendor/plotly/locales/fr.js",
    "static/vendor/topojson/africa_50m.json",
)


def dependency_problems(config) -> list[str]:
    """Return one sentence for each missing dependency."""
    found = []
    chromium = config.get("CHROMIUM_PATH", "/usr/bin/chromium")
    if not os.access(chromium, os.X_OK):
        found.append(
            f"Chromium is not installed at {chromium}: report PDFs will say where a chart "
            "could not be drawn (install Debian's chromium package)."
        )
    for module, purpose in (("weasyprint", "PDF reports"), ("xlsxwriter", "XLSX reports")):
        try:
            importlib.import_module(module)  # importing also loads WeasyPrint's system libraries
        except (ImportError, OSError) as error:
            found.append(f"{module} cannot be loaded ({purpose}): {error}")
    return found + build_problems() + database_problems()


def build_problems() -> list[str]:
    """Return the built files (front-end assets, compiled translations) that are missing."""
    root = Path(current_app.root_path).parent
    missing = [name for name in BUILT_FILES if not (root / name).is_file()]
    found = [f"{name} is missing: run `make assets`." for name in missing]
    catalogue = Path(current_app.root_path) / "translations/fr/LC_MESSAGES/messages.mo"
    if not catalogue.is_file():
        found.append("The French catalogue is not compiled: run `make translations`.")
    return found


def database_problems() -> list[str]:
    """Return why the database cannot serve: unwritable, unreachable, or not migrated."""
    from roadmap.readiness import database_problem

    migrate = current_app.extensions["migrate"]
    problem = database_problem(migrate.db.engine, migrate.directory)
    return [problem] if problem else []
