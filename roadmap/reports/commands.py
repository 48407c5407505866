"""The one way a month's report changes: its narrative, and issuing a version of it.

The report page, the demo and the worker call these functions; each checks who asks
and on which version and stores the result: an issued version with its content frozen
at once, and the rows of the files the worker builds from it (builds.py). As in every
commands module (see roadmap/commands.py) the caller owns the transaction: nothing
here commits, and the caller enqueues the builds once it has committed.
"""

import hashlib
from datetime import timedelta

from flask_babel import gettext as _
from sqlalchemy import delete, update
from sqlalchemy.exc import IntegrityError

from roadmap.clock import now_utc
from roadmap.commands import Invalid, check_editor, check_version
from roadmap.extensions import db
from roadmap.months import Month
from roadmap.reports.frozen import freeze
from roadmap.reports.issuing import (
    NARRATIVE_FIELDS,
    build_report,
    content_known_at,
    corrections_since,
    file_of,
    known_corrections,
    report_record,
    stored_narrative,
)
from roadmap.reports.models import (
    REPORT_FORMATS,
    REPORT_LANGUAGES,
    MonthlyReport,
    ReportBuild,
    ReportFile,
    ReportVersion,
)


class ReasonRequired(Invalid):
    """A correction (version 2 or later) must say why it was made."""

    def __init__(self):
        super().__init__({"reason": [_("Say why the issued report is corrected.")]})


class MonthNotOver(Invalid):
    """A month is reported once it has ended, so its figures are final."""

    def __init__(self):
        super().__init__({"month": [_("A report can be issued once its month has ended.")]})


def save_narrative(month: Month, values: dict, *, by, expected_version) -> MonthlyReport:
    """Save the manager's highlights, challenges and next steps (English, French) for a month.

    The first save of a month creates its record (no version to check yet); a field
    left out keeps its text.
    """
    check_editor(by)
    unknown = set(values) - set(NARRATIVE_FIELDS)
    if unknown:
        raise ValueError(f"not fields of a narrative: {sorted(unknown)}")
    record = report_record(month)
    if record is None:
        record = MonthlyReport(month=month)
        db.session.add(record)
    else:
        check_version(record, expected_version)
    for field in NARRATIVE_FIELDS:
        if field in values or record.id is None:
            setattr(record, field, values.get(field) or "")
    return record


class NotRetried(Invalid):
    """A file is built again only when its build failed or was left hanging."""

    def __init__(self):
        super().__init__({"build": [_("This file is being built or is ready; nothing to retry.")]})


def issue_report(
    month: Month, *, by, reason: str = "", reason_fr: str = "", today, at=None
) -> ReportVersion:
    """Issue the next version of a month's report, its content frozen now.

    `at` issues it as of a past instant (the demo's history): only facts entered by
    then count. The four files are built by the worker from the frozen content: the
    caller asks for them (`request_files`) once this is committed.
    """
    check_editor(by)
    month = Month(month)
    if month.end >= today:
        raise MonthNotOver
    record = report_record(month)
    if record is None:
        record = MonthlyReport(month=month)
        db.session.add(record)
        db.session.flush()
    previous = record.latest
    number = (previous.number if previous else 0) + 1
    reason, reason_fr = (reason or "").strip(), (reason_fr or "").strip()
    if number > 1 and not reason:
        raise ReasonRequired
    issued_at = at or now_utc()
    if at is None:
        # What was entered about the month since the version before, read before this one.
        corrected = corrections_since(month, previous)
        report = build_report(month, today)
    else:
        since = previous.issued_at if previous else None
        corrected = known_corrections(month, since, at) if since else []
        report = content_known_at(month, at)
    version = ReportVersion(
        report=record,
        number=number,
        issued_at=issued_at,
        issued_by=by,
        reason=reason,
        reason_fr=reason_fr if number > 1 else "",
        content=freeze({"report": report, "corrections": corrected}),
        **stored_narrative(record),
    )
    db.session.add(version)
    db.session.flush()
    return version


