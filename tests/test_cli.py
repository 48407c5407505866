"""The create-user command."""

from sqlalchemy import select

from roadmap.auth.models import User
from roadmap.extensions import db


def test_create_user_reads_password_from_stdin(app, runner):
    result = runner.invoke(
        args=["create-user", "New.Person@Example.org", "--role", "manager"],
        input="a-long-enough-secret\n",
    )
    assert result.exit_code == 0, result.output
    with app.app_context():
        user = db.session.scalar(select(User).where(User.email == "new.person@example.org"))
        assert user.role == "manager"
        assert user.check_password("a-long-enough-secret")


def test_create_user_refuses_common_password(app, runner):
    result = runner.invoke(args=["create-user", "x@example.org"], input="password123\n")
    assert result.exit_code != 0
    assert "too common" in result.output


def test_create_user_refuses_duplicate(app, runner):
    result = runner.invoke(args=["create-user", "viewer@example.org"], input="whatever-long-1\n")
    assert result.exit_code != 0
    assert "already exists" in result.output


def test_create_user_refuses_unknown_role(runner):
    result = runner.invoke(args=["create-user", "y@example.org", "--role", "owner"], input="x\n")
    assert result.exit_code != 0
