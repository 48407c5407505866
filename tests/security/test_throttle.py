"""ASVS 6.3: failed logins lock the account tried, and an address only across many accounts;
counted in the database; behind a trusted proxy the address is the client's."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from sqlalchemy import func, select

from roadmap.auth.models import LoginAttempt
from roadmap.extensions import db
from tests import factories

T0 = datetime(2026, 8, 15, 8, 0, tzinfo=UTC)
BLOCKED_TEXT = "Too many failed attempts"
FAILED_TEXT = "E-mail or password is incorrect."


def attempt(app, email, password="wrong-password", address="203.0.113.7"):
    client = app.test_client()  # a new cookie jar each time: the count is not in the session
    return client.post(
        "/login",
        data={"email": email, "password": password},
        environ_base={"REMOTE_ADDR": address},
    )


# Longer than the longest wait between two attempts on one account.
PAST_THE_WAIT = timedelta(seconds=61)


def wait_after(failures: int) -> timedelta:
    """Return how long an account waits after this many failures (1 s, 2 s, 4 s… from 3)."""
    return timedelta(seconds=min(2 ** (failures - 3), 60)) if failures >= 3 else timedelta(0)


def failing(app, clock, email, times, gap=None, **options):
    """Try a wrong password `times` times, each once the account's wait (or `gap`) is over."""
    responses = []
    for done in range(1, times + 1):
        responses.append(attempt(app, email, **options))
        clock.shift(wait_after(done) if gap is None else gap)
    return responses


def test_eleventh_attempt_on_an_account_gets_429(app):
    with time_machine.travel(T0, tick=False) as clock:
        for n in range(10):
            response = attempt(app, "manager@example.org", address=f"198.51.100.{n}")
            assert response.status_code == 200 and FAILED_TEXT in response.get_data(as_text=True)
            clock.shift(PAST_THE_WAIT)
        blocked = attempt(app, "manager@example.org", "manager-pass-2026", address="198.51.100.99")
    assert blocked.status_code == 429
    assert BLOCKED_TEXT in blocked.get_data(as_text=True)
    assert "_user_id" not in (blocked.headers.get("Set-Cookie") or "")
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(LoginAttempt)) == 10


def test_an_address_is_blocked_only_across_many_accounts(app):
    app.config["LOGIN_ADDRESS_LIMIT"] = 30
    with time_machine.travel(T0, tick=False) as clock:
        for n in range(30):  # three accounts guessed at their limit, from one address
            assert attempt(app, f"nobody{n % 3}@example.org").status_code == 200
            clock.shift(timedelta(seconds=21))  # each account waits its turn
        blocked = attempt(app, "viewer@example.org", "viewer-pass-2026")
        elsewhere = attempt(app, "viewer@example.org", "viewer-pass-2026", address="192.0.2.1")
    assert blocked.status_code == 429
    assert elsewhere.status_code == 302  # another address is not punished


def test_one_persons_typos_lock_only_their_account(app):
    with time_machine.travel(T0, tick=False) as clock:
        failing(app, clock, "manager@example.org", 10)
        colleague = attempt(app, "viewer@example.org", "viewer-pass-2026")
        locked = attempt(app, "manager@example.org", "manager-pass-2026")
    assert colleague.status_code == 302
    assert locked.status_code == 429


def test_the_window_passes(app):
    with time_machine.travel(T0, tick=False) as clock:
        failing(app, clock, "manager@example.org", 10)
        assert attempt(app, "manager@example.org", "manager-pass-2026").status_code == 429
        clock.move_to(T0 + 10 * PAST_THE_WAIT + timedelta(minutes=16))
        assert attempt(app, "manager@example.org", "manager-pass-2026").status_code == 302


