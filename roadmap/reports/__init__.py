"""Monthly reports: snapshot, narrative, issuing, and the PDF, XLSX and HTML files."""

from flask import Blueprint

bp = Blueprint("reports", __name__)

# The routes, imported last: their modules take `bp` from here.
from roadmap.reports import downloads, views  # noqa: E402,F401
