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


def shell_urls() -> list[str]:
    """Return the hashed URLs of the shell, as the pages ask for them."""
    static_folder = current_app.static_folder
    urls = [static_url(path) for path in shell_files(static_folder)]
    for folder in SHELL_FOLDERS:
        base = static_url(folder)
        urls += [base + name for name in folder_files(static_folder, folder)]
    return urls


def worker_config() -> dict:
    """Return what the worker script is told: its version, the shell, the pages it keeps."""

    def build() -> dict:
        languages = current_app.config["LANGUAGES"]
        shell = shell_urls()
        offline_pages = {lang: url_for("offline.page", lang=lang) for lang in languages}
        version = hashlib.sha256(repr((release(), shell)).encode()).hexdigest()[:12]
        return {
            "version": version,
            "shell": shell,
            "offline_pages": offline_pages,
            "default_language": languages[0],
            "kept_pages": [url_for(endpoint) for endpoint in KEPT_PAGES],
            "report_files": REPORT_FILES,
            "login": url_for("auth.login"),
            "static": current_app.static_url_path + "/",
        }

    if current_app.debug:
        return build()
    return kept(key_of("offline_worker", release(), current_app.static_folder), build)
