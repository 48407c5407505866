"""The posts' ranking and active partners, as the coordination feature offers them.

Coordination builds on the posts (its assessments and activities name them), so the
posts do not import it: it puts these in the app's extensions when it is registered.
Without it, a post keeps its typed priority and no partner.
"""

from flask import current_app


def priorities_by_post() -> dict[int, dict]:
    """Return {post id: {rank, score, priority, overridden, override_reason…}}."""
    build = current_app.extensions.get("roadmap.post_priorities")
    return build() if build else {}


def partners_by_post() -> dict[int, list[str]]:
    """Return {post id: [partner names]} of the partners active at each post."""
    build = current_app.extensions.get("roadmap.post_partners")
    return build() if build else {}
