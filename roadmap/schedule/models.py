"""The project, its workstreams, milestones and their dependencies."""

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import (
    JSON,
    CheckConstraint,
    ForeignKey,
    Numeric,
    String,
    Text,
    UniqueConstraint,
    select,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from roadmap.clock import now_utc
from roadmap.dbtypes import UTCDateTime, in_clause
from roadmap.extensions import db
from roadmap.schedule import health as health_rules

MILESTONE_STATUSES = ("planned", "in_progress", "done", "cancelled")


class Project(db.Model):
    __tablename__ = "project"
    __history__ = True

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(300))
    code: Mapped[str] = mapped_column(String(40), unique=True)
    donor: Mapped[str] = mapped_column(String(200))
    implementing_org: Mapped[str] = mapped_column(String(200))
    start_date: Mapped[date]
    end_date: Mapped[date]
    # ISO 3166-1 alpha-3 codes, in the order the project names them.
    countries: Mapped[list] = mapped_column(JSON, default=list)
    currency: Mapped[str] = mapped_column(String(3), default="USD")
    budget: Mapped[Decimal | None] = mapped_column(Numeric(14, 2))
    summary: Mapped[str] = mapped_column(Text, default="")
    iati_identifier: Mapped[str | None] = mapped_column(String(100))
    # IATI organisation identifiers and OrganisationType codes: the implementing
    # organisation reports the activity; the donor funds it.
    reporting_org_ref: Mapped[str | None] = mapped_column(String(100))
    reporting_org_type: Mapped[str | None] = mapped_column(String(2))
    funding_org_ref: Mapped[str | None] = mapped_column(String(100))
    funding_org_type: Mapped[str | None] = mapped_column(String(2))
    # {criterion: percent} of the post assessments (roadmap.coordination); None: the defaults.
    assessment_weights: Mapped[dict | None] = mapped_column(JSON)
    version: Mapped[int] = mapped_column(default=1)

    workstreams: Mapped[list["Workstream"]] = relationship(
        back_populates="project", order_by="Workstream.position", cascade="all, delete-orphan"
    )

    __mapper_args__ = {"version_id_col": version}
    __table_args__ = (
        CheckConstraint("end_date >= start_date", name="dates_ordered"),
        CheckConstraint("budget IS NULL OR budget >= 0", name="budget_positive"),
    )

    @classmethod
    def current(cls) -> "Project | None":
        """Return the installation's one project, if it is set up."""
        return db.session.scalar(select(cls).order_by(cls.id).limit(1))

    def __str__(self):
        return self.name


class Workstream(db.Model):
    __tablename__ = "workstream"
    __history__ = True

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("project.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(200))
    position: Mapped[int] = mapped_column(default=0)

    project: Mapped[Project] = relationship(back_populates="workstreams")
    milestones: Mapped[list["Milestone"]] = relationship(
        back_populates="workstream", order_by="Milestone.position"
    )

    __table_args__ = (UniqueConstraint("project_id", "name"),)

    def __str__(self):
        return self.name


class Milestone(db.Model):
    __tablename__ = "milestone"
    __history__ = True

    id: Mapped[int] = mapped_column(primary_key=True)
    # A workstream holding milestones cannot be deleted by accident.
    workstream_id: Mapped[int] = mapped_column(ForeignKey("workstream.id", ondelete="RESTRICT"))
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    owner: Mapped[str] = mapped_column(String(120), default="")
    country: Mapped[str | None] = mapped_column(String(3))
    post_id: Mapped[int | None] = mapped_column(ForeignKey("border_post.id", ondelete="SET NULL"))
    workshop_id: Mapped[int | None] = mapped_column(ForeignKey("workshop.id", ondelete="SET NULL"))
    baseline_start: Mapped[date | None]
    baseline_end: Mapped[date | None]
    current_start: Mapped[date]
    current_end: Mapped[date]
    actual_start: Mapped[date | None]
    actual_finish: Mapped[date | None]
    percent_complete: Mapped[int] = mapped_column(default=0)
    status: Mapped[str] = mapped_column(String(20), default="planned")
    position: Mapped[int] = mapped_column(default=0)
    # The predecessor whose finish last pushed this milestone's dates.
    pushed_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("milestone.id", ondelete="SET NULL")
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now_utc)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now_utc, onupdate=now_utc)
    version: Mapped[int] = mapped_column(default=1)

    workstream: Mapped[Workstream] = relationship(back_populates="milestones")
    post: Mapped["BorderPost | None"] = relationship(back_populates="milestones")  # noqa: F821
    workshop: Mapped["Workshop | None"] = relationship()  # noqa: F821
    pushed_by: Mapped["Milestone | None"] = relationship(remote_side=[id])
    predecessor_links: Mapped[list["MilestoneDependency"]] = relationship(
        foreign_keys="MilestoneDependency.successor_id",
        back_populates="successor",
        cascade="all, delete-orphan",
    )
    successor_links: Mapped[list["MilestoneDependency"]] = relationship(
        foreign_keys="MilestoneDependency.predecessor_id",
        back_populates="predecessor",
        cascade="all, delete-orphan",
    )
    outcomes: Mapped[list["Outcome"]] = relationship(  # noqa: F821
        secondary="outcome_milestone", back_populates="milestones"
    )

    __mapper_args__ = {"version_id_col": version}
    __table_args__ = (
        CheckConstraint("percent_complete BETWEEN 0 AND 100", name="percent_range"),
        CheckConstraint("current_end >= current_start", name="current_ordered"),
        CheckConstraint(
            "baseline_start IS NULL OR baseline_end IS NULL OR baseline_end >= baseline_start",
            name="baseline_ordered",
        ),
        CheckConstraint(in_clause("status", MILESTONE_STATUSES), name="status_known"),
    )

    @property
    def is_point(self) -> bool:
        return self.current_start == self.current_end

    @property
    def slip_days(self) -> int | None:
        """Return how many days the current end lies after the baseline end, if one is set."""
        return health_rules.slip_days(self.current_end, self.baseline_end)

    def health(self, today: date) -> str:
        """Return on_track, at_risk or late as seen on `today` (see schedule/health.py)."""
        return health_rules.health(
            self.status,
            self.current_start,
            self.current_end,
            self.percent_complete,
            today,
            self.baseline_end,
        )

    def late_days(self, today: date) -> int:
        """Return how many days of work are behind the plan on `today`."""
        return health_rules.late_days(
            self.current_start, self.current_end, self.percent_complete, today, self.status
        )

    def __str__(self):
        return self.title


class MilestoneDependency(db.Model):
    """Finish-to-start: the successor starts no earlier than predecessor end + lag."""

    __tablename__ = "milestone_dependency"
    __history__ = True

    id: Mapped[int] = mapped_column(primary_key=True)
    predecessor_id: Mapped[int] = mapped_column(ForeignKey("milestone.id", ondelete="CASCADE"))
    successor_id: Mapped[int] = mapped_column(ForeignKey("milestone.id", ondelete="CASCADE"))
    lag_days: Mapped[int] = mapped_column(default=0)

    predecessor: Mapped[Milestone] = relationship(
        foreign_keys=[predecessor_id], back_populates="successor_links"
    )
    successor: Mapped[Milestone] = relationship(
        foreign_keys=[successor_id], back_populates="predecessor_links"
    )

    __table_args__ = (
        UniqueConstraint("predecessor_id", "successor_id"),
        CheckConstraint("predecessor_id <> successor_id", name="not_self"),
    )

    def __str__(self):
        return f"{self.predecessor_id} → {self.successor_id}"
