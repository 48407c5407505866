"""A month's PDF and XLSX: the file when it is built, else 202 and the build's progress.

No request builds a file. The first request for one records a build row and
enqueues its job (builds.py); until the worker has made it, the same URL answers
202 with a page that refreshes itself and follows the build (queued, building,
ready, failed with a retry button), then offers the file.
"""

import re

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from werkzeug.http import http_date

from roadmap.auth.access import open_to_viewers
from roadmap.clock import today
from roadmap.data_version import data_version
from roadmap.extensions import db
from roadmap.reports import bp, builds, commands, issuing
from roadmap.reports.forms import RetryForm
from roadmap.reports.models import ReportBuild
from roadmap.reports.views import language, month_or_404

# An issued file asked for by version and language never changes.
IMMUTABLE = "private, max-age=31536000, immutable"
MIME = {
    "pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
# Seconds between two looks of the progress page.
REFRESH_SECONDS = 2


@bp.get("/reports/<month:month>.pdf")
def pdf(month):
    """Download a month's report as PDF (the issued file once issued)."""
    return download(month_or_404(month), "pdf")


@bp.get("/reports/<month:month>.xlsx")
def xlsx(month):
    """Download a month's report as a workbook (the issued file once issued)."""
    return download(month_or_404(month), "xlsx")


def download(month, fmt: str):
    """Send the file asked for when it is built; else queue it and answer 202."""
    record = issuing.report_record(month)
    lang = language()
    number = request.args.get("version")
    draft = number == "draft"  # an issued month's draft: what a correction would issue
    if draft:
        number = None
    elif number is not None:
        if not re.fullmatch(r"[1-9][0-9]{0,5}", number):
            abort(404)
        number = int(number)
    version = None
    # A file asked for by version and language is the same forever: cached as such.
    pinned = number is not None and request.args.get("lang") == lang
    if record is not None and record.versions and not draft:
        version = issuing.version_numbered(record, number)
        if version is None:
            abort(404)
        stored = issuing.file_of(version, fmt, lang)
        if stored is not None:
            return issued_file(stored, month, lang, pinned)
    elif number is not None:
        abort(404)
    day = today()
    data = None if version is not None else data_version()
    key = commands.build_key(month, fmt, lang, day, version, data)
    build = commands.find_build(key)
    if build is None:
        version_id = version.id if version is not None else None
        db.session.commit()  # end this request's reads: the insert then waits for its lock
        build, created = commands.request_build(key, month, fmt, lang, day, version_id=version_id)
        build_id = build.id
        db.session.commit()
        if created:
            builds.enqueue([build_id])  # runs at once in immediate mode (tests)
            db.session.expire_all()
        build = db.session.get(ReportBuild, build_id)
    return answer(build, pinned)


def answer(build: ReportBuild, pinned: bool = False):
    """Send a ready build's file, or 202 and its progress page."""
    if build.state == "ready":
        if build.version_id is not None:
            stored = issuing.file_of(build.version, build.format, build.language)
            return issued_file(stored, build.month, build.language, pinned)
        return draft_file(build)
    response = current_app.make_response(progress_page(build, 202))
    response.headers["Retry-After"] = str(REFRESH_SECONDS)
    return response


def draft_file(build: ReportBuild):
    """Send a draft's file: never cached, since the next change makes another."""
    name = f"roadmap-report-{build.month}-draft-{build.language}.{build.format}"
    return (
        build.content,
        200,
        {
            "Content-Type": MIME[build.format],
            "Content-Disposition": f'attachment; filename="{name}"',
            "Cache-Control": "no-store",
            "X-Content-Type-Options": "nosniff",
        },
    )


def issued_file(stored, month, language: str, pinned: bool):
    """Send an issued file, or 304 when the browser holds it: its SHA-256 is its ETag."""
    headers = {
        "Cache-Control": IMMUTABLE if pinned else "private, no-cache",
        "Last-Modified": http_date(stored.version.issued_at),
        "X-Content-Type-Options": "nosniff",
    }
    if request.if_none_match.contains_weak(stored.sha256):
        response = current_app.response_class(status=304, headers=headers)
    else:
        name = f"roadmap-report-{month}-v{stored.version.number}-{language}.{stored.format}"
        headers["Content-Disposition"] = f'attachment; filename="{name}"'
        response = current_app.response_class(
            stored.content, headers=headers, content_type=MIME[stored.format]
        )
    response.set_etag(stored.sha256)
    return response


def file_url(build: ReportBuild) -> str:
    """Return the download URL of a build's file."""
    version = build.version.number if build.version_id is not None else "draft"
    return url_for(
        f"reports.{build.format}", month=build.month, version=version, lang=build.language
    )


def progress_page(build: ReportBuild, status: int = 200):
    """Render the build's progress: it refreshes itself until the file is ready."""
    stale_after = current_app.config["ROADMAP_BUILD_STALE_AFTER"]
    return (
        render_template(
            "reports/build.html",
            build=build,
            file_url=file_url(build),
            status_url=url_for("reports.build_status", build_id=build.id),
            refresh=REFRESH_SECONDS,
            retry_form=RetryForm(),
            may_retry=commands.may_retry(build, stale_after),
        ),
        status,
    )


def build_or_404(build_id: int) -> ReportBuild:
    """Return the build row, or 404."""
    build = db.session.get(ReportBuild, build_id)
    if build is None:
        abort(404)
    return build


@bp.get("/reports/builds/<int:build_id>")
def build_status(build_id):
    """Show how a report file's build is going; offer the file once it is ready."""
    return progress_page(build_or_404(build_id))


@bp.post("/reports/builds/<int:build_id>/retry")
@open_to_viewers  # whoever may download the file may ask for it again
def retry_build(build_id):
    """Queue a failed (or hanging) build again."""
    build = build_or_404(build_id)
    if not RetryForm().validate_on_submit():
        abort(400)
    try:
        commands.retry_build(build, stale_after=current_app.config["ROADMAP_BUILD_STALE_AFTER"])
    except commands.NotRetried as refused:
        flash(refused.errors["build"][0], "warning")
        return redirect(url_for("reports.build_status", build_id=build_id), 303)
    db.session.commit()
    builds.enqueue([build_id])
    return redirect(url_for("reports.build_status", build_id=build_id), 303)
