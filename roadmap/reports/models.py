"""Monthly reports, their issued versions and the stored files."""

from datetime import date, datetime

from sqlalchemy import (
    CheckConstraint,
    Date,
    ForeignKey,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, deferred, mapped_column, relationship

from roadmap.clock import now_utc
from roadmap.dbtypes import UTCDateTime, in_clause
from roadmap.extensions import db
from roadmap.months import Month, MonthColumn

REPORT_FORMATS = ("pdf", "xlsx")
REPORT_LANGUAGES = ("en", "fr")
BUILD_STATES = ("queued", "building", "ready", "failed")


class MonthlyReport(db.Model):
    """The manager's narrative for a month; draft until a version is issued."""

    __tablename__ = "monthly_report"
    __history__ = True

    id: Mapped[int] = mapped_column(primary_key=True)
    month: Mapped[Month] = mapped_column(MonthColumn, unique=True)
    highlights: Mapped[str] = mapped_column(Text, default="")
    challenges: Mapped[str] = mapped_column(Text, default="")
    next_steps: Mapped[str] = mapped_column(Text, default="")
    # The same in French, for the French page and files (the English stands in when empty).
    highlights_fr: Mapped[str] = mapped_column(Text, default="")
    challenges_fr: Mapped[str] = mapped_column(Text, default="")
    next_steps_fr: Mapped[str] = mapped_column(Text, default="")
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now_utc, onupdate=now_utc)
    version: Mapped[int] = mapped_column(default=1)

    versions: Mapped[list["ReportVersion"]] = relationship(
        back_populates="report", order_by="ReportVersion.number"
    )

    __mapper_args__ = {"version_id_col": version}

    @property
    def latest(self) -> "ReportVersion | None":
        return self.versions[-1] if self.versions else None

    def __str__(self):
        return self.month


class ReportVersion(db.Model):
    """One issue of a report; frozen once written."""

    __tablename__ = "report_version"
    __history__ = True

    id: Mapped[int] = mapped_column(primary_key=True)
    # Issued reports are never deleted, so neither is what they belong to.
    report_id: Mapped[int] = mapped_column(ForeignKey("monthly_report.id", ondelete="RESTRICT"))
    number: Mapped[int]
    issued_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now_utc)
    issued_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="RESTRICT")
    )
    reason: Mapped[str] = mapped_column(Text, default="")
    # The same in French, for the French files and page (the English stands in when empty).
    reason_fr: Mapped[str] = mapped_column(Text, default="")
    # The narrative exactly as issued.
    highlights: Mapped[str] = mapped_column(Text, default="")
    challenges: Mapped[str] = mapped_column(Text, default="")
    next_steps: Mapped[str] = mapped_column(Text, default="")
    highlights_fr: Mapped[str] = mapped_column(Text, default="")
    challenges_fr: Mapped[str] = mapped_column(Text, default="")
    next_steps_fr: Mapped[str] = mapped_column(Text, default="")
    # The report's content as known when issued (frozen.py), which its files are built from:
    # a fact entered later changes neither them nor this.
    content: Mapped[str | None] = deferred(mapped_column(Text))

    __history_exclude__ = frozenset({"content"})

    report: Mapped[MonthlyReport] = relationship(back_populates="versions")
    issued_by: Mapped["User | None"] = relationship()  # noqa: F821
    files: Mapped[list["ReportFile"]] = relationship(back_populates="version")

    __table_args__ = (
        UniqueConstraint("report_id", "number"),
        CheckConstraint("number >= 1", name="number_positive"),
    )


class ReportFile(db.Model):
    """A generated PDF or XLSX, stored once with its SHA-256."""

    __tablename__ = "report_file"

    id: Mapped[int] = mapped_column(primary_key=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("report_version.id", ondelete="RESTRICT"))
    format: Mapped[str] = mapped_column(String(4))
    language: Mapped[str] = mapped_column(String(2))
    content: Mapped[bytes] = deferred(mapped_column(LargeBinary))
    sha256: Mapped[str] = mapped_column(String(64))
    size: Mapped[int]

    version: Mapped[ReportVersion] = relationship(back_populates="files")

    __table_args__ = (
        UniqueConstraint("version_id", "format", "language"),
        CheckConstraint(in_clause("format", REPORT_FORMATS), name="format_known"),
        CheckConstraint(in_clause("language", REPORT_LANGUAGES), name="language_known"),
    )


class ReportBuild(db.Model):
    """A report file the worker is to build, is building, or built: one row per file.

    `key` names what the file is made from (an issued version, or a draft's data
    version and day), so a second request for it finds this row rather than building
    the file again. A draft's file is kept here; an issued one goes to ReportFile.
    """

    __tablename__ = "report_build"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(160), unique=True)
    month: Mapped[Month] = mapped_column(MonthColumn)
    format: Mapped[str] = mapped_column(String(4))
    language: Mapped[str] = mapped_column(String(2))
    version_id: Mapped[int | None] = mapped_column(
        ForeignKey("report_version.id", ondelete="RESTRICT")
    )
    # The day a draft is built as of (its "today").
    today: Mapped[date] = mapped_column(Date)
    state: Mapped[str] = mapped_column(String(10), default="queued")
    error: Mapped[str] = mapped_column(Text, default="")
    attempts: Mapped[int] = mapped_column(default=0)
    requested_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now_utc)
    started_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    content: Mapped[bytes | None] = deferred(mapped_column(LargeBinary))
    sha256: Mapped[str | None] = mapped_column(String(64))
    size: Mapped[int | None]

    version: Mapped[ReportVersion | None] = relationship()

    __table_args__ = (
        CheckConstraint(in_clause("state", BUILD_STATES), name="state_known"),
        CheckConstraint(in_clause("format", REPORT_FORMATS), name="format_known"),
        CheckConstraint(in_clause("language", REPORT_LANGUAGES), name="language_known"),
    )
