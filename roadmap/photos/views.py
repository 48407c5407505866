"""Views of the photos feature: upload to a post or a milestone, the image, confirm, delete."""

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from roadmap.auth.access import editor_only
from roadmap.clock import today
from roadmap.commands import Invalid, Stale, commit
from roadmap.extensions import db
from roadmap.form_errors import show_refusal
from roadmap.photos import bp, commands
from roadmap.photos.forms import ConfirmForm, DeleteForm, PhotoForm
from roadmap.photos.models import Photo
from roadmap.posts.models import STAGES, BorderPost
from roadmap.schedule.models import Milestone


@bp.app_template_global()
def photos_by_stage(post_id: int) -> list[tuple[str, list[Photo]]]:
    """Return a post's photos by stage, in the order of the stages, oldest first in each."""
    found = db.session.scalars(
        select(Photo)
        .where(Photo.post_id == post_id)
        .options(joinedload(Photo.file))
        .order_by(Photo.taken_on, Photo.id)
    ).all()
    return [
        (stage, [p for p in found if p.stage == stage])
        for stage in STAGES
        if any(p.stage == stage for p in found)
    ]


@bp.app_template_global()
def milestone_photos(milestone_id: int) -> list[Photo]:
    """Return a milestone's photos, oldest first."""
    return db.session.scalars(
        select(Photo)
        .where(Photo.milestone_id == milestone_id)
        .options(joinedload(Photo.file))
        .order_by(Photo.taken_on, Photo.id)
    ).all()


def page_of(photo: Photo, anchor: str = "photos") -> str:
    """Return the address of the page that shows a photo: its post's or its milestone's."""
    if photo.milestone_id is not None:
        return url_for("schedule.milestone", milestone_id=photo.milestone_id, _anchor=anchor)
    return url_for("posts.post", post_id=photo.post_id, _anchor=anchor)


# Several phone photos of 15 MB at once; every other request keeps the app's limit.
UPLOAD_LIMIT = 100 * 1024 * 1024
UPLOAD_ENDPOINTS = {"photos.upload", "photos.upload_to_milestone", "api_v1.upload_post_photos"}


@bp.before_app_request
def allow_photo_uploads():
    """Let the photo uploads (form and API) carry more than other requests, before parsing."""
    if request.endpoint in UPLOAD_ENDPOINTS:
        request.max_content_length = UPLOAD_LIMIT


@bp.route("/posts/<int:post_id>/photos/new", methods=["GET", "POST"])
@editor_only
def upload(post_id):
    """Add photos to a post; tell which were taken far from it."""
    post = db.get_or_404(BorderPost, post_id)
    return _upload(post, post, url_for("posts.post", post_id=post.id, _anchor="photos"))


@bp.route("/milestones/<int:milestone_id>/photos/new", methods=["GET", "POST"])
@editor_only
def upload_to_milestone(milestone_id):
    """Add photos to a milestone; tell which were taken far from its post, if it has one."""
    milestone = db.get_or_404(Milestone, milestone_id, options=[joinedload(Milestone.post)])
    back = url_for("schedule.milestone", milestone_id=milestone.id, _anchor="photos")
    return _upload(milestone, milestone.post, back)


def _upload(subject, post, back: str):
    """Show the upload form of a post or a milestone, and add what it sends."""
    form = PhotoForm()
    if isinstance(subject, Milestone):
        form.stage.choices = [("", _("No stage")), *form.stage.choices]
    if request.method == "GET":
        form.stage.data = post.stage if post is not None else ""
    if form.validate_on_submit():
        uploads = [
            commands.Upload(file.filename or "", file.read())
            for file in form.photos.data or []
            if file and file.filename
        ]
        try:
            added = commands.add_photos(
                subject,
                uploads,
                caption=form.caption.data,
                stage=form.stage.data,
                taken_on=form.taken_on.data,
                by=current_user,
                today=today(),
            )
            db.session.commit()
        except Invalid as refused:
            db.session.rollback()
            show_refusal(form, refused)
        else:
            flash(ngettext("%(num)d photo added.", "%(num)d photos added.", len(added)), "success")
            for photo in added:
                if photo.elsewhere:
                    flash(commands.taken_elsewhere_message(photo), "warning")
            return redirect(back)
    status = 422 if request.method == "POST" else 200
    page = render_template("photos/upload.html", form=form, name=str(subject), post=post, back=back)
    return page, status


def _image(photo_id: int, thumbnail: bool):
    photo = db.get_or_404(Photo, photo_id)
    file = photo.file
    response = current_app.response_class(
        file.thumbnail if thumbnail else file.content,
        content_type="image/jpeg" if thumbnail else file.content_type,
    )
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Cache-Control"] = "private, no-cache"
    response.headers["Content-Disposition"] = "inline"
    response.set_etag(f"{file.sha256}{'-t' if thumbnail else ''}")
    return response.make_conditional(request)


@bp.get("/photos/<int:photo_id>")
def image(photo_id):
    """Send a photo (re-encoded, without its metadata) to a logged-in reader."""
    return _image(photo_id, thumbnail=False)


@bp.get("/photos/<int:photo_id>/thumbnail")
def thumbnail(photo_id):
    """Send a photo's thumbnail."""
    return _image(photo_id, thumbnail=True)


@bp.post("/photos/<int:photo_id>/confirm")
@editor_only
def confirm(photo_id):
    """Confirm that a photo taken elsewhere belongs to its post, saying why."""
    photo = db.get_or_404(Photo, photo_id)
    form = ConfirmForm()
    back = page_of(photo, f"photo-{photo.id}")
    if not form.validate_on_submit():
        flash(_("Say why this photo belongs to the post."), "danger")
        return redirect(back)
    try:
        commands.confirm_photo(
            photo, form.reason.data, by=current_user, expected_version=int(form.version.data)
        )
        commit(photo)
    except (Stale, ValueError):
        db.session.rollback()
        abort(409)
    except Invalid as refused:
        db.session.rollback()
        flash(" ".join(m for ms in refused.errors.values() for m in ms), "danger")
        return redirect(back)
    flash(_("The photo is confirmed."), "success")
    return redirect(back)


@bp.post("/photos/<int:photo_id>/delete")
@editor_only
def delete(photo_id):
    """Remove a photo."""
    photo = db.get_or_404(Photo, photo_id)
    back = page_of(photo)
    form = DeleteForm()
    if not form.validate_on_submit():
        abort(400)
    try:
        commands.delete_photo(photo, by=current_user, expected_version=int(form.version.data))
        commit()
    except (Stale, ValueError):
        db.session.rollback()
        abort(409)
    flash(_("The photo is removed."), "success")
    return redirect(back)
