"""Readable offline: a service worker keeps the app shell, the last pages seen and reports."""

from flask import Blueprint

bp = Blueprint("offline", __name__)

# The routes, imported last: their modules take `bp` from here.
from roadmap.offline import views  # noqa: E402,F401
