"""The project's settings."""

from flask import Blueprint

bp = Blueprint("project", __name__)

# The routes, imported last: their modules take `bp` from here.
from roadmap.project import setup, views  # noqa: E402,F401
