"""The posts' map, CSV import and export, and GeoJSON feed (routes of the posts blueprint)."""

import functools

from flask import current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user
from markupsafe import Markup
from sqlalchemy import select

from roadmap import labels
from roadmap.auth.access import editor_only
from roadmap.caching import cached
from roadmap.charts import figure_json
from roadmap.clock import today
from roadmap.conditional import conditional
from roadmap.countries import country_name
from roadmap.extensions import db
from roadmap.posts import bp, commands, csvio, importing
from roadmap.posts.figures import map_figure
from roadmap.posts.forms import ImportForm
from roadmap.posts.models import BorderPost


@bp.get("/posts/map", endpoint="map")
@conditional
def posts_map():
    """Show the posts on the map of the region, coloured by stage."""
    # The map and its table hold no form, token or user name: kept and reused as HTML.
    # map_body's own output (every value escaped by Jinja), given back by the cache.
    body = Markup(cached("posts_map_body", map_body, request.script_root))  # nosec B704
    return render_template("posts/map.html", body=body)


def map_body() -> Markup:
    """Render the map of every post and the same posts as a table."""
    posts = db.session.scalars(
        select(BorderPost).order_by(BorderPost.country, BorderPost.name)
    ).all()
    html = render_template(
        "posts/_map_body.html", posts=posts, figure=figure_json(map_figure(posts))
    )
    # Our own template's output, every value in it escaped by Jinja: already HTML.
    return Markup(html)  # nosec B704


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
                result = commands.import_posts(
                    parsed, existing, source=name, by=current_user, today=today()
                )
                db.session.commit()
                flash(
                    _(
                        "Import done: %(created)s, %(updated)s, %(unchanged)s.",
                        created=ngettext(
                            "%(num)d post created", "%(num)d posts created", result.created
                        ),
                        updated=ngettext("%(num)d updated", "%(num)d updated", result.updated),
                        unchanged=ngettext(
                            "%(num)d unchanged", "%(num)d unchanged", result.unchanged
                        ),
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
    # The same for every reader of a language: built once per data version.
    body = cached("posts_geojson", _geojson_body, request.url_root)
    return current_app.response_class(body, mimetype="application/geo+json")


# What the feed reads of each post: plain rows, not whole records.
GEOJSON_COLUMNS = (
    BorderPost.id,
    BorderPost.name,
    BorderPost.country,
    BorderPost.neighbour_country,
    BorderPost.kind,
    BorderPost.priority,
    BorderPost.stage,
    BorderPost.progress,
    BorderPost.estimated_cost,
    BorderPost.spent,
    BorderPost.latitude,
    BorderPost.longitude,
)


def _geojson_body() -> str:
    rows = db.session.execute(select(*GEOJSON_COLUMNS).order_by(BorderPost.id))
    # A thousand posts share a handful of countries and stages: each is translated once.
    names = functools.cache(country_name)
    stages = functools.cache(lambda code: labels.label("stage", code))
    post_url = url_for("posts.post", post_id=0, _external=True)[:-1]  # ends with the id
    collection = {
        "type": "FeatureCollection",
        "features": [
            post_feature(row, names(row.country), stages(row.stage), f"{post_url}{row.id}")
            for row in rows
        ],
    }
    return current_app.json.dumps(collection, separators=(",", ":")) + "\n"


def post_feature(row, country_label: str, stage_label: str, url: str) -> dict:
    """Return one post (a row of GEOJSON_COLUMNS) as a GeoJSON Feature."""
    return {
        "type": "Feature",
        "id": row.id,
        "geometry": {"type": "Point", "coordinates": [row.longitude, row.latitude]},
        "properties": {
            "id": row.id,
            "name": row.name,
            "country": row.country,
            "country_name": country_label,
            "neighbour_country": row.neighbour_country,
            "kind": row.kind,
            "priority": row.priority,
            "stage": row.stage,
            "stage_label": stage_label,
            "progress": row.progress,
            "estimated_cost": _number(row.estimated_cost),
            "spent": _number(row.spent),
            "over_budget": row.estimated_cost is not None
            and row.spent is not None
            and row.spent > row.estimated_cost,
            "url": url,
        },
    }


def _number(value):
    return float(value) if value is not None else None
