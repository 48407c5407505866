"""Field photos of the border posts: uploaded, checked against the post's place, shown by stage."""

from flask import Blueprint

bp = Blueprint("photos", __name__)

# The routes, imported last: their modules take `bp` from here.
from roadmap.photos import views  # noqa: E402,F401
