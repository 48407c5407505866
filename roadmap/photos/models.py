"""A photo of a post or of a milestone (its caption, stage and place) and the image file, stored once."""

from datetime import date, datetime

from sqlalchemy import CheckConstraint, ForeignKey, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, deferred, mapped_column, relationship

from roadmap.clock import now_utc
from roadmap.dbtypes import UTCDateTime, in_clause
from roadmap.extensions import db
from roadmap.posts.models import STAGES

# A photo's GPS position further than this from its post's coordinates is questioned.
ELSEWHERE_KM = 5.0


class PhotoFile(db.Model):
    """An image re-encoded without metadata, with its thumbnail: the same bytes once."""

    __tablename__ = "photo_file"

    id: Mapped[int] = mapped_column(primary_key=True)
    sha256: Mapped[str] = mapped_column(String(64), unique=True)
    content_type: Mapped[str] = mapped_column(String(20))
    width: Mapped[int]
    height: Mapped[int]
    size: Mapped[int]
    content: Mapped[bytes] = deferred(mapped_column(LargeBinary))
    thumbnail: Mapped[bytes] = deferred(mapped_column(LargeBinary))


class Photo(db.Model):
    """A photo of a post at a stage, or of a milestone, taken on a day, maybe somewhere else.

    It belongs to exactly one of them: a post, or a milestone (checked against the
    milestone's post when it has one). A milestone's photo may have no stage.
    """

    __tablename__ = "photo"
    __history__ = True

    id: Mapped[int] = mapped_column(primary_key=True)
    post_id: Mapped[int | None] = mapped_column(
        ForeignKey("border_post.id", ondelete="CASCADE"), index=True
    )
    milestone_id: Mapped[int | None] = mapped_column(
        ForeignKey("milestone.id", ondelete="CASCADE"), index=True
    )
    file_id: Mapped[int] = mapped_column(ForeignKey("photo_file.id", ondelete="RESTRICT"))
    caption: Mapped[str] = mapped_column(String(300), default="")
    stage: Mapped[str | None] = mapped_column(String(30))
    taken_on: Mapped[date]
    latitude: Mapped[float | None]  # from the photo's EXIF; stripped from the stored image
    longitude: Mapped[float | None]
    distance_km: Mapped[float | None]  # from the post's (or the milestone's post's) coordinates
    elsewhere: Mapped[bool] = mapped_column(default=False)
    confirmed_reason: Mapped[str] = mapped_column(Text, default="")
    uploaded_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL")
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now_utc)
    version: Mapped[int] = mapped_column(default=1)

    file: Mapped[PhotoFile] = relationship()
    post: Mapped["BorderPost | None"] = relationship()  # noqa: F821
    milestone: Mapped["Milestone | None"] = relationship()  # noqa: F821
    uploaded_by: Mapped["User | None"] = relationship()  # noqa: F821

    __mapper_args__ = {"version_id_col": version}
    __table_args__ = (
        CheckConstraint(f"stage IS NULL OR {in_clause('stage', STAGES)}", name="stage_known"),
        CheckConstraint("post_id IS NULL OR stage IS NOT NULL", name="post_photo_staged"),
        CheckConstraint("(post_id IS NULL) <> (milestone_id IS NULL)", name="one_subject"),
    )

    @property
    def questioned(self) -> bool:
        """Taken too far from the post, and no manager has said why it belongs."""
        return self.elsewhere and not self.confirmed_reason
