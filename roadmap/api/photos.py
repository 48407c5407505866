"""The photos of a post through the API: list them, or upload some as a manager."""

import marshmallow as ma
from flask import request
from flask_login import current_user
from flask_smorest.fields import Upload
from marshmallow import fields, validate

from roadmap.api.resources import absolute, blp
from roadmap.api.schemas import Strict
from roadmap.api.writes import Invalid
from roadmap.clock import today
from roadmap.commands import Invalid as Refused
from roadmap.extensions import db
from roadmap.photos import commands
from roadmap.photos.views import photos_by_stage
from roadmap.posts.models import STAGES, BorderPost


class PhotoSchema(ma.Schema):
    id = fields.Integer()
    caption = fields.String()
    stage = fields.String(validate=validate.OneOf(STAGES))
    taken_on = fields.Date()
    latitude = fields.Float(allow_none=True, metadata={"description": "from the photo's EXIF"})
    longitude = fields.Float(allow_none=True)
    distance_km = fields.Float(allow_none=True, metadata={"description": "from the post"})
    elsewhere = fields.Boolean(metadata={"description": "taken more than 5 km from the post"})
    confirmed_reason = fields.String()
    questioned = fields.Boolean(metadata={"description": "taken elsewhere, not yet confirmed"})
    content_type = fields.String()
    width = fields.Integer()
    height = fields.Integer()
    version = fields.Integer()
    url = fields.String()
    thumbnail_url = fields.String()


class PhotoFormSchema(Strict):
    caption = fields.String(load_default="", validate=validate.Length(max=300))
    stage = fields.String(required=True, validate=validate.OneOf(STAGES))
    taken_on = fields.Date(
        load_default=None, metadata={"description": "default: each photo's EXIF date, or today"}
    )


class PhotoUploadSchema(ma.Schema):
    """The multipart body: the files, and the form fields read with PhotoFormSchema."""

    photos = fields.List(Upload(), required=True, metadata={"description": "JPEG, PNG or HEIC"})
    caption = fields.String(validate=validate.Length(max=300))
    stage = fields.String(validate=validate.OneOf(STAGES), metadata={"description": "required"})
    taken_on = fields.Date(metadata={"description": "default: each photo's EXIF date, or today"})


def photo_data(photo) -> dict:
    data = {name: getattr(photo, name) for name in PhotoSchema().fields if hasattr(photo, name)}
    data.update(
        content_type=photo.file.content_type,
        width=photo.file.width,
        height=photo.file.height,
        url=absolute(f"/photos/{photo.id}"),
        thumbnail_url=absolute(f"/photos/{photo.id}/thumbnail"),
    )
    return data


@blp.get("/posts/<int(max=2147483647):post_id>/photos")
@blp.response(200, PhotoSchema(many=True))
def post_photos(post_id):
    """List a post's photos by stage, oldest first in each."""
    db.get_or_404(BorderPost, post_id)
    return [photo_data(photo) for _stage, photos in photos_by_stage(post_id) for photo in photos]


@blp.post("/posts/<int(max=2147483647):post_id>/photos")
@blp.arguments(PhotoUploadSchema, location="files")
@blp.response(201, PhotoSchema(many=True))
def upload_post_photos(files, post_id):
    """Add photos to a post (multipart); all of them, or none with the reason per file."""
    post = db.get_or_404(BorderPost, post_id)
    # One request body has both parts; webargs reads files and form fields apart.
    try:
        form = PhotoFormSchema().load(request.form.to_dict())
    except ma.ValidationError as error:
        raise Invalid(error.messages) from None
    uploads = [commands.Upload(f.filename or "", f.read()) for f in files.get("photos", [])]
    try:
        added = commands.add_photos(post, uploads, by=current_user, today=today(), **form)
        db.session.commit()
    except Refused as refused:
        db.session.rollback()
        raise Invalid(refused.errors) from None
    return [photo_data(photo) for photo in added]
