"""Static files: content-hashed URLs cached for a year, and responses sent compressed.

`static_url("css/app.css")` is /static/v/<hash>/css/app.css, the hash being the start of the
file's SHA-256 (for a folder, such as the map outlines plotly.js completes with a file name,
of the files in it). A release that changes a file changes its URL, so a browser may keep a
hashed file for a year without asking again. The plain /static/<file> address still works
and is revalidated each time. Hashes are computed once per process (in debug, each time).

Compressible files go out as brotli or gzip: the .br or .gz that `make assets` wrote beside
the file when it is at least as new, else compressed here once per process. Pages and API
answers are compressed by Flask-Compress, which leaves streamed responses alone.
"""

import gzip
import hashlib
import mimetypes
import os

import brotli
from flask import abort, current_app, request, send_file, url_for
from flask.sessions import SecureCookieSessionInterface
from markupsafe import Markup
from werkzeug.security import safe_join

from roadmap.caching import kept, key_of
from roadmap.extensions import compress
from roadmap.release import release

DIGEST_LENGTH = 12
ONE_YEAR = 365 * 24 * 3600
SUFFIXES = {"br": ".br", "gzip": ".gz"}  # preferred first
COMPRESSION_DEFAULTS = {
    "COMPRESS_ALGORITHM": list(SUFFIXES),
    "COMPRESS_MIN_SIZE": 500,  # bytes; below this the headers cost more than they save
    # A stream (file download, CSV export) is sent as it is made, uncompressed.
    "COMPRESS_STREAMS": False,
    "COMPRESS_BR_LEVEL": 5,
    # What the app sends that compresses well (Flask-Compress's own list lacks the CSV,
    # iCalendar and GeoJSON); PDF, XLSX and images are compressed already.
    "COMPRESS_MIMETYPES": [
        "text/html",
        "text/css",
        "text/javascript",
        "application/javascript",
        "application/json",
        "application/geo+json",
        "application/xml",
        "text/xml",
        "image/svg+xml",
        "text/plain",
        "text/csv",
        "text/calendar",
    ],
}
STATIC_FOLDER = "../static"  # beside the package, as the templates are


def file_digest(path: str) -> str:
    """Return the first hex digits of a file's SHA-256."""
    with open(path, "rb") as file:
        return hashlib.file_digest(file, "sha256").hexdigest()[:DIGEST_LENGTH]


def folder_digest(path: str) -> str:
    """Return a digest of the names and contents of the files directly in a folder."""
    digest = hashlib.sha256()
    for entry in sorted(os.scandir(path), key=lambda entry: entry.name):
        if entry.is_file() and not entry.name.startswith(".") and not _precompressed(entry.name):
            digest.update(f"{entry.name}:{file_digest(entry.path)}\n".encode())
    return digest.hexdigest()[:DIGEST_LENGTH]


def _precompressed(name: str) -> bool:
    return name.endswith(tuple(SUFFIXES.values()))


def fingerprint(filename: str) -> str | None:
    """Return the hash of a static file, or of a folder when the name ends with '/'."""
    path = safe_join(current_app.static_folder, filename.rstrip("/") or ".")
    if path is None:
        return None
    folder = filename.endswith("/")

    def digest() -> str | None:
        if folder and os.path.isdir(path):
            return folder_digest(path)
        if not folder and os.path.isfile(path):
            return file_digest(path)
        return None

    if current_app.debug:
        return digest()
    # The release names every static file's size and time: a rebuilt file is a new key.
    return kept(key_of("static_digest", release(), path, folder), digest)


def static_url(filename: str) -> str:
    """Return the hashed URL of a static file or folder (the plain one if it is missing)."""
    digest = fingerprint(filename)
    if digest is None:
        return url_for("static", filename=filename)
    return url_for("static", filename=filename, digest=digest)


