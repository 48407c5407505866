"""Views of the posts feature: the register, a post's page and timeline, edits and updates."""

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import case, select
from sqlalchemy.orm import selectinload

from roadmap import labels
from roadmap.auth.access import editor_only
from roadmap.caching import cached
from roadmap.charts import figure_json
from roadmap.clock import today
from roadmap.commands import Invalid, Stale, commit
from roadmap.countries import country_choices
from roadmap.extensions import db
from roadmap.form_errors import show_refusal
from roadmap.history_views import history_query
from roadmap.locking import StaleEdit, flash_merge, reconcile, start_form
from roadmap.paging import paginate, requested_page
from roadmap.posts import bp, commands, geo
from roadmap.posts.forms import NewPostForm, PostForm, UpdateForm
from roadmap.posts.models import POST_KINDS, PRIORITIES, STAGES, BorderPost, PostUpdate
from roadmap.posts.priority import priorities_by_post

PER_PAGE = 50
SORTS = {
    "name": BorderPost.name,
    "country": BorderPost.country,
    "stage": case({s: i for i, s in enumerate(STAGES)}, value=BorderPost.stage),
    "progress": BorderPost.progress,
    "priority": case({p: i for i, p in enumerate(PRIORITIES)}, value=BorderPost.priority),
    "cost": BorderPost.estimated_cost,
    "spent": BorderPost.spent,
}
FILTERS = {"country": geo.BOXES, "stage": STAGES, "priority": PRIORITIES, "kind": POST_KINDS}


def filtered_query(args):
    """Return the posts query for the filters and sort order in `args`, and the filters.

    Priority is the one the latest assessment gives (the typed word for a post never
    assessed), and sorting by it follows the posts' ranking (roadmap/coordination).
    """
    query, active = select(BorderPost), {}
    ranked = priorities_by_post()
    for name, allowed in FILTERS.items():
        value = args.get(name) or None
        if value in allowed and name == "priority":
            ids = [post_id for post_id, row in ranked.items() if row["priority"] == value]
            query = query.where(BorderPost.id.in_(ids or [0]))
            active[name] = value
        elif value in allowed:
            query = query.where(getattr(BorderPost, name) == value)
            active[name] = value
    sort = args.get("sort") if args.get("sort") in SORTS else "country"
    column = SORTS[sort]
    if sort == "priority":
        ranks = {post_id: row["rank"] for post_id, row in ranked.items()}
        column = case(ranks, value=BorderPost.id, else_=len(ranks) + 1) if ranks else BorderPost.id
    order = column.desc() if args.get("dir") == "desc" else column.asc()
    return query.order_by(order, BorderPost.name, BorderPost.id), active, sort


@bp.get("/posts")
def index():
    """List the border posts with filters, sorting and progress by country."""
    from roadmap.posts.figures import progress_figure

    query, active, sort = filtered_query(request.args)
    page = paginate(query, requested_page(request.args), PER_PAGE)

    def build():
        # The chart counts every filtered post: three columns each, not whole records.
        counted = db.session.execute(
            query.with_only_columns(BorderPost.country, BorderPost.stage, BorderPost.progress)
        ).all()
        return figure_json(progress_figure(counted))

    # Built once per data version, language and filters (not per sort or page).
    figure = cached("posts_progress_figure", build, tuple(sorted(active.items())))
    return render_template(
        "posts/index.html",
        page=page,
        active=active,
        sort=sort,
        direction="desc" if request.args.get("dir") == "desc" else "asc",
        options={
            "country": country_choices(geo.BOXES.keys()),
            "stage": labels.choices("stage"),
            "priority": labels.choices("priority"),
            "kind": labels.choices("post_kind"),
        },
        figure=figure,
        priorities=priorities_by_post(),
    )


@bp.get("/posts/<int:post_id>")
def post(post_id):
    """Show everything about one post, its milestones and its dated timeline."""
    # The timeline with its authors and the linked milestones, loaded up front: the count
    # of queries stays the same however many updates the post has.
    record = db.get_or_404(
        BorderPost,
        post_id,
        options=[
            selectinload(BorderPost.updates).joinedload(PostUpdate.author),
            selectinload(BorderPost.milestones),
        ],
    )
    entries = db.session.scalars(history_query("border_post", post_id).limit(50)).all()
    return render_template(
        "posts/post.html",
        post=record,
        entries=entries,
        priority=priorities_by_post().get(post_id),
    )


