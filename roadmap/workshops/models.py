"""Workshops, who took part, and what they decided."""

from datetime import date, datetime

from sqlalchemy import CheckConstraint, Column, ForeignKey, String, Table, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from roadmap.clock import now_utc
from roadmap.dbtypes import UTCDateTime, in_clause
from roadmap.extensions import db

ORG_TYPES = ("government", "partner", "iom", "other")
SEXES = ("female", "male")
OUTCOME_KINDS = ("recommendation", "decision", "action")
# The five follow-up states of DHIS2's action tracker.
OUTCOME_STATUSES = ("not_started", "in_progress", "constrained", "completed", "discontinued")

outcome_milestone = Table(
    "outcome_milestone",
    db.metadata,
    Column("outcome_id", ForeignKey("outcome.id", ondelete="CASCADE"), primary_key=True),
    Column("milestone_id", ForeignKey("milestone.id", ondelete="CASCADE"), primary_key=True),
)


class Workshop(db.Model):
    __tablename__ = "workshop"
    __history__ = True

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(300))
    place: Mapped[str] = mapped_column(String(200), default="")
    country: Mapped[str | None] = mapped_column(String(3))
    start_date: Mapped[date]
    end_date: Mapped[date]
    organiser: Mapped[str] = mapped_column(String(200), default="")
    summary: Mapped[str] = mapped_column(Text, default="")
    agenda: Mapped[str] = mapped_column(Text, default="")
    version: Mapped[int] = mapped_column(default=1)

    participation: Mapped[list["Participation"]] = relationship(
        back_populates="workshop", cascade="all, delete-orphan", passive_deletes=True
    )
    outcomes: Mapped[list["Outcome"]] = relationship(
        back_populates="workshop",
        order_by="Outcome.position",
        cascade="all, delete-orphan",
        passive_deletes=True,
    )

    __mapper_args__ = {"version_id_col": version}
    __table_args__ = (CheckConstraint("end_date >= start_date", name="dates_ordered"),)

    def __str__(self):
        return self.title


class Participation(db.Model):
    """How many people of one country, organisation type and sex took part."""

    __tablename__ = "participation"
    __history__ = True

    id: Mapped[int] = mapped_column(primary_key=True)
    workshop_id: Mapped[int] = mapped_column(ForeignKey("workshop.id", ondelete="CASCADE"))
    country: Mapped[str] = mapped_column(String(3))
    org_type: Mapped[str] = mapped_column(String(20))
    sex: Mapped[str] = mapped_column(String(10))
    count: Mapped[int] = mapped_column(default=0)

    workshop: Mapped[Workshop] = relationship(back_populates="participation")

    __table_args__ = (
        UniqueConstraint("workshop_id", "country", "org_type", "sex"),
        CheckConstraint("count >= 0", name="count_positive"),
        CheckConstraint(in_clause("org_type", ORG_TYPES), name="org_type_known"),
        CheckConstraint(in_clause("sex", SEXES), name="sex_known"),
    )


class Outcome(db.Model):
    """A recommendation, decision or action item and its follow-up."""

    __tablename__ = "outcome"
    __history__ = True

    id: Mapped[int] = mapped_column(primary_key=True)
    workshop_id: Mapped[int] = mapped_column(ForeignKey("workshop.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(20), default="recommendation")
    text: Mapped[str] = mapped_column(Text)
    responsible: Mapped[str] = mapped_column(String(200), default="")
    due_date: Mapped[date | None]
    status: Mapped[str] = mapped_column(String(20), default="not_started")
    position: Mapped[int] = mapped_column(default=0)
    version: Mapped[int] = mapped_column(default=1)

    workshop: Mapped[Workshop] = relationship(back_populates="outcomes")
    notes: Mapped[list["OutcomeNote"]] = relationship(
        back_populates="outcome",
        order_by="(OutcomeNote.date.desc(), OutcomeNote.id.desc())",
        cascade="all, delete-orphan",
        passive_deletes=True,
    )
    milestones: Mapped[list["Milestone"]] = relationship(  # noqa: F821
        secondary=outcome_milestone, back_populates="outcomes", order_by="Milestone.current_start"
    )

    __mapper_args__ = {"version_id_col": version}
    __table_args__ = (
        CheckConstraint(in_clause("kind", OUTCOME_KINDS), name="kind_known"),
        CheckConstraint(in_clause("status", OUTCOME_STATUSES), name="status_known"),
    )

    def __str__(self):
        return self.text[:80]


class OutcomeNote(db.Model):
    """A dated follow-up note; it may move the outcome to a new status."""

    __tablename__ = "outcome_note"
    __history__ = True
    # Its history is dated by the day it reports, not the day it was typed in.
    __effective__ = "date"

    id: Mapped[int] = mapped_column(primary_key=True)
    outcome_id: Mapped[int] = mapped_column(ForeignKey("outcome.id", ondelete="CASCADE"))
    date: Mapped[date]
    status: Mapped[str] = mapped_column(String(20))
    text: Mapped[str] = mapped_column(Text, default="")
    author_id: Mapped[int | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL")
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now_utc)

    outcome: Mapped[Outcome] = relationship(back_populates="notes")
    author: Mapped["User | None"] = relationship()  # noqa: F821

    __table_args__ = (CheckConstraint(in_clause("status", OUTCOME_STATUSES), name="status_known"),)
