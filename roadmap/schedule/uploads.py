"""Milestone files checked by the import's preview, kept until the import is confirmed.

The confirmation posts only a token, whatever the file's size: posting the file back
would run into the request's form-field and body limits for a large plan. Kept in the
database, so any worker (on any host) can apply what another one checked; only the
user who uploaded it can use it, and a day later it is gone.
"""

import hashlib
import secrets
from datetime import datetime, timedelta

from sqlalchemy import ForeignKey, LargeBinary, String, delete, select
from sqlalchemy.orm import Mapped, mapped_column

from roadmap.clock import now_utc
from roadmap.dbtypes import UTCDateTime
from roadmap.extensions import db

KEPT_FOR = timedelta(days=1)


class ImportUpload(db.Model):
    """A checked milestones file awaiting its confirmation: not project data, no history."""

    __tablename__ = "import_upload"

    id: Mapped[int] = mapped_column(primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id", ondelete="CASCADE"))
    filename: Mapped[str] = mapped_column(String(255))
    content: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now_utc, index=True)


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def keep(data: bytes, filename: str, user_id: int) -> str:
    """Store a checked file and return the token its confirmation posts; never commits."""
    db.session.execute(delete(ImportUpload).where(ImportUpload.created_at < now_utc() - KEPT_FOR))
    token = secrets.token_urlsafe(32)
    db.session.add(
        ImportUpload(
            token_hash=_hash(token), user_id=user_id, filename=filename[:255], content=data
        )
    )
    return token


def find(token: str, user_id: int) -> ImportUpload | None:
    """Return this user's checked file for the token, or None when it is unknown or too old."""
    if not token:
        return None
    upload = db.session.scalar(select(ImportUpload).where(ImportUpload.token_hash == _hash(token)))
    if upload is None or upload.user_id != user_id:
        return None
    if upload.created_at < now_utc() - KEPT_FOR:
        return None
    return upload
