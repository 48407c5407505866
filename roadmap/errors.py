"""Error pages for the browser and JSON errors for the API, one handler each."""

import logging

from flask import g, jsonify, render_template, request
from flask_babel import gettext as _
from sqlalchemy.exc import OperationalError
from werkzeug.exceptions import HTTPException, ServiceUnavailable

from roadmap.extensions import db

log = logging.getLogger("roadmap.errors")

HTML_PAGES = {400, 401, 403, 404, 405, 409, 413, 422, 429, 500, 503}


def wants_json() -> bool:
    """Tell whether the client is the API rather than a browser page."""
    return request.path.startswith("/api/") or request.blueprint == "api"


def json_error(status: int, code: str, message: str, **extra):
    body = {"status": status, "error": code, "message": message, "request_id": g.get("request_id")}
    body.update(extra)
    response = jsonify(body)
    response.status_code = status
    return response


def log_refusal() -> None:
    """Record a refused request: who, what, where (never the form's content)."""
    from flask_login import current_user

    user_id = current_user.get_id().partition(":")[0] if current_user.is_authenticated else None
    log.warning(
        "access refused user_id=%s method=%s path=%r request_id=%s",
        user_id,
        request.method,
        request.path,
        g.get("request_id"),
    )


def handle_http_error(error: HTTPException):
    """Answer an HTTP error with the error page or its JSON shape."""
    if error.code is None or error.code < 400:
        return error
    if error.code == 403 and not g.get("refusal_logged"):
        log_refusal()
    if (
        hasattr(error, "get_response")
        and type(error).get_response is not HTTPException.get_response
    ):
        return error.get_response()
    if wants_json():
        code = (error.name or "error").lower().replace(" ", "_")
        return json_error(error.code, code, error.description or error.name)
    template = f"errors/{error.code}.html" if error.code in HTML_PAGES else "errors/generic.html"
    return render_template(template, error=error), error.code


def handle_database_unavailable(error: OperationalError):
    """Answer 503 while the database is away; the next request tries again."""
    db.session.rollback()
    log.error("database unavailable request_id=%s: %s", g.get("request_id"), error.orig)
    # The page is drawn as for a visitor: loading the user would query the database
    # again (auth.loader reads this; a user already loaded stays as they were).
    g.database_unavailable = True
    return handle_http_error(ServiceUnavailable())


def handle_unexpected(error: Exception):
    """Roll back, log the traceback with the request id, show no detail to the user."""
    db.session.rollback()
    log.exception("unhandled error request_id=%s", g.get("request_id"))
    if wants_json():
        return json_error(500, "internal_server_error", _("Internal server error"))
    return render_template("errors/500.html"), 500


def register(app) -> None:
    app.register_error_handler(HTTPException, handle_http_error)
    app.register_error_handler(OperationalError, handle_database_unavailable)
    app.register_error_handler(Exception, handle_unexpected)