def test_messages_do_not_tell_whether_the_email_exists(app):
    with time_machine.travel(T0, tick=False) as clock:
        known = failing(app, clock, "manager@example.org", 11, address="192.0.2.10")
        known.append(attempt(app, "manager@example.org", address="192.0.2.10"))
    with time_machine.travel(T0, tick=False) as clock:
        unknown = failing(app, clock, "ghost@example.org", 11, address="192.0.2.20")
        unknown.append(attempt(app, "ghost@example.org", address="192.0.2.20"))
    for a, b in zip(known, unknown, strict=True):
        assert a.status_code == b.status_code
        # The pages differ only by the e-mail typed back into the form.
        assert a.get_data(as_text=True).replace("manager@", "ghost@") == b.get_data(as_text=True)
    assert known[-1].status_code == 429


def test_the_count_is_shared_by_every_worker(tmp_path):
    """Two app instances (two gunicorn workers) on one database see the same count."""
    from config import TestingConfig
    from roadmap import create_app

    class SharedFile(TestingConfig):
        SQLALCHEMY_DATABASE_URI = f"sqlite:///{tmp_path / 'shared.sqlite'}"

    first, second = create_app(SharedFile), create_app(SharedFile)
    with first.app_context():
        db.create_all()
        factories.user("manager", name="M")
        db.session.commit()
    with time_machine.travel(T0, tick=False) as clock:
        for n in range(10):
            attempt(first if n % 2 else second, "manager@example.org")
            clock.shift(PAST_THE_WAIT)
        assert attempt(second, "manager@example.org", "manager-pass-2026").status_code == 429
        assert attempt(first, "manager@example.org", "manager-pass-2026").status_code == 429
    for instance in (first, second):
        with instance.app_context():
            db.engine.dispose()


def test_guessing_the_current_password_is_throttled(app, client, auth):
    auth.login("viewer")
    for _ in range(10):
        response = client.post(
            "/account/password",
            data={"pw-current_password": "guess-guess", "pw-new_password": "another long one"},
        )
        assert response.status_code == 422
    response = client.post(
        "/account/password",
        data={"pw-current_password": "viewer-pass-2026", "pw-new_password": "another long one"},
    )
    assert response.status_code == 429


PROXY = "10.0.0.2"  # the reverse proxy's own address, which every request comes from
CLIENT = "203.0.113.50"


def through_proxy(app, email, password="wrong-password", client=CLIENT):
    return app.test_client().post(
        "/login",
        data={"email": email, "password": password},
        environ_base={"REMOTE_ADDR": PROXY},
        headers={"X-Forwarded-For": client, "X-Forwarded-Proto": "https"},
    )


@pytest.fixture
def proxied_app(monkeypatch, request):
    """The app behind one trusted reverse proxy (ROADMAP_PROXY_HOPS=1)."""
    from config import TestingConfig

    monkeypatch.setattr(TestingConfig, "ROADMAP_PROXY_HOPS", "1")
    return request.getfixturevalue("app")


def addresses(app) -> set[str]:
    with app.app_context():
        return set(db.session.scalars(select(LoginAttempt.address)))


def test_behind_a_proxy_a_colleague_gets_in_and_the_guessed_account_is_locked(proxied_app):
    with time_machine.travel(T0, tick=False) as clock:
        wrong = []
        for done in range(1, 16):
            wrong.append(through_proxy(proxied_app, "manager@example.org"))
            clock.shift(wait_after(done))
        colleague = through_proxy(proxied_app, "viewer@example.org", "viewer-pass-2026")
        locked = through_proxy(proxied_app, "manager@example.org", "manager-pass-2026")
    assert [r.status_code for r in wrong] == [200] * 10 + [429] * 5
    assert colleague.status_code == 302
    assert locked.status_code == 429
    assert addresses(proxied_app) == {CLIENT}  # the client's address, not the proxy's


def test_behind_a_proxy_a_forged_header_from_the_client_is_ignored(proxied_app):
    # The client wrote its own X-Forwarded-For; the proxy appended the address it saw.
    with time_machine.travel(T0, tick=False):
        through_proxy(proxied_app, "manager@example.org", client=f"192.0.2.99, {CLIENT}")
    assert addresses(proxied_app) == {CLIENT}


