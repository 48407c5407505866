"""The posts' figures built from the database, with translated labels (also for the dashboard)."""

from flask_babel import gettext as _
from sqlalchemy import select

from roadmap import labels
from roadmap.charts.posts import posts_map, progress_by_country
from roadmap.countries import PROJECT_COUNTRIES, country_name
from roadmap.extensions import db
from roadmap.posts.models import STAGES, BorderPost
from roadmap.posts.priority import partners_by_post, priorities_by_post


def _stages():
    return [(stage, labels.label("stage", stage)) for stage in STAGES]


def progress_figure(posts=None):
    """Return posts per stage per country (stacked) with each country's average progress."""
    posts = posts if posts is not None else db.session.scalars(select(BorderPost)).all()
    counts, totals = {}, {}
    for post in posts:
        counts.setdefault(post.country, {}).setdefault(post.stage, 0)
        counts[post.country][post.stage] += 1
        totals.setdefault(post.country, []).append(post.progress)
    codes = [c for c in PROJECT_COUNTRIES if c in counts] + sorted(
        c for c in counts if c not in PROJECT_COUNTRIES
    )
    averages = {code: sum(values) / len(values) for code, values in totals.items()}
    return progress_by_country(
        counts,
        averages,
        countries=[(code, country_name(code)) for code in codes],
        stages=_stages(),
        title=_("Border posts by stage and country"),
        count_axis=_("Number of posts"),
        average_label=_("Average physical progress"),
        average_axis=_("Average physical progress (%)"),
    )


def map_figure(posts=None, resolution: int = 50):
    """Return the map of the posts over the tinted project countries, its outlines at
    1:50m (the map page) or 1:110m (the dashboard's card: a third of the bytes)."""
    posts = posts if posts is not None else db.session.scalars(select(BorderPost)).all()
    active, ranked = partners_by_post(), priorities_by_post()
    return posts_map(
        [
            {
                "name": post.name,
                "country_name": country_name(post.country),
                "latitude": post.latitude,
                "longitude": post.longitude,
                "stage": post.stage,
                "progress": post.progress,
                "partners": ", ".join(active.get(post.id, [])),
                "priority": _priority_text(ranked.get(post.id)),
            }
            for post in posts
        ],
        tinted=[(code, country_name(code)) for code in PROJECT_COUNTRIES],
        stages=_stages(),
        title=_("Border posts by rehabilitation stage"),
        stage_word=_("Stage"),
        progress_word=_("Physical progress"),
        partners_word=_("Partners active"),
        priority_word=_("Priority"),
        resolution=resolution,
    )


def _priority_text(row: dict | None) -> str:
    """Return a post's priority as the map's hover says it: its word and its rank."""
    if row is None:
        return ""
    return f"{labels.label('priority', row['priority'])} (#{row['rank']})"
