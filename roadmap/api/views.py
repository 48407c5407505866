"""The api blueprint's setup: registering `bp` sets up, for that app, the flask-smorest
Api that serves /api/v1/ and /api/v1/openapi.json, with its hooks and error shape.
"""

from roadmap.api import bp
from roadmap.api.access import public_openapi
from roadmap.api.errors import handle_unprocessable
from roadmap.api.rest import init_rest_api, protect_cookie_writes


@bp.record_once
def register_rest_api(state) -> None:
    from roadmap.api import coordination, indicators, writes  # noqa: F401  (add their routes)
    from roadmap.api.resources import blp

    init_rest_api(state.app, [blp])
    public_openapi(state.app)


def _hooks() -> None:
    from roadmap.api.resources import blp

    if protect_cookie_writes not in blp.before_request_funcs.get(None, []):
        blp.before_request(protect_cookie_writes)
        blp.register_error_handler(422, handle_unprocessable)


_hooks()
