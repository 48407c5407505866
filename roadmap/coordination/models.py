"""Partners, their activities (who does what where), post assessments and rank overrides."""

from datetime import date, datetime

from sqlalchemy import JSON, CheckConstraint, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from roadmap.clock import now_utc
from roadmap.coordination.vocab import ACTIVITY_STATUSES, SECTORS
from roadmap.dbtypes import UTCDateTime, in_clause
from roadmap.extensions import db


class Partner(db.Model):
    """An organisation working on border management in the region."""

    __tablename__ = "partner"
    __history__ = True

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    acronym: Mapped[str] = mapped_column(String(40), default="")
    # An IATI OrganisationType code (roadmap.project.commands.ORGANISATION_TYPES).
    org_type: Mapped[str] = mapped_column(String(2))
    country: Mapped[str | None] = mapped_column(String(3))
    iati_ref: Mapped[str | None] = mapped_column(String(100))
    contact: Mapped[str] = mapped_column(String(200), default="")
    website: Mapped[str] = mapped_column(String(300), default="")
    # Named in the project's IATI activity as a participating organisation.
    participates: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now_utc)
    version: Mapped[int] = mapped_column(default=1)

    activities: Mapped[list["Activity"]] = relationship(back_populates="partner")

    __mapper_args__ = {"version_id_col": version}

    def __str__(self):
        return f"{self.name} ({self.acronym})" if self.acronym else self.name

    @property
    def short(self) -> str:
        return self.acronym or self.name


class Activity(db.Model):
    """What a partner does, where (a post, or a whole country) and when."""

    __tablename__ = "partner_activity"
    __history__ = True

    id: Mapped[int] = mapped_column(primary_key=True)
    partner_id: Mapped[int] = mapped_column(ForeignKey("partner.id", ondelete="RESTRICT"))
    sector: Mapped[str] = mapped_column(String(20))
    # At a post (its country is kept too) or across a country (no post).
    post_id: Mapped[int | None] = mapped_column(ForeignKey("border_post.id", ondelete="CASCADE"))
    country: Mapped[str] = mapped_column(String(3))
    status: Mapped[str] = mapped_column(String(10), default="planned")
    start_date: Mapped[date]
    end_date: Mapped[date]
    note: Mapped[str] = mapped_column(Text, default="")
    version: Mapped[int] = mapped_column(default=1)

    partner: Mapped[Partner] = relationship(back_populates="activities")
    post: Mapped["BorderPost | None"] = relationship()  # noqa: F821

    __mapper_args__ = {"version_id_col": version}
    __table_args__ = (
        CheckConstraint("end_date >= start_date", name="dates_ordered"),
        CheckConstraint(in_clause("sector", tuple(SECTORS)), name="sector_known"),
        CheckConstraint(in_clause("status", tuple(ACTIVITY_STATUSES)), name="status_known"),
    )

    def __str__(self):
        partner = self.partner.short if self.partner else ""
        return f"{partner} · {self.sector} · {self.post or self.country}"


class Assessment(db.Model):
    """A dated assessment of a post: a score per criterion and the sectors it needs."""

    __tablename__ = "post_assessment"
    __history__ = True
    __effective__ = "assessed_on"

    id: Mapped[int] = mapped_column(primary_key=True)
    post_id: Mapped[int] = mapped_column(ForeignKey("border_post.id", ondelete="CASCADE"))
    assessed_on: Mapped[date]
    assessor: Mapped[str] = mapped_column(String(200))
    # {criterion: score 1–5} for every criterion of vocab.CRITERIA.
    scores: Mapped[dict] = mapped_column(JSON, default=dict)
    # The sectors (vocab.SECTORS) the post needs work in.
    needs: Mapped[list] = mapped_column(JSON, default=list)
    comment: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now_utc)
    version: Mapped[int] = mapped_column(default=1)

    post: Mapped["BorderPost"] = relationship()  # noqa: F821

    __mapper_args__ = {"version_id_col": version}

    def __str__(self):
        return f"{self.post} {self.assessed_on.isoformat()}" if self.post else str(self.id)


class RankOverride(db.Model):
    """The manager's rank for a post, in place of the one its score gives, and why."""

    __tablename__ = "post_rank_override"
    __history__ = True

    id: Mapped[int] = mapped_column(primary_key=True)
    post_id: Mapped[int] = mapped_column(
        ForeignKey("border_post.id", ondelete="CASCADE"), unique=True
    )
    rank: Mapped[int]
    reason: Mapped[str] = mapped_column(Text)
    version: Mapped[int] = mapped_column(default=1)

    post: Mapped["BorderPost"] = relationship()  # noqa: F821

    __mapper_args__ = {"version_id_col": version}
    __table_args__ = (CheckConstraint("rank >= 1", name="rank_positive"),)

    def __str__(self):
        return f"{self.post} #{self.rank}" if self.post else str(self.id)
