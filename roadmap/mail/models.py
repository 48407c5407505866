"""A mail waiting to be delivered, sent, or given up on after its attempts."""

from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, Index, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, deferred, mapped_column

from roadmap.clock import now_utc
from roadmap.dbtypes import UTCDateTime, in_clause
from roadmap.extensions import db

MAIL_STATUSES = ("pending", "sent", "failed")


class OutgoingMail(db.Model):
    """One message to one recipient, stored as the bytes that go over the wire."""

    __tablename__ = "outgoing_mail"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(20))  # what made it: "digest"
    user_id: Mapped[int | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL"), index=True
    )
    recipient: Mapped[str] = mapped_column(String(254))
    subject: Mapped[str] = mapped_column(String(300))
    message: Mapped[bytes] = deferred(mapped_column(LargeBinary))
    status: Mapped[str] = mapped_column(String(10), default="pending")
    attempts: Mapped[int] = mapped_column(default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now_utc)
    last_error: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now_utc)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    __table_args__ = (
        CheckConstraint(in_clause("status", MAIL_STATUSES), name="status_known"),
        Index("ix_outgoing_mail_status_next_attempt_at", "status", "next_attempt_at"),
    )
