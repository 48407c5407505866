"""The dashboard: is the project on track, and what changed since the last visit?"""

from flask import Blueprint

bp = Blueprint("dashboard", __name__)

# The routes, imported last: their modules take `bp` from here.
from roadmap.dashboard import views  # noqa: E402,F401
