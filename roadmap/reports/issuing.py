"""Drafts computed on demand, and issued versions whose files are stored once."""

import hashlib

from flask_babel import force_locale
from sqlalchemy import select

from roadmap.clock import now_utc
from roadmap.extensions import db
from roadmap.reports import loading
from roadmap.reports import months as m
from roadmap.reports.models import (
    REPORT_FORMATS,
    REPORT_LANGUAGES,
    MonthlyReport,
    ReportFile,
    ReportVersion,
)
from roadmap.reports.pdf import render_pdf
from roadmap.reports.xlsx import render_xlsx

NARRATIVE_FIELDS = ("highlights", "challenges", "next_steps")
RENDERERS = {"pdf": render_pdf, "xlsx": render_xlsx}


class ReasonRequired(ValueError):
    """A correction (version 2 or later) must say why it was made."""


class MonthNotOver(ValueError):
    """A month is reported once it has ended, so its figures are final."""


def report_record(month: str) -> MonthlyReport | None:
    """Return the stored narrative and versions of a month, if any."""
    return db.session.scalar(select(MonthlyReport).where(MonthlyReport.month == month))


def narrative_of(source) -> dict:
    """Return the narrative of a report or an issued version as a plain dict."""
    return {
        field: (getattr(source, field, "") or "") if source else "" for field in NARRATIVE_FIELDS
    }


def build_report(month: str, today) -> dict:
    """Return the report content of a month as of its end."""
    return loading.report_content(month, today)


def version_info(version: ReportVersion | None) -> dict | None:
    """Return what a generated file says about the version it belongs to."""
    if version is None:
        return None
    return {
        "number": version.number,
        "issued_at": version.issued_at,
        "issued_by": version.issued_by.name if version.issued_by else "",
        "reason": version.reason,
    }


def render(fmt: str, report: dict, narrative: dict, version=None) -> bytes:
    """Return the report as PDF or XLSX bytes in the current language."""
    if fmt == "pdf":
        stamp = version["issued_at"].strftime("%Y-%m-%dT%H:%M:%SZ") if version else None
        return render_pdf(report, narrative, version, stamp=stamp)
    return render_xlsx(report, narrative, version)


def issue(month: str, user, reason: str, today) -> ReportVersion:
    """Issue the next version of a month's report and store its files; the caller commits."""
    if m.last_day(month) >= today:
        raise MonthNotOver
    record = report_record(month)
    if record is None:
        record = MonthlyReport(month=month)
        db.session.add(record)
        db.session.flush()
    number = (record.latest.number if record.latest else 0) + 1
    reason = (reason or "").strip()
    if number > 1 and not reason:
        raise ReasonRequired
    version = ReportVersion(
        report=record,
        number=number,
        issued_at=now_utc(),
        issued_by=user,
        reason=reason,
        **narrative_of(record),
    )
    db.session.add(version)
    report = build_report(month, today)
    narrative = narrative_of(version)
    info = version_info(version)
    for language in REPORT_LANGUAGES:
        with force_locale(language):
            for fmt in REPORT_FORMATS:
                data = render(fmt, report, narrative, info)
                db.session.add(
                    ReportFile(
                        version=version,
                        format=fmt,
                        language=language,
                        content=data,
                        sha256=hashlib.sha256(data).hexdigest(),
                        size=len(data),
                    )
                )
    db.session.flush()
    return version


def stored_file(record: MonthlyReport, fmt: str, language: str, number=None):
    """Return the stored file of a version (the latest unless numbered), or None."""
    query = (
        select(ReportFile)
        .join(ReportVersion)
        .where(
            ReportVersion.report_id == record.id,
            ReportFile.format == fmt,
            ReportFile.language == language,
        )
    )
    if number is not None:
        query = query.where(ReportVersion.number == number)
    return db.session.scalar(query.order_by(ReportVersion.number.desc()).limit(1))
