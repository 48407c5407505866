"""Views of the workshops feature."""

from flask import Blueprint

bp = Blueprint("workshops", __name__)
