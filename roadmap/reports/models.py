"""Monthly reports, their issued versions and the stored files."""

from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, LargeBinary, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, deferred, mapped_column, relationship

from roadmap.clock import now_utc
from roadmap.dbtypes import UTCDateTime, in_clause
from roadmap.extensions import db
from roadmap.months import Month, MonthColumn

REPORT_FORMATS = ("pdf", "xlsx")
REPORT_LANGUAGES = ("en", "fr")


class MonthlyReport(db.Model):
    """The manager's narrative for a month; draft until a version is issued."""

    __tablename__ = "monthly_report"
    __history__ = True

    id: Mapped[int] = mapped_column(primary_key=True)
    month: Mapped[Month] = mapped_column(MonthColumn, unique=True)
    highlights: Mapped[str] = mapped_column(Text, default="")
    challenges: Mapped[str] = mapped_column(Text, default="")
    next_steps: Mapped[str] = mapped_column(Text, default="")
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
    # The narrative exactly as issued.
    highlights: Mapped[str] = mapped_column(Text, default="")
    challenges: Mapped[str] = mapped_column(Text, default="")
    next_steps: Mapped[str] = mapped_column(Text, default="")

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
