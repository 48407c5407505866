"""Operational endpoints."""

from flask import Blueprint, current_app, jsonify

from roadmap.auth.access import public
from roadmap.extensions import db
from roadmap.readiness import database_problem

bp = Blueprint("ops", __name__)


@bp.get("/healthz")
@public
def healthz():
    """Report whether the app can serve: 503 with the reason start-up would give, else 200."""
    migrate = current_app.extensions["migrate"]
    problem = database_problem(
        db.engine, migrate.directory, migrations=current_app.config["HEALTH_CHECKS_MIGRATIONS"]
    )
    if problem:
        return jsonify(status="unavailable", reason=problem), 503
    return jsonify(status="ok")
