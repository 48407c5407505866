"""The before and after photos of the posts whose stage changed in a report's month."""

import base64

from sqlalchemy import select
from sqlalchemy.orm import joinedload

from roadmap.extensions import db
from roadmap.photos.models import Photo, PhotoFile


def before_and_after(posts: list[dict], last_day) -> list[dict]:
    """Return, per post whose stage changed, its latest photo of each stage by `last_day`.

    `posts` are a report's post rows (stage, stage_before). Only posts with a photo of
    both stages are listed. Each photo carries its thumbnail as a data URI, so a PDF
    or a saved page needs nothing else.
    """
    moved = {
        row["id"]: row
        for row in posts
        if row.get("stage_before") and row["stage"] != row["stage_before"]
    }
    if not moved:
        return []
    photos = db.session.scalars(
        select(Photo)
        .where(Photo.post_id.in_(list(moved)), Photo.taken_on <= last_day)
        .options(joinedload(Photo.file).undefer(PhotoFile.thumbnail))
        .order_by(Photo.taken_on, Photo.id)
    ).all()
    latest = {(photo.post_id, photo.stage): photo for photo in photos}
    pairs = []
    for key, row in moved.items():
        before, after = latest.get((key, row["stage_before"])), latest.get((key, row["stage"]))
        if before is not None and after is not None:
            pairs.append(
                {
                    "post_id": key,
                    "name": row["name"],
                    "before": _shown(before),
                    "after": _shown(after),
                }
            )
    pairs.sort(key=lambda pair: pair["name"])
    return pairs


def _shown(photo: Photo) -> dict:
    encoded = base64.b64encode(photo.file.thumbnail).decode("ascii")
    return {
        "id": photo.id,
        "stage": photo.stage,
        "caption": photo.caption,
        "taken_on": photo.taken_on,
        "questioned": photo.questioned,
        "data_uri": f"data:image/jpeg;base64,{encoded}",
    }
