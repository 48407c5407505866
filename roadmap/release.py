"""The release a process runs: a digest of its code, templates, translations and static files."""

import hashlib
from pathlib import Path

from flask import current_app

# What a deployment changes: code, templates, translations, static files and their pins.
RELEASE_PARTS = ("roadmap", "templates", "static", "package-lock.json", "pyproject.toml")
# The release a process runs does not change while it runs: its digest is read once.
_release: dict[str, str] = {}


def release() -> str:
    """Return a digest of the files that make up this release (read once per process)."""
    root = Path(current_app.root_path).parent
    key = str(root)
    if key not in _release:
        digest = hashlib.sha256()
        for part in RELEASE_PARTS:
            path = root / part
            files = sorted(path.rglob("*")) if path.is_dir() else [path]
            for file in files:
                if file.is_file() and "__pycache__" not in file.parts:
                    # Name, size and time: cheap, and any edit or new build changes them.
                    stat = file.stat()
                    name = file.relative_to(root)
                    digest.update(f"{name}:{stat.st_size}:{stat.st_mtime_ns}\n".encode())
        _release[key] = digest.hexdigest()[:16]
    return _release[key]
