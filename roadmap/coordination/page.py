"""What /coordination shows, from the coordination's plain data: matrix, alarms, ranking."""

from flask_babel import gettext as _

from roadmap.charts import figure_json
from roadmap.charts.coordination import activity_matrix
from roadmap.coordination import loading, rules
from roadmap.countries import PROJECT_COUNTRIES, country_name

VIEWS = ("country", "post")


def build(view: str) -> dict:
    """Return the page's data for the matrix by country or by post (plain values, cacheable)."""
    activities = loading.activities()
    ranked = loading.priorities()
    by_post = {row["id"]: row for row in ranked}
    partners = sorted({(a["partner"], a["partner_id"]) for a in activities})
    rows = [partner_id for _name, partner_id in partners]
    if view == "post":
        placed = [a for a in activities if a["post_id"] is not None]
        columns = [row["id"] for row in ranked if any(a["post_id"] == row["id"] for a in placed)]
        column_names = [by_post[post_id]["name"] for post_id in columns]
        counts = rules.matrix(placed, rows, columns, "partner_id", "post_id")
    else:
        present = {a["country"] for a in activities}
        columns = [c for c in PROJECT_COUNTRIES if c in present] + sorted(
            present - set(PROJECT_COUNTRIES)
        )
        column_names = [country_name(code) for code in columns]
        counts = rules.matrix(activities, rows, columns, "partner_id", "country")
    figure = activity_matrix(
        counts,
        rows=[name for name, _id in partners],
        columns=column_names,
        title=_("Activities by partner and post")
        if view == "post"
        else _("Activities by partner and country"),
        count_word=_("Activities"),
    )
    found_gaps = rules.gaps(ranked, activities)
    found_overlaps = rules.overlaps(activities)
    return {
        "figure": figure_json(figure),
        "activities": activities,
        "ranked": ranked,
        "gaps": found_gaps,
        "overlaps": [
            {"first": first, "second": second, "post": by_post.get(first["post_id"], {})}
            for first, second in found_overlaps
        ],
    }