def request_files(version: ReportVersion, today) -> list[ReportBuild]:
    """Return the build rows of an issued version's four files that are new (to enqueue)."""
    month = version.report.month
    found = [
        request_build(
            build_key(month, fmt, language, today, version),
            month,
            fmt,
            language,
            today,
            version_id=version.id,
        )
        for language in REPORT_LANGUAGES
        for fmt in REPORT_FORMATS
    ]
    return [build for build, created in found if created]


def build_key(month: Month, fmt: str, language: str, today, version=None, data=None) -> str:
    """Return what a file is made from: an issued version, or a draft's data and day."""
    if version is not None:
        return f"{month}/v{version.number}/{language}.{fmt}"
    day = today.isoformat() if today <= Month(month).end else "final"
    digest = hashlib.sha256(repr(data).encode()).hexdigest()[:24]
    return f"{month}/draft/{day}/{digest}/{language}.{fmt}"


def request_build(key: str, month, fmt, language, today, *, version_id=None):
    """Return (the build row of a file, whether it is new): one row per file, ever.

    It inserts first and reads only when the key is taken, so two requests at once
    cannot both add it (one wins, the other finds its row) and the insert waits for
    the write lock instead of failing on a read taken before it (SQLite): so it takes
    plain values, never a record whose loading would read first.
    """
    build = ReportBuild(
        key=key,
        month=Month(month),
        format=fmt,
        language=language,
        version_id=version_id,
        today=today,
    )
    try:
        with db.session.begin_nested():
            db.session.add(build)
    except IntegrityError:
        return find_build(key), False
    return build, True


def find_build(key: str) -> ReportBuild | None:
    """Return the build row of a key, if any."""
    return db.session.scalar(db.select(ReportBuild).where(ReportBuild.key == key))


def may_retry(build: ReportBuild, stale_after: int) -> bool:
    """Tell whether a build may be queued again: it failed, or hangs (its worker died)."""
    if build.state == "failed":
        return True
    since = build.started_at or build.requested_at
    return build.state in ("queued", "building") and (
        now_utc() - since > timedelta(seconds=stale_after)
    )


def retry_build(build: ReportBuild, *, stale_after: int) -> ReportBuild:
    """Queue a failed build again, or one left queued or building for too long."""
    if not may_retry(build, stale_after):
        raise NotRetried
    build.state, build.error = "queued", ""
    build.requested_at, build.started_at, build.finished_at = now_utc(), None, None
    return build


def start_build(build_id: int) -> bool:
    """Mark a queued build as building; False when another worker has it, or nobody wants it."""
    claimed = db.session.execute(
        update(ReportBuild)
        .where(ReportBuild.id == build_id, ReportBuild.state == "queued")
        .values(state="building", started_at=now_utc(), attempts=ReportBuild.attempts + 1)
    )
    return claimed.rowcount == 1


def finish_build(build: ReportBuild, data: bytes) -> None:
    """Store a built file: an issued version's as its ReportFile, a draft's in its row."""
    digest = hashlib.sha256(data).hexdigest()
    if build.version_id is not None:
        version = build.version
        if file_of(version, build.format, build.language) is None:
            db.session.add(
                ReportFile(
                    version=version,
                    format=build.format,
                    language=build.language,
                    content=data,
                    sha256=digest,
                    size=len(data),
                )
            )
    else:
        build.content = data
        # Older drafts of the same file are out of date: this one replaces them.
        db.session.execute(
            delete(ReportBuild).where(
                ReportBuild.month == build.month,
                ReportBuild.format == build.format,
                ReportBuild.language == build.language,
                ReportBuild.version_id.is_(None),
                ReportBuild.state.in_(("ready", "failed")),
                ReportBuild.id != build.id,
            )
        )
    build.state, build.error, build.finished_at = "ready", "", now_utc()
    build.sha256, build.size = digest, len(data)


def fail_build(build: ReportBuild, error: BaseException) -> None:
    """Record why a build failed, for the progress page."""
    build.state, build.finished_at = "failed", now_utc()
    build.error = f"{type(error).__name__}: {error}"[:2000]
