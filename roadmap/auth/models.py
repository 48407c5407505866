"""Accounts, API tokens and the failed-login ledger."""

import hashlib
import secrets
from datetime import date, datetime

from flask import current_app, has_app_context
from flask_login import UserMixin
from sqlalchemy import CheckConstraint, ForeignKey, Index, String, update
from sqlalchemy.orm import Mapped, mapped_column, relationship
from sqlalchemy.orm.attributes import set_committed_value
from werkzeug.security import check_password_hash, generate_password_hash

from roadmap.clock import now_utc
from roadmap.dbtypes import UTCDateTime, in_clause
from roadmap.extensions import db

ROLES = ("admin", "manager", "viewer")
DEFAULT_HASH_METHOD = "scrypt"
# Roles that may change project data.
EDITOR_ROLES = frozenset({"admin", "manager"})


def new_token() -> str:
    return secrets.token_urlsafe(32)


def hash_method() -> str:
    """Return the password hashing method: scrypt, unless the test suite asks for a cheap one."""
    if has_app_context():
        return current_app.config.get("PASSWORD_HASH_METHOD", DEFAULT_HASH_METHOD)
    return DEFAULT_HASH_METHOD


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class User(UserMixin, db.Model):
    __tablename__ = "user_account"
    __history__ = True
    # Never copy secrets (nor the digest's bookkeeping) into the change history.
    __history_exclude__ = frozenset(
        {"password_hash", "session_token", "calendar_token", "last_login_at", "digest_sent_on"}
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    name: Mapped[str] = mapped_column(String(120))
    role: Mapped[str] = mapped_column(String(10), default="viewer")
    language: Mapped[str | None] = mapped_column(String(2))
    password_hash: Mapped[str] = mapped_column(String(255))
    active: Mapped[bool] = mapped_column(default=True)
    # Rotated at logout, password change and deactivation: old cookies stop working.
    session_token: Mapped[str] = mapped_column(String(64), default=new_token)
    calendar_token: Mapped[str] = mapped_column(String(64), unique=True, default=new_token)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now_utc)
    last_login_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # The weekly e-mail digest (roadmap/digest/): wanted unless the user opts out; the day
    # the last one was queued, so a week gets one whatever runs the job how often.
    wants_digest: Mapped[bool] = mapped_column(default=True)
    digest_sent_on: Mapped[date | None]
    version: Mapped[int] = mapped_column(default=1)

    api_tokens: Mapped[list["ApiToken"]] = relationship(
        back_populates="user", cascade="all, delete-orphan", passive_deletes=True
    )

    __mapper_args__ = {"version_id_col": version}
    __table_args__ = (CheckConstraint(in_clause("role", ROLES), name="role_known"),)

    @property
    def is_active(self) -> bool:
        return self.active

    @property
    def can_edit(self) -> bool:
        return self.role in EDITOR_ROLES

    @property
    def is_admin(self) -> bool:
        return self.role == "admin"

    def get_id(self) -> str:
        # The session names the token as well as the user, so rotating it logs out.
        return f"{self.id}:{self.session_token}"

    def set_password(self, password: str) -> None:
        self.password_hash = generate_password_hash(password, method=hash_method())

    def check_password(self, password: str) -> bool:
        return check_password_hash(self.password_hash, password)

    def record_login(self, at: datetime) -> None:
        """Note the time of a login without touching the version: logins are not edits, and
        two at once must not refuse each other as stale (an UPDATE of that column alone)."""
        db.session.execute(
            update(User).where(User.id == self.id).values(last_login_at=at),
            execution_options={"synchronize_session": False},
        )
        set_committed_value(self, "last_login_at", at)

    def choose_digest(self, wanted: bool) -> None:
        """Ask for the weekly digest or stop it: the account page and the unsubscribe link."""
        self.wants_digest = bool(wanted)

    def rotate_session_token(self) -> None:
        self.session_token = new_token()

    def __str__(self):
        return self.name


class ApiToken(db.Model):
    """A personal API token, stored as a SHA-256 of the secret shown once."""

    __tablename__ = "api_token"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(100))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now_utc)
    last_used_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    user: Mapped[User] = relationship(back_populates="api_tokens")


class LoginAttempt(db.Model):
    """A failed login, kept in the database so every worker sees the same count."""

    __tablename__ = "login_attempt"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254))
    address: Mapped[str] = mapped_column(String(64))
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=now_utc)

    __table_args__ = (
        Index("ix_login_attempt_email_at", "email", "at"),
        Index("ix_login_attempt_address_at", "address", "at"),
    )
