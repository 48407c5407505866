"""The app as gunicorn serves it, plus a test-only route that dies in the middle of a write."""

import os
import time

from flask import jsonify

from roadmap.auth.models import LoginAttempt
from roadmap.extensions import csrf, db
from wsgi import app


def slow_write():
    """Insert rows, flush them, tell the test this worker's pid, then wait to be killed."""
    for n in range(5):
        db.session.add(LoginAttempt(email=f"half-{n}@example.org", address="127.0.0.1"))
    db.session.flush()  # the rows are written inside the open transaction
    with open(os.environ["FAULT_PID_FILE"], "w") as marker:
        marker.write(str(os.getpid()))
    time.sleep(30)
    db.session.commit()
    return jsonify(done=True)


slow_write.access_public = True
app.add_url_rule("/_test/slow-write", "test_slow_write", csrf.exempt(slow_write), methods=["POST"])
