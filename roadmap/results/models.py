"""Results (outputs, outcomes), their indicators, and each indicator's targets and actuals."""

from datetime import date, datetime

from sqlalchemy import JSON, CheckConstraint, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from roadmap.clock import now_utc
from roadmap.dbtypes import UTCDateTime, in_clause
from roadmap.extensions import db

LEVELS = ("outcome", "output")
UNITS = ("number", "percentage")
DIRECTIONS = ("increase", "decrease")
PERIOD_KINDS = ("month", "quarter")
# Where an indicator's actuals come from: typed in, or computed from the project's data.
COMPUTED_SOURCES = (
    "posts_handed_over",
    "average_progress",
    "participants",
    "recommendations_implemented",
)
SOURCES = ("manual", *COMPUTED_SOURCES)
DIMENSIONS = ("sex", "country", "post")


class Result(db.Model):
    __tablename__ = "result"
    __history__ = True

    id: Mapped[int] = mapped_column(primary_key=True)
    level: Mapped[str] = mapped_column(String(10), default="output")
    title_en: Mapped[str] = mapped_column(String(300))
    title_fr: Mapped[str] = mapped_column(String(300), default="")
    position: Mapped[int] = mapped_column(default=0)
    version: Mapped[int] = mapped_column(default=1)

    indicators: Mapped[list["Indicator"]] = relationship(
        back_populates="result",
        order_by="Indicator.position",
        cascade="all, delete-orphan",
        passive_deletes=True,
    )

    __mapper_args__ = {"version_id_col": version}
    __table_args__ = (CheckConstraint(in_clause("level", LEVELS), name="level_known"),)

    def title(self, language: str = "en") -> str:
        """Return the title in a language, the English one when it has none."""
        return (self.title_fr if language == "fr" else "") or self.title_en


class Indicator(db.Model):
    __tablename__ = "indicator"
    __history__ = True

    id: Mapped[int] = mapped_column(primary_key=True)
    result_id: Mapped[int] = mapped_column(ForeignKey("result.id", ondelete="CASCADE"))
    code: Mapped[str] = mapped_column(String(20), unique=True)
    title_en: Mapped[str] = mapped_column(String(300))
    title_fr: Mapped[str] = mapped_column(String(300), default="")
    unit: Mapped[str] = mapped_column(String(20), default="number")
    direction: Mapped[str] = mapped_column(String(10), default="increase")
    baseline_value: Mapped[float | None]
    baseline_date: Mapped[date | None]
    baseline_comment: Mapped[str] = mapped_column(Text, default="")
    period_kind: Mapped[str] = mapped_column(String(10), default="quarter")
    cumulative: Mapped[bool] = mapped_column(default=True)
    by_sex: Mapped[bool] = mapped_column(default=False)
    by_country: Mapped[bool] = mapped_column(default=False)
    by_post: Mapped[bool] = mapped_column(default=False)
    means_of_verification: Mapped[str] = mapped_column(Text, default="")
    source: Mapped[str] = mapped_column(String(40), default="manual")
    position: Mapped[int] = mapped_column(default=0)
    version: Mapped[int] = mapped_column(default=1)

    result: Mapped[Result] = relationship(back_populates="indicators")
    targets: Mapped[list["Target"]] = relationship(
        back_populates="indicator",
        order_by="Target.period_start",
        cascade="all, delete-orphan",
        passive_deletes=True,
    )
    actuals: Mapped[list["Actual"]] = relationship(
        back_populates="indicator",
        order_by="Actual.period_start",
        cascade="all, delete-orphan",
        passive_deletes=True,
    )

    __mapper_args__ = {"version_id_col": version}
    __table_args__ = (
        CheckConstraint(in_clause("unit", UNITS), name="unit_known"),
        CheckConstraint(in_clause("direction", DIRECTIONS), name="direction_known"),
        CheckConstraint(in_clause("period_kind", PERIOD_KINDS), name="period_kind_known"),
        CheckConstraint(in_clause("source", SOURCES), name="source_known"),
    )

    def __str__(self):
        return f"{self.code} {self.title_en}"

    def title(self, language: str = "en") -> str:
        """Return the title in a language, the English one when it has none."""
        return (self.title_fr if language == "fr" else "") or self.title_en

    @property
    def computed(self) -> bool:
        return self.source != "manual"

    @property
    def dimensions(self) -> tuple[str, ...]:
        """Return the dimensions its actuals are split by."""
        return tuple(d for d in DIMENSIONS if getattr(self, f"by_{d}"))


class Target(db.Model):
    """The value an indicator should reach in one period."""

    __tablename__ = "indicator_target"
    __history__ = True

    id: Mapped[int] = mapped_column(primary_key=True)
    indicator_id: Mapped[int] = mapped_column(ForeignKey("indicator.id", ondelete="CASCADE"))
    period_start: Mapped[date]
    value: Mapped[float]
    version: Mapped[int] = mapped_column(default=1)

    indicator: Mapped[Indicator] = relationship(back_populates="targets")

    __mapper_args__ = {"version_id_col": version}
    __table_args__ = (UniqueConstraint("indicator_id", "period_start"),)


class Actual(db.Model):
    """The value a manual indicator reached in one period, and its split by dimension."""

    __tablename__ = "indicator_actual"
    __history__ = True
    # Its history is dated by the day it was measured, not the day it was typed in.
    __effective__ = "effective_on"

    id: Mapped[int] = mapped_column(primary_key=True)
    indicator_id: Mapped[int] = mapped_column(ForeignKey("indicator.id", ondelete="CASCADE"))
    period_start: Mapped[date]
    value: Mapped[float]
    effective_on: Mapped[date]
    source: Mapped[str] = mapped_column(String(300), default="")
    comment: Mapped[str] = mapped_column(Text, default="")
    # {dimension: {category: value}}, e.g. {"sex": {"female": 8, "male": 10}}.
    breakdown: Mapped[dict] = mapped_column(JSON, default=dict)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now_utc)
    version: Mapped[int] = mapped_column(default=1)

    indicator: Mapped[Indicator] = relationship(back_populates="actuals")

    __mapper_args__ = {"version_id_col": version}
    __table_args__ = (UniqueConstraint("indicator_id", "period_start"),)