def inline_css(filename: str) -> Markup | None:
    """Return a built stylesheet to write inside a <style>, read once per process; or None."""
    path = safe_join(current_app.static_folder, filename)
    if path is None or not os.path.isfile(path):
        return None

    def read() -> str:
        with open(path, encoding="utf-8") as file:
            text = file.read()
        # Our own build's output (assets/critical.mjs); it could only end the element early.
        return "" if "</" in text else text

    # The release names every static file's size and time: a rebuilt file is a new key.
    text = read() if current_app.debug else kept(key_of("static_inline", release(), path), read)
    return Markup(text) if text else None  # nosec B704


def _hash_is_current(filename: str, digest: str | None) -> bool:
    if digest is None:
        return False
    if digest == fingerprint(filename):
        return True
    folder = filename.rpartition("/")[0]
    return bool(folder) and digest == fingerprint(folder + "/")


def _encoding(path: str, mimetype: str | None) -> str | None:
    """Return the encoding to send this file in, or None to send it as it is."""
    config = current_app.config
    if mimetype not in config["COMPRESS_MIMETYPES"]:
        return None
    if os.path.getsize(path) < config["COMPRESS_MIN_SIZE"]:
        return None
    return request.accept_encodings.best_match(list(SUFFIXES))


def compressed_body(path: str, encoding: str, digest: str) -> bytes:
    """Return the file's bytes in this encoding, read (or compressed) once and kept."""

    def body() -> bytes:
        sibling = path + SUFFIXES[encoding]
        if os.path.isfile(sibling) and os.path.getmtime(sibling) >= os.path.getmtime(path):
            with open(sibling, "rb") as file:
                return file.read()
        with open(path, "rb") as file:
            return compress_bytes(file.read(), encoding)

    return kept(key_of("static_body", path, encoding, digest), body)


def compress_bytes(data: bytes, encoding: str) -> bytes:
    """Compress as well as is affordable once per process (best brotli takes ~3 s a MB)."""
    if encoding == "br":
        return brotli.compress(data, quality=11 if len(data) < 256_000 else 9)
    return gzip.compress(data, compresslevel=9, mtime=0)


def serve_static(filename: str, digest: str | None = None):
    """Send a static file, compressed when the browser accepts it; a year's cache if hashed."""
    path = safe_join(current_app.static_folder, filename)
    if path is None or not os.path.isfile(path):
        abort(404)
    etag = fingerprint(filename)
    mimetype = mimetypes.guess_type(path)[0] or "application/octet-stream"
    encoding = _encoding(path, mimetype)
    if encoding is None:
        response = send_file(path, mimetype=mimetype, etag=etag)
    else:
        response = current_app.response_class(
            compressed_body(path, encoding, etag), mimetype=mimetype
        )
        response.headers["Content-Encoding"] = encoding
        response.set_etag(f"{etag}-{encoding}")  # one validator per representation
        response.last_modified = os.path.getmtime(path)
        response.cache_control.no_cache = True
        response.make_conditional(request)
    response.vary.add("Accept-Encoding")
    if _hash_is_current(filename, digest):
        response.cache_control.no_cache = None
        response.cache_control.public = True
        response.cache_control.max_age = ONE_YEAR
        response.cache_control.immutable = True
    return response


class SessionInterface(SecureCookieSessionInterface):
    """Flask's signed-cookie session, left out of static files' answers."""

    def save_session(self, app, session, response):
        # A refreshed cookie and `Vary: Cookie` (Flask-Login reads the session on every
        # answer) would make browsers revalidate a cached file whenever the cookie changes,
        # which is every request; and a shared cache must not keep a Set-Cookie.
        if request.endpoint == "static" and not session.modified:
            return
        super().save_session(app, session, response)


def register(app) -> None:
    """Serve static files with hashed URLs and compress every other answer."""
    for key, value in COMPRESSION_DEFAULTS.items():
        app.config.setdefault(key, value)
    compress.init_app(app)
    app.session_interface = SessionInterface()
    # The app is made without a static folder, so that the "static" endpoint is ours.
    app.static_folder = STATIC_FOLDER
    for rule in ("/<path:filename>", "/v/<digest>/<path:filename>"):
        app.add_url_rule(app.static_url_path + rule, endpoint="static", view_func=serve_static)
