"""The JSON API under /api/v1/, its OpenAPI document, the calendar feed and IATI.

`bp` is what create_app registers; registering it sets up, for that app, the
flask-smorest Api that serves /api/v1/ and /api/v1/openapi.json (views.py).
"""

from flask import Blueprint

bp = Blueprint("api", __name__)

# The routes and the blueprint's setup, imported last: their modules take `bp` from here.
from roadmap.api import calendar, iati, photos, tokens, views  # noqa: E402,F401
