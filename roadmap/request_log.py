"""One JSON line per request: who asked what, the answer and how long it took.

The line carries the request id the 500 page shows, so a person's report finds the
traceback, which only the log holds (errors.py). The query string is left out: a
calendar feed's token travels there.
"""

import json
import logging
import time
from datetime import UTC, datetime

from flask import g, request

log = logging.getLogger("roadmap.requests")


def start_clock():
    g.request_started = time.perf_counter()


def log_request(response):
    """Write the request's line; the user is the one a loader found (none for a visitor)."""
    started = g.get("request_started")
    entry = {
        "time": datetime.now(UTC).isoformat(timespec="milliseconds"),
        "request_id": g.get("request_id"),
        "user_id": g.get("user_id"),
        "method": request.method,
        "path": request.path,
        "status": response.status_code,
        "duration_ms": round((time.perf_counter() - started) * 1000, 1) if started else None,
        "address": request.remote_addr,
    }
    log.info(json.dumps(entry, ensure_ascii=False))
    return response


def register(app) -> None:
    app.before_request(start_clock)
    # Registered first, so it runs last of the after_request hooks: the status is final.
    app.after_request(log_request)
