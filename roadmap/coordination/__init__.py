"""Coordination: the partners, who does what where, and the assessments that set priorities."""

from flask import Blueprint

bp = Blueprint("coordination", __name__)

# The routes, imported last: their modules take `bp` from here.
from roadmap.coordination import exports, partner_views, post_views, views  # noqa: E402,F401
