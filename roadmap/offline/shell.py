"""What the service worker keeps: the app shell's hashed URLs and the pages read offline."""

import hashlib
import os

from flask import current_app, url_for

from roadmap.assets import static_url
from roadmap.caching import kept, key_of
from roadmap.release import release

# Files the pages load: every stylesheet and script, whatever a release adds or drops.
SHELL_SUFFIXES = (".css", ".js")
# Folders the pages address by the folder's hash (plotly.js completes the file name).
SHELL_FOLDERS = ("vendor/topojson/",)
# Kept once a page has used them rather than fetched at install: a plotly.js bundle and the
# map outlines are most of the shell's bytes (some 750 KB compressed), and fetching them all
# on a 1 Mbit/s link while the first chart page loads would slow that page for no reader.
ON_USE = ("vendor/plotly/plotly-", "vendor/topojson/")
# Pages kept as last seen: the dashboard and the Gantt (by endpoint).
KEPT_PAGES = ("dashboard.index", "schedule.gantt")
# Issued report files, kept once downloaded (the path; the query names version and language).
REPORT_FILES = r"^/reports/\d{4}-\d{2}\.(pdf|xlsx)$"


def shell_files(static_folder: str) -> list[str]:
    """Return the static files of the shell, relative to the folder, sorted."""
    found = []
    for top, folders, files in os.walk(static_folder):
        folders[:] = sorted(name for name in folders if not name.startswith("."))
        for name in files:
            if name.endswith(SHELL_SUFFIXES) and not name.startswith("."):
                found.append(os.path.relpath(os.path.join(top, name), static_folder))
    return sorted(path.replace(os.sep, "/") for path in found)


def folder_files(static_folder: str, folder: str) -> list[str]:
    """Return the names of the files directly in a static folder, sorted."""
    path = os.path.join(static_folder, folder)
    if not os.path.isdir(path):
        return []
    return sorted(
        entry.name
        for entry in os.scandir(path)
        if entry.is_file() and not entry.name.startswith(".") and entry.name.endswith(".json")
    )


def shell_urls() -> tuple[list[str], list[str]]:
    """Return the hashed URLs of the shell as the pages ask for them: fetched at install,
    and kept once used."""
    static_folder = current_app.static_folder
    named = [(path, static_url(path)) for path in shell_files(static_folder)]
    for folder in SHELL_FOLDERS:
        base = static_url(folder)
        named += [(folder + name, base + name) for name in folder_files(static_folder, folder)]
    at_install = [url for path, url in named if not path.startswith(ON_USE)]
    on_use = [url for path, url in named if path.startswith(ON_USE)]
    return at_install, on_use


def worker_config() -> dict:
    """Return what the worker script is told: its version, the shell, the pages it keeps."""

    patience = int(current_app.config["ROADMAP_OFFLINE_PATIENCE_MS"])

    def build() -> dict:
        languages = current_app.config["LANGUAGES"]
        shell, on_use = shell_urls()
        offline_pages = {lang: url_for("offline.page", lang=lang) for lang in languages}
        version = hashlib.sha256(repr((release(), shell, on_use)).encode()).hexdigest()[:12]
        return {
            "version": version,
            "shell": shell,
            "on_use": on_use,
            "offline_pages": offline_pages,
            "default_language": languages[0],
            "kept_pages": [url_for(endpoint) for endpoint in KEPT_PAGES],
            "report_files": REPORT_FILES,
            "login": url_for("auth.login"),
            "static": current_app.static_url_path + "/",
            "patience_ms": patience,
        }

    if current_app.debug:
        return build()
    return kept(key_of("offline_worker", release(), current_app.static_folder, patience), build)
