"""Drafts computed on demand, and the stored files of issued versions (see commands.py)."""

from sqlalchemy import select

from roadmap.extensions import db
from roadmap.months import Month
from roadmap.photos.report import before_and_after
from roadmap.reports import loading
from roadmap.reports.models import (
    MonthlyReport,
    ReportFile,
    ReportVersion,
)
from roadmap.reports.pdf import render_pdf
from roadmap.reports.xlsx import render_xlsx

NARRATIVE_FIELDS = ("highlights", "challenges", "next_steps")
RENDERERS = {"pdf": render_pdf, "xlsx": render_xlsx}


def report_record(month: Month) -> MonthlyReport | None:
    """Return the stored narrative and versions of a month, if any."""
    return db.session.scalar(select(MonthlyReport).where(MonthlyReport.month == month))


def narrative_of(source) -> dict:
    """Return the narrative of a report or an issued version as a plain dict."""
    return {
        field: (getattr(source, field, "") or "") if source else "" for field in NARRATIVE_FIELDS
    }


def build_report(month: Month, today) -> dict:
    """Return the report content of a month as of its end, with its before/after photos."""
    report = loading.report_content(month, today)
    report["photos"] = before_and_after(report["posts"], report["as_of"])
    return report


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


def corrections_since(month: Month, version: ReportVersion | None) -> list[dict]:
    """Return the facts entered after a version was issued that change its month."""
    if version is None:
        return []
    from roadmap.reports.corrections import corrections

    return corrections(
        loading.history_entries(),
        loading.current_rows(),
        version.issued_at,
        Month(month).end_instant,
    )
