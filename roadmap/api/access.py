"""Who may read the OpenAPI document: anyone, as it describes the API and holds no data."""

from roadmap.auth.access import public

OPENAPI_ENDPOINT = "api-docs.openapi_json"


def public_openapi(app) -> None:
    """Mark the OpenAPI document's view public."""
    view = app.view_functions.get(OPENAPI_ENDPOINT)
    if view is None or getattr(view, "access_public", False):
        return

    def openapi_json():
        """Return the OpenAPI document."""
        return view()

    app.view_functions[OPENAPI_ENDPOINT] = public(openapi_json)
