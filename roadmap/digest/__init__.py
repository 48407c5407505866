"""The weekly e-mail digest: what needs attention, sent to each user who wants it."""

from flask import Blueprint

bp = Blueprint("digest", __name__)

# The routes, imported last: their modules take `bp` from here.
from roadmap.digest import jobs, views  # noqa: E402,F401  (jobs: the worker's weekly digest)
