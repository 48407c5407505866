"""Users, login, roles and account administration."""

from flask import Blueprint

bp = Blueprint("auth", __name__)

# The routes, imported last: their modules take `bp` from here.
from roadmap.auth import views  # noqa: E402,F401