def test_without_proxy_hops_the_forwarded_header_is_ignored(app):
    with time_machine.travel(T0, tick=False) as clock:
        for n in range(3):
            through_proxy(app, "manager@example.org", client=f"198.51.100.{n}")
            clock.shift(PAST_THE_WAIT)
        response = through_proxy(app, "manager@example.org")
    assert response.status_code == 200
    assert addresses(app) == {PROXY}


@pytest.mark.parametrize("hops", ["-1", "one", "9"])
def test_a_wrong_proxy_hops_is_refused(hops):
    from config import TestingConfig
    from roadmap import create_app
    from roadmap.settings_check import ConfigurationError

    wrong = type("WrongHops", (TestingConfig,), {"ROADMAP_PROXY_HOPS": hops})
    with pytest.raises(ConfigurationError, match="ROADMAP_PROXY_HOPS must be a whole number"):
        create_app(wrong)


SLOWED_TEXT = "try again in"


def test_after_three_failures_each_attempt_waits_longer(app):
    with time_machine.travel(T0, tick=False) as clock:
        assert [
            r.status_code for r in failing(app, clock, "manager@example.org", 3, gap=timedelta(0))
        ] == [200] * 3
        waits = []
        for _ in range(6):
            early = attempt(app, "manager@example.org")
            assert early.status_code == 429 and SLOWED_TEXT in early.get_data(as_text=True)
            waits.append(int(early.headers["Retry-After"]))
            clock.shift(timedelta(seconds=waits[-1] - 0.5))
            assert attempt(app, "manager@example.org").status_code == 429  # still too early
            clock.shift(timedelta(seconds=0.5))
            assert attempt(app, "manager@example.org").status_code == 200  # one more failure
    assert waits == [1, 2, 4, 8, 16, 32]
    with app.app_context():  # the refused early attempts were not counted
        assert db.session.scalar(select(func.count()).select_from(LoginAttempt)) == 9


def test_the_wait_is_capped(app):
    app.config["LOGIN_ATTEMPT_LIMIT"] = 20
    with time_machine.travel(T0, tick=False) as clock:
        failing(app, clock, "manager@example.org", 11)
        attempt(app, "manager@example.org")
        early = attempt(app, "manager@example.org")
    assert early.headers["Retry-After"] == "60"


def test_the_right_password_during_the_wait_is_told_to_wait_too(app):
    with time_machine.travel(T0, tick=False) as clock:
        failing(app, clock, "manager@example.org", 4, gap=timedelta(seconds=1))
        wrong = attempt(app, "manager@example.org")
        right = attempt(app, "manager@example.org", "manager-pass-2026")
        colleague = attempt(app, "viewer@example.org", "viewer-pass-2026")
        clock.shift(timedelta(seconds=2))
        later = attempt(app, "manager@example.org", "manager-pass-2026")
    assert (wrong.status_code, right.status_code) == (429, 429)
    assert wrong.headers["Retry-After"] == right.headers["Retry-After"] == "1"
    # The same page whatever the password: the wait tells nothing.
    assert wrong.get_data() == right.get_data()
    assert "_user_id" not in (right.headers.get("Set-Cookie") or "")
    assert colleague.status_code == 302  # same address, another account: no wait
    assert later.status_code == 302


def test_the_wait_is_shared_by_every_host(tmp_path):
    from config import TestingConfig
    from roadmap import create_app

    class SharedFile(TestingConfig):
        SQLALCHEMY_DATABASE_URI = f"sqlite:///{tmp_path / 'shared.sqlite'}"

    first, second = create_app(SharedFile), create_app(SharedFile)
    with first.app_context():
        db.create_all()
        factories.user("manager", name="M")
        db.session.commit()
    with time_machine.travel(T0, tick=False):
        for instance in (first, second, first):
            attempt(instance, "manager@example.org")
        slowed = attempt(second, "manager@example.org", "manager-pass-2026")
    assert slowed.status_code == 429 and slowed.headers["Retry-After"] == "1"
    for instance in (first, second):
        with instance.app_context():
            db.engine.dispose()
