"""ASVS 6.2: length rules only, common passwords refused, current password required."""

import pytest
from sqlalchemy import select

from config import TestingConfig
from roadmap import create_app
from roadmap.auth.models import User
from roadmap.auth.passwords import MAX_LENGTH, MIN_LENGTH, common_passwords, password_problem
from roadmap.extensions import db


def test_length_limits():
    assert MIN_LENGTH == 8 and MAX_LENGTH >= 64
    assert password_problem("short12") is not None
    assert password_problem("x" * 7 + "é") is None  # eight characters, not bytes
    assert password_problem("long enough but " * 4) is None  # 64 characters
    assert password_problem("🦒" * 64) is None
    assert password_problem("y" * (MAX_LENGTH + 1)) is not None


@pytest.mark.parametrize(
    "password",
    ["all lower case words", "ALLUPPERCASE", "0123498765432", "no-digits-here", "ééééééééé"],
)
def test_no_composition_rules(password):
    assert password_problem(password) is None


def test_the_shipped_list_is_big_and_lower_case():
    words = common_passwords()
    assert len(words) >= 2000
    assert all(word == word.lower() for word in words)


@pytest.mark.parametrize(
    "password", ["password", "Password1", "12345678", "QWERTY123", "iloveyou", "p@ssw0rd"]
)
def test_common_passwords_are_refused(password):
    assert password_problem(password) is not None


def post_change(client, current, new):
    return client.post(
        "/account/password", data={"pw-current_password": current, "pw-new_password": new}
    )


def test_change_needs_the_current_password(app, client, auth):
    auth.login("viewer")
    assert post_change(client, "not-my-password", "a fresh long phrase").status_code == 422
    assert post_change(client, "", "a fresh long phrase").status_code == 422
    with app.app_context():
        viewer = db.session.scalar(select(User).where(User.email == "viewer@example.org"))
        assert viewer.check_password("viewer-pass-2026")
    assert post_change(client, "viewer-pass-2026", "password123").status_code == 422
    assert post_change(client, "viewer-pass-2026", "a fresh long phrase").status_code == 302
    with app.app_context():
        viewer = db.session.scalar(select(User).where(User.email == "viewer@example.org"))
        assert viewer.check_password("a fresh long phrase")


def test_admin_cannot_set_a_common_password(app, client, auth):
    auth.login("admin")
    response = client.post(
        "/users/new",
        data={
            "email": "new@example.org",
            "name": "New",
            "role": "viewer",
            "password": "letmein123",
        },
    )
    assert response.status_code == 200
    with app.app_context():
        assert db.session.scalar(select(User).where(User.email == "new@example.org")) is None


def test_create_user_command_refuses_a_common_password(runner):
    result = runner.invoke(args=["create-user", "x@example.org"], input="qwerty123\n")
    assert result.exit_code != 0 and "common" in result.output


class ProductionLike(TestingConfig):
    ENV_NAME = "production"
    SESSION_COOKIE_SECURE = True
    WTF_CSRF_ENABLED = True


def test_no_known_password_in_production(app):
    """The demo accounts get random passwords outside development and testing."""
    from roadmap.demo import data
    from roadmap.demo.seed import DEMO_START, load_demo

    production = create_app(ProductionLike)
    with production.app_context():
        db.create_all()
        _, accounts = load_demo(DEMO_START)
        known = {row[0]: row[4] for row in data.ACCOUNTS}
        for email, shown, _role in accounts:
            user = db.session.scalar(select(User).where(User.email == email))
            assert shown != known[email]
            assert not user.check_password(known[email])
        db.session.remove()
        db.engine.dispose()


def test_production_hashes_with_scrypt():
    production = create_app(ProductionLike)
    production.config.pop("PASSWORD_HASH_METHOD", None)
    with production.app_context():
        user = User(email="s@example.org", name="S")
        user.set_password("a long enough phrase")
        assert user.password_hash.startswith("scrypt:")