def _post_values(form) -> dict:
    """Return a post form's fields as the post's values (numbers and amounts as read)."""
    values = {name: form[name].data for name in commands.POST_FIELDS}
    values.update(
        latitude=form.latitude.number,
        longitude=form.longitude.number,
        estimated_cost=form.estimated_cost.amount,
        spent=form.spent.amount,
    )
    return values


@bp.route("/posts/new", methods=["GET", "POST"])
@editor_only
def create():
    """Register a border post."""
    form = NewPostForm()
    if form.validate_on_submit():
        values = _post_values(form) | {"stage": form.stage.data, "progress": form.progress.data}
        try:
            record = commands.create_post(values, by=current_user, today=today())
        except Invalid as refused:
            show_refusal(form, refused)
        else:
            db.session.commit()
            flash(_("The post is registered."), "success")
            return redirect(url_for("posts.post", post_id=record.id))
    status = 422 if request.method == "POST" else 200
    return render_template("posts/form.html", form=form, post=None), status


@bp.route("/posts/<int:post_id>/edit", methods=["GET", "POST"])
@editor_only
def edit(post_id):
    """Change a post's description, place and costs; a stale form is merged or asked about."""
    record = db.get_or_404(BorderPost, post_id)
    # On POST the form reads only the request: a missing version must not come from the record.
    form = PostForm(obj=record if request.method == "GET" else None)
    retry_url = url_for("posts.edit", post_id=record.id)
    merge = None
    if request.method == "POST":
        merge = reconcile(record, form, commands.POST_FIELDS, retry_url=retry_url)
    else:
        form.neighbour_country.data = record.neighbour_country or ""
        start_form(form, record, commands.POST_FIELDS)
        form.effective_on.data = today()
    if form.validate_on_submit():
        try:
            commands.update_post(
                record,
                _post_values(form),
                by=current_user,
                expected_version=form.version.data,
                today=today(),
                effective_on=form.effective_on.data,
            )
            _commit_or_conflict(record, retry_url)
        except Stale:  # saved by someone else between our check and our write
            db.session.rollback()
            raise StaleEdit(record, retry_url=retry_url) from None
        except Invalid as refused:
            show_refusal(form, refused)
        else:
            flash(_("The post is saved."), "success")
            flash_merge(merge, form)
            return redirect(url_for("posts.post", post_id=record.id))
    status = 422 if request.method == "POST" else 200
    return render_template("posts/form.html", form=form, post=record), status


def _commit_or_conflict(record, retry_url) -> None:
    """Commit; a save by someone else since the check turns into the 409 page."""
    try:
        commit(record)
    except Stale:
        raise StaleEdit(record, retry_url=retry_url) from None


@bp.route("/posts/<int:post_id>/updates/new", methods=["GET", "POST"])
@editor_only
def add_update(post_id):
    """Record a dated stage or progress update, and move the post on if it is the latest."""
    record = db.get_or_404(BorderPost, post_id)
    form = UpdateForm()
    if request.method == "GET":
        form.date.data = today()
        form.stage.data = record.stage
        form.progress.data = record.progress
        form.version.data = record.version
    retry_url = url_for("posts.add_update", post_id=record.id)
    if form.validate_on_submit():
        try:
            current = commands.record_update(
                record,
                on=form.date.data,
                stage=form.stage.data,
                progress=form.progress.data,
                comment=form.comment.data,
                reason=form.reason.data,
                by=current_user,
                expected_version=form.version.data,
                today=today(),
            )
            _commit_or_conflict(record, retry_url)
        except Stale:
            db.session.rollback()
            raise StaleEdit(
                record,
                fields=[(name, form[name].label.text) for name in UPDATE_FIELDS],
                submitted={name: form[name].data for name in UPDATE_FIELDS},
                retry_url=retry_url,
            ) from None
        except Invalid as refused:
            show_refusal(form, refused)
        else:
            if current:
                flash(_("The update is recorded."), "success")
            else:
                flash(
                    _(
                        "The update is recorded in the timeline; a later update still gives "
                        "the post's current stage and progress."
                    ),
                    "info",
                )
            return redirect(url_for("posts.post", post_id=record.id))
    status = 422 if request.method == "POST" else 200
    return render_template("posts/update_form.html", form=form, post=record), status


# The fields of the update form shown (and offered again) on the 409 page.
UPDATE_FIELDS = ("date", "stage", "progress", "comment", "reason")
