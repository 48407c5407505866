"""Workshops, their participation and their outcomes."""

from flask import Blueprint

bp = Blueprint("workshops", __name__)

# The routes, imported last: their modules take `bp` from here.
from roadmap.workshops import outcome_views, views  # noqa: E402,F401
