"""The posts' map, CSV import and export, and GeoJSON feed (routes of the posts blueprint)."""

from flask import current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user
from sqlalchemy import select

from roadmap import labels
from roadmap.auth.access import editor_only
from roadmap.charts import figure_payload
from roadmap.clock import today
from roadmap.conditional import conditional
from roadmap.countries import country_name
from roadmap.extensions import db
from roadmap.posts import csvio, importing
from roadmap.posts.figures import map_figure
from roadmap.posts.forms import ImportForm
from roadmap.posts.models import BorderPost
from roadmap.posts.views import bp


@bp.get("/posts/map", endpoint="map")
@conditional
def posts_map():
    """Show the posts on the map of the region, coloured by stage."""
    posts = db.session.scalars(select(BorderPost).order_by(BorderPost.country, BorderPost.name))
    posts = posts.all()
    return render_template("posts/map.html", posts=posts, figure=figure_payload(map_figure(posts)))


@bp.get("/posts.csv")
def export_csv():
    """Download every post as a CSV file that the import reads back unchanged."""
    body = csvio.encode(importing.export_text())
    response = current_app.response_class(body, mimetype="text/csv")
    response.headers["Content-Type"] = "text/csv; charset=utf-8"
    response.headers["Content-Disposition"] = (
        f'attachment; filename="border-posts-{today().isoformat()}.csv"'
    )
    return response


@bp.route("/posts/import", methods=["GET", "POST"])
@editor_only
def import_csv():
    """Import posts from a CSV file: all rows or none."""
    form = ImportForm()
    problems, file_error = [], None
    if form.validate_on_submit():
        upload = form.file.data
        data = upload.read()
        existing = importing.existing_posts()
        try:
            parsed = importing.read(data, existing)
        except csvio.CsvError as error:
            file_error = str(error)
        else:
            problems = parsed.problems
            if not problems:
                name = upload.filename or "posts.csv"
                result = importing.apply(parsed, existing, source=name, author=current_user)
                db.session.commit()
                flash(
                    _(
                        "Import done: %(created)s, %(updated)s, %(unchanged)s.",
                        created=ngettext("%(num)d post created", "%(num)d posts created",
                                         result.created),
                        updated=ngettext("%(num)d updated", "%(num)d updated", result.updated),
                        unchanged=ngettext("%(num)d unchanged", "%(num)d unchanged",
                                           result.unchanged),
                    ),
                    "success",
                )
                return redirect(url_for("posts.index"))
    status = 422 if request.method == "POST" else 200
    return (
        render_template(
            "posts/import.html",
            form=form,
            problems=problems,
            file_error=file_error,
            columns=csvio.COLUMNS,
            required=csvio.REQUIRED,
        ),
        status,
    )


@bp.get("/api/v1/posts.geojson")
def geojson():
    """Return the posts as a GeoJSON FeatureCollection (longitude first)."""
    posts = db.session.scalars(select(BorderPost).order_by(BorderPost.id))
    features = [
        {
            "type": "Feature",
            "id": post.id,
            "geometry": {"type": "Point", "coordinates": [post.longitude, post.latitude]},
            "properties": {
                "id": post.id,
                "name": post.name,
                "country": post.country,
                "country_name": country_name(post.country),
                "neighbour_country": post.neighbour_country,
                "kind": post.kind,
                "priority": post.priority,
                "stage": post.stage,
                "stage_label": labels.label("stage", post.stage),
                "progress": post.progress,
                "estimated_cost": _number(post.estimated_cost),
                "spent": _number(post.spent),
                "over_budget": post.over_budget,
                "url": url_for("posts.post", post_id=post.id, _external=True),
            },
        }
        for post in posts
    ]
    response = current_app.json.response({"type": "FeatureCollection", "features": features})
    response.mimetype = "application/geo+json"
    return response


def _number(value):
    return float(value) if value is not None else None
