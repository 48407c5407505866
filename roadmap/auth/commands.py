"""The one way an account is created by the first-run form; the caller commits."""

from email_validator import EmailNotValidError, validate_email
from flask_babel import gettext as _
from sqlalchemy import func, select

from roadmap.auth.models import ROLES, User
from roadmap.auth.passwords import password_problem
from roadmap.commands import Invalid, check_admin
from roadmap.extensions import db


def create_account(
    email: str, name: str, password: str, *, role: str, language: str | None, by
) -> User:
    """Create an account; raise Invalid naming the field at fault."""
    check_admin(by)
    if role not in ROLES:
        raise ValueError(f"unknown role {role!r}")
    email = (email or "").strip().lower()
    try:
        validate_email(email, check_deliverability=False)
    except EmailNotValidError:
        raise Invalid({"email": [_("Give an e-mail address, e.g. name@example.org.")]}) from None
    if len(email) > 254:
        raise Invalid({"email": [_("At most %(count)s characters.", count=254)]})
    if db.session.scalar(select(User.id).where(func.lower(User.email) == email)):
        raise Invalid({"email": [_("An account with this e-mail already exists.")]})
    name = (name or "").strip()
    if not name or len(name) > 120:
        raise Invalid({"name": [_("Give a name of at most %(count)s characters.", count=120)]})
    problem = password_problem(password or "")
    if problem:
        raise Invalid({"password": [problem]})
    user = User(email=email, name=name, role=role, language=language or None)
    user.set_password(password)
    db.session.add(user)
    return user


def has_accounts() -> bool:
    """Tell whether any account exists: until one does, the first-run form is open."""
    return db.session.scalar(select(User.id).limit(1)) is not None
