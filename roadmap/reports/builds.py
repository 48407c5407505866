"""The worker's side of report files: build one, store it, or record why it failed.

A request never builds a file (views.py answers 202 and enqueues `build_file`); the
worker claims the build row (so a file queued twice is built once), renders it under
a request context of its own (templates and translations expect one) and stores it.
"""

import logging

from flask import current_app

from roadmap import jobs
from roadmap.extensions import db
from roadmap.reports import commands, issuing
from roadmap.reports.models import ReportBuild

log = logging.getLogger("roadmap.reports")


@jobs.job
def build_file(build_id: int) -> None:
    """Build the file of a build row, unless another worker has it or it is built."""
    claimed = commands.start_build(build_id)
    db.session.commit()
    if not claimed:
        return
    build = db.session.get(ReportBuild, build_id)
    try:
        # A GET context: the reads below take no write lock while the file is made.
        with current_app.test_request_context(f"/reports/{build.month}"):
            data = issuing.build_bytes(build)
            db.session.commit()  # ends the read; the write below starts afresh
    except Exception as error:  # any failure is shown on the progress page, with a retry
        db.session.rollback()
        log.exception("report build failed key=%s", build.key)
        commands.fail_build(db.session.get(ReportBuild, build_id), error)
        db.session.commit()
        return
    commands.finish_build(db.session.get(ReportBuild, build_id), data)
    db.session.commit()
    log.info("report built key=%s bytes=%d", build.key, len(data))


def enqueue(build_ids) -> None:
    """Queue the builds of those rows (call it after the commit that stored them).

    A queue that cannot be reached fails the builds at once, with its reason, so the
    progress page shows it and offers a retry rather than the request ending in a 500.
    """
    for build_id in build_ids:
        try:
            jobs.enqueue(build_file, build_id)
        except jobs.QueueUnavailable as error:
            log.error("report build not queued build=%s: %s", build_id, error)
            commands.fail_build(db.session.get(ReportBuild, build_id), error)
            db.session.commit()
