"""Twenty people logging into one account at the same moment all get in (gunicorn, 4 workers)."""

import os
import re
import threading
import urllib.error
import urllib.parse
import urllib.request
from http.cookiejar import CookieJar

import pytest
from sqlalchemy import select

from config import TestingConfig
from roadmap import create_app
from roadmap.auth.models import User
from roadmap.extensions import db
from tests.databases import sqlite_pass_only

from .conftest import PASSWORD, gunicorn, make_file_app

LOGINS = 20
EMAIL = "user0@example.org"
TOKEN = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def log_in_together(base: str) -> list[int]:
    """Open the login form in LOGINS browsers, then post them all at once; return statuses."""
    openers, tokens = [], []
    for _ in range(LOGINS):
        opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(CookieJar()), NoRedirect()
        )
        page = opener.open(base + "/login", timeout=30).read().decode()
        openers.append(opener)
        tokens.append(TOKEN.search(page).group(1))
    start = threading.Barrier(LOGINS)
    statuses = [0] * LOGINS

    def post(n: int) -> None:
        body = urllib.parse.urlencode(
            {"email": EMAIL, "password": PASSWORD, "csrf_token": tokens[n]}
        ).encode()
        start.wait()
        try:
            statuses[n] = openers[n].open(base + "/login", data=body, timeout=60).status
        except urllib.error.HTTPError as error:
            statuses[n] = error.code

    threads = [threading.Thread(target=post, args=(n,)) for n in range(LOGINS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return statuses


def check(app, database_url, tmp_path):
    log_path = tmp_path / "gunicorn.log"
    with app.app_context():
        version = db.session.scalar(select(User.version).where(User.email == EMAIL))
    with gunicorn(database_url, log_path, workers=4) as (base, _):
        statuses = log_in_together(base)
    # Every login succeeds: a redirect to the dashboard.
    assert statuses == [302] * LOGINS, log_path.read_text()[-3000:]
    assert "Traceback" not in log_path.read_text()
    with app.app_context():
        user = db.session.scalar(select(User).where(User.email == EMAIL))
        assert user.last_login_at is not None
        # Recording the login is not an edit of the account: its version is unchanged.
        assert user.version == version
        db.session.remove()


@sqlite_pass_only
@pytest.mark.slow
def test_concurrent_logins_on_sqlite(tmp_path):
    path = tmp_path / "logins.sqlite"
    app = make_file_app(path, users=1)
    try:
        check(app, f"sqlite:///{path}", tmp_path)
    finally:
        with app.app_context():
            db.engine.dispose()


@pytest.mark.slow
@pytest.mark.skipif(
    not os.environ.get("TEST_DATABASE_URL", "").startswith("postgresql"),
    reason="TEST_DATABASE_URL does not name a PostgreSQL database",
)
def test_concurrent_logins_on_postgresql(tmp_path):
    app = create_app(TestingConfig)

    def empty():
        with db.engine.begin() as connection:
            for table in reversed(db.metadata.sorted_tables):
                connection.execute(table.delete())

    with app.app_context():
        db.create_all()
        empty()
        user = User(email=EMAIL, name="User 0", role="manager")
        user.set_password(PASSWORD)
        db.session.add(user)
        db.session.commit()
    try:
        check(app, os.environ["TEST_DATABASE_URL"], tmp_path)
    finally:
        with app.app_context():
            empty()
            db.engine.dispose()
