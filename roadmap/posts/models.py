"""Border posts and the dated updates of their rehabilitation."""

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import CheckConstraint, ForeignKey, Numeric, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from roadmap.clock import now_utc
from roadmap.dbtypes import UTCDateTime, in_clause
from roadmap.extensions import db

# The rehabilitation stages, in order.
STAGES = (
    "identified",
    "assessed",
    "designed",
    "procured",
    "works_in_progress",
    "completed",
    "handed_over",
)
POST_KINDS = ("land", "river", "airport")
PRIORITIES = ("high", "medium", "low")


class BorderPost(db.Model):
    __tablename__ = "border_post"
    __history__ = True

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    country: Mapped[str] = mapped_column(String(3))
    neighbour_country: Mapped[str | None] = mapped_column(String(3))
    kind: Mapped[str] = mapped_column(String(20), default="land")
    latitude: Mapped[float]
    longitude: Mapped[float]
    priority: Mapped[str] = mapped_column(String(10), default="medium")
    stage: Mapped[str] = mapped_column(String(30), default="identified")
    progress: Mapped[int] = mapped_column(default=0)
    contractor: Mapped[str] = mapped_column(String(200), default="")
    estimated_cost: Mapped[Decimal | None] = mapped_column(Numeric(14, 2))
    spent: Mapped[Decimal | None] = mapped_column(Numeric(14, 2))
    notes: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now_utc)
    version: Mapped[int] = mapped_column(default=1)

    updates: Mapped[list["PostUpdate"]] = relationship(
        back_populates="post",
        order_by="(PostUpdate.date.desc(), PostUpdate.id.desc())",
        cascade="all, delete-orphan",
        passive_deletes=True,
    )
    milestones: Mapped[list["Milestone"]] = relationship(back_populates="post")  # noqa: F821

    __mapper_args__ = {"version_id_col": version}
    __table_args__ = (
        UniqueConstraint("name", "country"),
        CheckConstraint("progress BETWEEN 0 AND 100", name="progress_range"),
        CheckConstraint("latitude BETWEEN -90 AND 90", name="latitude_range"),
        CheckConstraint("longitude BETWEEN -180 AND 180", name="longitude_range"),
        CheckConstraint("estimated_cost IS NULL OR estimated_cost >= 0", name="cost_positive"),
        CheckConstraint("spent IS NULL OR spent >= 0", name="spent_positive"),
        CheckConstraint(in_clause("stage", STAGES), name="stage_known"),
        CheckConstraint(in_clause("kind", POST_KINDS), name="kind_known"),
        CheckConstraint(in_clause("priority", PRIORITIES), name="priority_known"),
    )

    @property
    def over_budget(self) -> bool:
        return (
            self.estimated_cost is not None
            and self.spent is not None
            and self.spent > self.estimated_cost
        )

    def __str__(self):
        return self.name


class PostUpdate(db.Model):
    """A dated stage or progress change reported from the field."""

    __tablename__ = "post_update"
    __history__ = True
    # Its history is dated by the day it reports, not the day it was typed in.
    __effective__ = "date"

    id: Mapped[int] = mapped_column(primary_key=True)
    post_id: Mapped[int] = mapped_column(ForeignKey("border_post.id", ondelete="CASCADE"))
    date: Mapped[date]
    stage: Mapped[str] = mapped_column(String(30))
    progress: Mapped[int]
    comment: Mapped[str] = mapped_column(Text, default="")
    author_id: Mapped[int | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL")
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now_utc)

    post: Mapped[BorderPost] = relationship(back_populates="updates")
    author: Mapped["User | None"] = relationship()  # noqa: F821

    __table_args__ = (
        CheckConstraint("progress BETWEEN 0 AND 100", name="progress_range"),
        CheckConstraint(in_clause("stage", STAGES), name="stage_known"),
    )
