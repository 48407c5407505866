"""Configuration read from the environment."""

import os
import tempfile
from datetime import timedelta
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent

# Keys that must never protect a real deployment.
KNOWN_DEFAULT_KEYS = frozenset(
    {"dev", "development", "secret", "changeme", "change-me", "dev-only-not-secret"}
)


def _database_url():
    url = os.environ.get("DATABASE_URL")
    if url:
        return url
    return f"sqlite:///{BASE_DIR / 'instance' / 'roadmap.sqlite'}"


class Config:
    """Production settings; everything sensitive comes from the environment."""

    ENV_NAME = "production"
    SECRET_KEY = os.environ.get("SECRET_KEY")
    SQLALCHEMY_DATABASE_URI = _database_url()
    SQLALCHEMY_ENGINE_OPTIONS = {"pool_pre_ping": True}
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    SESSION_COOKIE_SECURE = True
    PERMANENT_SESSION_LIFETIME = timedelta(hours=8)
    # A login lasts 8 h from the login itself (session_expired checks login_at), so the
    # cookie's expiry, set at login, need not slide: re-signing it on every answer is cost only.
    SESSION_REFRESH_EACH_REQUEST = False
    MAX_CONTENT_LENGTH = 5 * 1024 * 1024
    WTF_CSRF_TIME_LIMIT = None  # the session lifetime bounds the token
    BABEL_DEFAULT_LOCALE = "en"
    BABEL_DEFAULT_TIMEZONE = "UTC"
    LANGUAGES = ("en", "fr")
    # "Today" for pages and reports; None means the real date. Tests and demos pin it.
    ROADMAP_TODAY = os.environ.get("ROADMAP_TODAY") or None
    # Failed logins within the window that lock an account, and that block an address
    # across all accounts (an office behind one address shares it: set it high).
    LOGIN_ATTEMPT_LIMIT = 10
    LOGIN_ADDRESS_LIMIT = 100
    LOGIN_ATTEMPT_WINDOW = timedelta(minutes=15)
    # Failures of one account before each further attempt waits 1 s, 2 s, 4 s… up to the cap.
    LOGIN_SLOWDOWN_AFTER = 3
    LOGIN_SLOWDOWN_CAP = timedelta(minutes=1)
    CHROMIUM_PATH = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
    # Charts' first paint drawn on the server as SVG inside the page (roadmap/charts/first_paint.py).
    ROADMAP_SERVER_CHARTS = os.environ.get("ROADMAP_SERVER_CHARTS", "1") not in ("0", "false", "")
    # The one cache (roadmap/caching.py): in this process unless a Redis URL is given.
    ROADMAP_CACHE_URL = os.environ.get("ROADMAP_CACHE_URL") or None
    CACHE_TYPE = "SimpleCache"
    CACHE_THRESHOLD = 300  # entries per process; the oldest go first
    CACHE_DEFAULT_TIMEOUT = 24 * 3600
    CACHE_KEY_PREFIX = "roadmap:"
    # The background queue (roadmap/jobs.py): a SQLite file in instance/ unless a Redis URL
    # (redis://host:6379/0) or sqlite:///path is given; `flask worker` runs its jobs.
    ROADMAP_QUEUE_URL = os.environ.get("ROADMAP_QUEUE_URL") or None
    ROADMAP_QUEUE_IMMEDIATE = False
    # A report file queued or building for longer than this (seconds) may be built again:
    # its worker died or its job was lost.
    ROADMAP_BUILD_STALE_AFTER = 600
    # How long (ms) the offline worker waits for the dashboard or the Gantt before it shows
    # the copy it kept: a field link that hangs is then read like one that is cut.
    ROADMAP_OFFLINE_PATIENCE_MS = 10_000
    # How many reverse proxies in front of the app to trust for X-Forwarded-* (ProxyFix).
    ROADMAP_PROXY_HOPS = os.environ.get("ROADMAP_PROXY_HOPS", "0")
    # /healthz answers 503 when the database is not at the code's migration.
    HEALTH_CHECKS_MIGRATIONS = True
    # Mail (roadmap/mail/): over SMTP when a server is named (smtp://user:pass@host:587?
    # starttls=1 or smtps://…), else written as .eml files to the outbox folder (default:
    # outbox/ in the instance folder). Links in mails start with the public base URL.
    ROADMAP_SMTP_URL = os.environ.get("ROADMAP_SMTP_URL") or None
    ROADMAP_OUTBOX_DIR = os.environ.get("ROADMAP_OUTBOX_DIR") or None
    ROADMAP_MAIL_FROM = os.environ.get("ROADMAP_MAIL_FROM") or "Roadmap <roadmap@localhost>"
    ROADMAP_BASE_URL = os.environ.get("ROADMAP_BASE_URL") or "http://127.0.0.1:8000"


class DevelopmentConfig(Config):
    """Local `make run`: a fixed key is tolerated, cookies work over plain HTTP."""

    ENV_NAME = "development"
    SECRET_KEY = os.environ.get("SECRET_KEY") or "dev-only-not-secret"
    SESSION_COOKIE_SECURE = False
    # Local databases are also made by create_all (tests, scripts), without migrations.
    HEALTH_CHECKS_MIGRATIONS = False


class TestingConfig(Config):
    """The test suite: its own database, CSRF off unless a test turns it on."""

    ENV_NAME = "testing"
    TESTING = True
    SECRET_KEY = "testing-key-that-is-long-enough-0123456789"
    SQLALCHEMY_DATABASE_URI = os.environ.get("TEST_DATABASE_URL", "sqlite://")
    SESSION_COOKIE_SECURE = False
    WTF_CSRF_ENABLED = False
    ROADMAP_TODAY = "2026-08-15"
    ROADMAP_PROXY_HOPS = "0"
    # Drawing a first paint starts Chromium: only the tests of it turn it on.
    ROADMAP_SERVER_CHARTS = False
    HEALTH_CHECKS_MIGRATIONS = False
    # Jobs run inside the call that enqueues them; a test that needs a worker starts one.
    ROADMAP_QUEUE_URL = "memory://"
    ROADMAP_QUEUE_IMMEDIATE = True
    # Scrypt costs ~0.1 s a hash by design; the suite logs in hundreds of times.
    PASSWORD_HASH_METHOD = "pbkdf2:sha256:1000"
    # Never a real server from the suite; tests that read the outbox give their own folder.
    ROADMAP_SMTP_URL = None
    ROADMAP_OUTBOX_DIR = str(Path(tempfile.gettempdir()) / "roadmap-test-outbox")
    ROADMAP_MAIL_FROM = "Roadmap <roadmap@example.org>"
    ROADMAP_BASE_URL = "https://roadmap.example.org"
