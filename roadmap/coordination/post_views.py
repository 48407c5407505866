"""A post's assessments and rank: record or correct an assessment, override the rank."""

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from roadmap.auth.access import editor_only
from roadmap.clock import today
from roadmap.commands import Invalid, Stale, commit
from roadmap.coordination import bp, commands, loading
from roadmap.coordination.forms import AssessmentForm, RankForm
from roadmap.coordination.models import Assessment
from roadmap.coordination.vocab import CRITERIA
from roadmap.extensions import db
from roadmap.form_errors import show_refusal
from roadmap.history import HistoryEntry
from roadmap.locking import StaleEdit
from roadmap.posts.models import BorderPost

FORM_FIELDS = ("assessed_on", "assessor", *(f"score_{c}" for c in CRITERIA), "needs", "comment")


@bp.get("/posts/<int:post_id>/assessments")
def assessments(post_id):
    """Show a post's assessments, its priority score and rank, and their history."""
    post = db.get_or_404(BorderPost, post_id)
    records = db.session.scalars(
        select(Assessment)
        .where(Assessment.post_id == post_id)
        .order_by(Assessment.assessed_on.desc(), Assessment.id.desc())
    ).all()
    ids = [a.id for a in records]
    entries = db.session.scalars(
        select(HistoryEntry)
        .where(
            ((HistoryEntry.entity == "post_assessment") & HistoryEntry.entity_id.in_(ids or [0]))
            | (
                (HistoryEntry.entity == "post_rank_override")
                & (HistoryEntry.label.like(f"{post.name} #%"))
            )
        )
        .order_by(HistoryEntry.id.desc())
        .limit(50)
    ).all()
    form = None
    if current_user.can_edit:
        form = RankForm()
        row = loading.priorities_by_post().get(post_id, {})
        form.rank.data = row.get("override") or ""
        form.reason.data = row.get("override_reason") or ""
        form.version.data = row.get("override_version") or ""
    return render_assessments(post, records, entries, form)


def render_assessments(post, records, entries, form, status=200):
    return (
        render_template(
            "coordination/assessments.html",
            post=post,
            assessments=records,
            entries=entries,
            priority=loading.priorities_by_post().get(post.id),
            weights=loading.weights(),
            form=form,
        ),
        status,
    )


def _values(form) -> dict:
    return {
        "assessed_on": form.assessed_on.data,
        "assessor": form.assessor.data,
        "scores": {c: form[f"score_{c}"].data for c in CRITERIA},
        "needs": form.needs.data or [],
        "comment": form.comment.data,
    }


@bp.route("/posts/<int:post_id>/assessments/new", methods=["GET", "POST"])
@editor_only
def create_assessment(post_id):
    """Record an assessment of a post."""
    post = db.get_or_404(BorderPost, post_id)
    form = AssessmentForm()
    if request.method == "GET":
        form.assessed_on.data = today()
    if form.validate_on_submit():
        try:
            commands.record_assessment(post, _values(form), by=current_user, today=today())
        except Invalid as refused:
            show_refusal(form, refused)
        else:
            db.session.commit()
            flash(_("The assessment is recorded."), "success")
            return redirect(url_for("coordination.assessments", post_id=post.id))
    status = 422 if request.method == "POST" else 200
    return render_template(
        "coordination/assessment_form.html", form=form, post=post, assessment=None
    ), status


@bp.route("/coordination/assessments/<int:assessment_id>/edit", methods=["GET", "POST"])
@editor_only
def edit_assessment(assessment_id):
    """Correct an assessment; one saved meanwhile by someone else is refused, with both."""
    assessment = db.get_or_404(Assessment, assessment_id)
    form = AssessmentForm()
    version = request.form.get("version") if request.method == "POST" else assessment.version
    if request.method == "GET":
        form.assessed_on.data = assessment.assessed_on
        form.assessor.data = assessment.assessor
        for criterion in CRITERIA:
            form[f"score_{criterion}"].data = str(assessment.scores.get(criterion, ""))
        form.needs.data = list(assessment.needs)
        form.comment.data = assessment.comment
    retry_url = url_for("coordination.edit_assessment", assessment_id=assessment.id)
    if form.validate_on_submit():
        try:
            commands.update_assessment(
                assessment, _values(form), by=current_user, expected_version=version, today=today()
            )
            commit(assessment)
        except Stale:
            db.session.rollback()
            raise StaleEdit(
                assessment,
                fields=[(name, form[name].label.text) for name in FORM_FIELDS],
                submitted={name: form[name].data for name in FORM_FIELDS},
                retry_url=retry_url,
            ) from None
        except Invalid as refused:
            show_refusal(form, refused)
        else:
            flash(_("The assessment is saved."), "success")
            return redirect(url_for("coordination.assessments", post_id=assessment.post_id))
    status = 422 if request.method == "POST" else 200
    return render_template(
        "coordination/assessment_form.html",
        form=form,
        post=assessment.post,
        assessment=assessment,
        version=version,
    ), status


@bp.post("/posts/<int:post_id>/rank")
@editor_only
def override_rank(post_id):
    """Set or clear the manager's rank of a post, with the reason shown beside it."""
    post = db.get_or_404(BorderPost, post_id)
    form = RankForm()
    if form.validate_on_submit():
        try:
            commands.override_rank(
                post,
                form.rank.data,
                form.reason.data,
                by=current_user,
                expected_version=form.version.data,
            )
            commit(post)
        except Stale as stale:
            db.session.rollback()
            raise StaleEdit(
                stale.record or post,
                retry_url=url_for("coordination.assessments", post_id=post.id),
            ) from None
        except Invalid as refused:
            db.session.rollback()
            show_refusal(form, refused)
        else:
            flash(_("The rank is saved."), "success")
            return redirect(url_for("coordination.assessments", post_id=post.id))
    records = db.session.scalars(
        select(Assessment)
        .where(Assessment.post_id == post_id)
        .order_by(Assessment.assessed_on.desc())
    ).all()
    return render_assessments(post, records, [], form, status=422)
