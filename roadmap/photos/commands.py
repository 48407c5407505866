"""The one way photos are added, confirmed and removed (see roadmap/commands.py).

Photos belong to a post or to a milestone. An upload is read by its content
(images.py); a file that is no photo is refused with a message for it and nothing of
the batch is stored. The same image sent twice is stored once. A photo whose GPS
position lies more than ELSEWHERE_KM from its post (a milestone's post, when it has
one) is marked "taken elsewhere" until a manager says why it belongs.
"""

from dataclasses import dataclass
from datetime import date

from flask_babel import format_date
from flask_babel import gettext as _
from sqlalchemy import select

from roadmap.commands import Invalid, check_editor, check_version
from roadmap.extensions import db
from roadmap.photos import images
from roadmap.photos.models import ELSEWHERE_KM, Photo, PhotoFile
from roadmap.posts.models import STAGES, BorderPost
from roadmap.schedule.models import Milestone, Project


@dataclass
class Upload:
    """One file of an upload: its name (for messages only) and its bytes."""

    filename: str
    data: bytes


def messages() -> dict:
    return {
        "too_big": _("This file is larger than 15 MB."),
        "not_image": _("This file is not a JPEG, PNG or HEIC photo."),
        "too_many_pixels": _(
            "This image has too many pixels to be a photo (50 megapixels at most)."
        ),
        "unreadable": _("This photo cannot be read; it may be damaged."),
    }


def add_photos(
    subject: BorderPost | Milestone,
    uploads: list[Upload],
    *,
    caption: str,
    stage: str | None,
    taken_on: date | None,
    by,
    today: date,
) -> list[Photo]:
    """Add the uploaded photos to a post or a milestone; raise Invalid naming each file at fault.

    `taken_on` None takes each photo's EXIF date, else today. A post's photo shows one of
    its stages; a milestone's may show none. Nothing is added unless every file is a photo.
    """
    check_editor(by)
    problems = {}
    milestone = subject if isinstance(subject, Milestone) else None
    place = subject.post if milestone is not None else subject  # where it should be taken
    stage = stage or None
    if not uploads:
        problems["photos"] = [_("Choose one photo or more.")]
    if stage not in STAGES and not (milestone is not None and stage is None):
        problems["stage"] = [_("Choose a stage.")]
    project = Project.current()
    start = project.start_date if project else None
    if taken_on is not None and taken_on > today:
        problems["taken_on"] = [_("A photo cannot be taken on a day to come.")]
    read = []
    for upload in uploads:
        try:
            read.append(images.read_photo(upload.data, messages()))
        except images.NotAPhoto as refused:
            problems.setdefault("photos", []).append(f"{upload.filename}: {refused}")
    if problems:
        raise Invalid(problems)
    added = []
    for photo in read:
        day = taken_on or (photo.taken_at.date() if photo.taken_at else today)
        if day > today or (start and day < start):
            day = today  # a camera's clock set wrong says nothing of when it happened
        distance = None
        if photo.latitude is not None and place is not None:
            distance = images.distance_km(
                place.latitude, place.longitude, photo.latitude, photo.longitude
            )
        record = Photo(
            post=None if milestone is not None else subject,
            milestone=milestone,
            file=_stored(photo),
            caption=(caption or "").strip()[:300],
            stage=stage,
            taken_on=day,
            latitude=photo.latitude,
            longitude=photo.longitude,
            distance_km=distance,
            elsewhere=distance is not None and distance > ELSEWHERE_KM,
            uploaded_by=by,
        )
        db.session.add(record)
        added.append(record)
    db.session.flush()
    return added


def _stored(photo: images.Photo) -> PhotoFile:
    """Return the stored file of these bytes, storing them if they are new."""
    digest = photo.sha256
    found = db.session.scalar(select(PhotoFile).where(PhotoFile.sha256 == digest))
    if found is not None:
        return found
    return PhotoFile(
        sha256=digest,
        content_type=photo.content_type,
        width=photo.width,
        height=photo.height,
        size=len(photo.content),
        content=photo.content,
        thumbnail=photo.thumbnail,
    )


def confirm_photo(photo: Photo, reason: str, *, by, expected_version) -> None:
    """Say why a photo taken elsewhere belongs where it is; it is no longer questioned."""
    check_editor(by)
    check_version(photo, expected_version)
    reason = (reason or "").strip()
    if not reason:
        raise Invalid({"reason": [_("Say why this photo belongs to the post.")]})
    photo.confirmed_reason = reason[:2000]


def delete_photo(photo: Photo, *, by, expected_version) -> None:
    """Remove a photo (its file stays while another photo shows the same image)."""
    check_editor(by)
    check_version(photo, expected_version)
    file = photo.file
    db.session.delete(photo)
    db.session.flush()
    if db.session.scalar(select(Photo.id).where(Photo.file_id == file.id).limit(1)) is None:
        db.session.delete(file)


def taken_elsewhere_message(photo: Photo) -> str:
    return _(
        "%(caption)s was taken %(km)s km from the post, on %(day)s: it is marked “taken "
        "elsewhere” until a manager confirms it.",
        caption=photo.caption or _("A photo"),
        km=f"{photo.distance_km:.0f}",
        day=format_date(photo.taken_on, "long"),
    )
