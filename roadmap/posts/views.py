"""Views of the posts feature."""

from flask import Blueprint

bp = Blueprint("posts", __name__)
