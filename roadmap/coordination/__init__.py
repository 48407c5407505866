"""Coordination: the partners, who does what where, and the assessments that set priorities."""

from flask import Blueprint

bp = Blueprint("coordination", __name__)


@bp.record_once
def offer_to_posts(state) -> None:
    """Give the posts' register and map the posts' ranking and partners (roadmap/posts/priority.py).

    Offered through the app, not imported: the posts feature comes before coordination,
    which builds on it, and imports only run one way.
    """
    from roadmap.coordination.loading import partners_by_post, priorities_by_post

    state.app.extensions["roadmap.post_priorities"] = priorities_by_post
    state.app.extensions["roadmap.post_partners"] = partners_by_post


# The routes, imported last: their modules take `bp` from here.
from roadmap.coordination import (  # noqa: E402,F401
    exports,
    partner_views,
    post_views,
    removal,
    views,
)
