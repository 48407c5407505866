"""The service worker script and the page it shows for a page never opened online."""

import hashlib

from flask import abort, current_app, render_template, request
from flask_babel import force_locale

from roadmap.auth.access import public
from roadmap.offline import bp
from roadmap.offline.shell import worker_config

JAVASCRIPT = "text/javascript; charset=utf-8"


@bp.get("/sw.js")
@public
def worker():
    """Send the service worker, told the current shell; revalidated on every update check."""
    body = render_template("offline/sw.js", config=worker_config())
    response = current_app.response_class(body, content_type=JAVASCRIPT)
    # At the root, the worker's scope is the whole app; the header says it outright.
    response.headers["Service-Worker-Allowed"] = "/"
    response.headers["Cache-Control"] = "no-cache"
    response.set_etag(hashlib.sha256(body.encode()).hexdigest()[:32])
    return response.make_conditional(request)


@bp.get("/offline")
@public
def page():
    """Show what the worker answers, offline, for a page this device never kept."""
    language = request.args.get("lang", current_app.config["LANGUAGES"][0])
    if language not in current_app.config["LANGUAGES"]:
        abort(404)
    with force_locale(language):
        body = render_template("offline/page.html", language=language)
    response = current_app.response_class(body, content_type="text/html; charset=utf-8")
    # The worker keeps its own copy (no user data in it); the browser asks again.
    response.headers["Cache-Control"] = "no-cache"
    return response
