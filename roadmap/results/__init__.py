"""The results framework: results, their indicators, targets and actuals by period."""

from flask import Blueprint

bp = Blueprint("results", __name__)

# The routes, imported last: their modules take `bp` from here.
from roadmap.results import editing, exports, removal, views  # noqa: E402,F401
