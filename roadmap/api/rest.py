"""The REST API's extension: flask-smorest, bearer tokens and CSRF for cookie writes.

Each app gets its own flask-smorest ``Api`` (tests build many apps); the API
blueprints are module-level and registered into it. Errors keep the shape of
roadmap/errors.py, whose handler replaces the one flask-smorest registers.
"""

import hmac

import marshmallow as ma
from flask import current_app, g, request
from flask_smorest import Api
from werkzeug.exceptions import HTTPException

from roadmap.auth.loader import database_unavailable
from roadmap.auth.models import ApiToken, hash_token
from roadmap.clock import now_utc
from roadmap.errors import handle_http_error
from roadmap.extensions import csrf, db, login_manager
from roadmap.months import MONTH_PATTERN, MonthConverter

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
API_BLUEPRINTS = ("api", "api_v1")

API_CONFIG = {
    "API_TITLE": "Roadmap API",
    "API_VERSION": "1",
    "OPENAPI_VERSION": "3.1.0",
    "OPENAPI_URL_PREFIX": "/api/v1",
    "OPENAPI_JSON_PATH": "openapi.json",
    "API_SPEC_OPTIONS": {
        "info": {
            "description": "Read the project; managers update milestones and border posts. "
            "Every write carries the record's `version`; a stale one gets 409 and the "
            "current record."
        },
        "components": {
            "securitySchemes": {
                "bearerAuth": {"type": "http", "scheme": "bearer"},
                "cookieAuth": {"type": "apiKey", "in": "cookie", "name": "session"},
            }
        },
        "security": [{"bearerAuth": []}, {"cookieAuth": []}],
    },
}


class ErrorSchema(ma.Schema):
    """The JSON body of every error answered under /api/."""

    status = ma.fields.Integer(required=True)
    error = ma.fields.String(required=True)
    message = ma.fields.String(required=True)
    request_id = ma.fields.String(required=True, allow_none=True)
    errors = ma.fields.Dict(
        keys=ma.fields.String(), values=ma.fields.List(ma.fields.String()), required=False
    )
    current = ma.fields.Dict(required=False)


class RoadmapApi(Api):
    """flask-smorest's Api, documenting our error shape."""

    ERROR_SCHEMA = ErrorSchema


def bearer_token() -> str | None:
    """Return the token of an `Authorization: Bearer` header, if any."""
    header = request.headers.get("Authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        return None
    return token.strip()


def load_user_from_token(req):
    """Return the user owning the request's bearer token (API paths only)."""
    if request.blueprint not in API_BLUEPRINTS or database_unavailable():
        return None
    token = bearer_token()
    if token is None:
        return None
    digest = hash_token(token)
    record = db.session.scalar(db.select(ApiToken).filter_by(token_hash=digest))
    if record is None or record.revoked_at is not None or not record.user.active:
        return None
    if not hmac.compare_digest(record.token_hash, digest):
        return None
    g.api_token_id = record.id
    g.user_id = record.user_id  # for the request's log line (request_log.py)
    return record.user


def record_token_use(response):
    """Note when a token was last used (after the view, which owns its own transaction)."""
    token_id = g.pop("api_token_id", None)
    if token_id is not None and response.status_code < 500:
        db.session.execute(
            db.update(ApiToken).where(ApiToken.id == token_id).values(last_used_at=now_utc())
        )
        db.session.commit()
    return response


def protect_cookie_writes():
    """Require the CSRF token on writes authenticated by the session cookie."""
    if request.method in SAFE_METHODS or g.get("api_token_id") is not None:
        return None
    if not current_app.config.get("WTF_CSRF_ENABLED", True):
        return None
    csrf.protect()
    return None


def init_rest_api(app, blueprints) -> RoadmapApi:
    """Create the app's Api, register the API blueprints and their hooks."""
    for key, value in API_CONFIG.items():
        app.config.setdefault(key, value)
    login_manager.request_loader(load_user_from_token)
    app.after_request(record_token_use)
    api = RoadmapApi(app)
    api.register_converter(
        MonthConverter, lambda _converter: {"type": "string", "pattern": MONTH_PATTERN}
    )
    # The Api registers its own handler of HTTP errors: ours answers them all, in one shape.
    app.register_error_handler(HTTPException, handle_http_error)
    for blueprint in blueprints:
        csrf.exempt(blueprint)
        api.register_blueprint(blueprint)
    app.extensions["roadmap-api"] = api
    return api
