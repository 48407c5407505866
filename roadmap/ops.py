"""Operational endpoints."""

from flask import Blueprint, jsonify
from sqlalchemy import text

from roadmap.auth.access import public
from roadmap.extensions import db

bp = Blueprint("ops", __name__)


@bp.get("/healthz")
@public
def healthz():
    """Report whether the app can reach its database."""
    try:
        db.session.execute(text("SELECT 1"))
    except Exception:
        db.session.rollback()
        return jsonify(status="unavailable", database="unreachable"), 503
    return jsonify(status="ok", database="ok")
