"""Border posts: the register, stages and history, the map, CSV import and export."""

from flask import Blueprint

bp = Blueprint("posts", __name__)

# The routes, imported last: their modules take `bp` from here.
from roadmap.posts import exchange, views  # noqa: E402,F401
