"""Drafts computed on demand, the content frozen in an issued version, and their files."""

from flask_babel import force_locale
from sqlalchemy import select

from roadmap.extensions import db
from roadmap.months import Month
from roadmap.photos.report import before_and_after
from roadmap.reports import content, loading
from roadmap.reports.corrections import shown
from roadmap.reports.frozen import thaw
from roadmap.reports.models import (
    MonthlyReport,
    ReportFile,
    ReportVersion,
)
from roadmap.reports.pdf import render_pdf
from roadmap.reports.xlsx import render_xlsx

NARRATIVE_PARTS = ("highlights", "challenges", "next_steps")
# Every stored field of a narrative: each part in English, then in French.
NARRATIVE_FIELDS = NARRATIVE_PARTS + tuple(f"{part}_fr" for part in NARRATIVE_PARTS)
RENDERERS = {"pdf": render_pdf, "xlsx": render_xlsx}


def report_record(month: Month) -> MonthlyReport | None:
    """Return the stored narrative and versions of a month, if any."""
    return db.session.scalar(select(MonthlyReport).where(MonthlyReport.month == month))


def stored_narrative(source) -> dict:
    """Return every narrative field of a report or an issued version, both languages."""
    return {
        field: (getattr(source, field, "") or "") if source else "" for field in NARRATIVE_FIELDS
    }


def narrative_of(source, language: str = "en") -> dict:
    """Return the narrative in a language as {part: text}; English where French is empty."""
    stored = stored_narrative(source)
    if language == "fr":
        return {part: stored[f"{part}_fr"] or stored[part] for part in NARRATIVE_PARTS}
    return {part: stored[part] for part in NARRATIVE_PARTS}


def build_report(month: Month, today) -> dict:
    """Return the report content of a month as of its end, with its before/after photos."""
    report = loading.report_content(month, today)
    report["photos"] = before_and_after(report["posts"], report["as_of"])
    return report


def content_known_at(month: Month, instant) -> dict:
    """Return a month's report as it read at an instant.

    Facts entered after the instant are left out, whenever they took effect, so this is
    the report someone issuing it then would have issued (the demo's past versions).
    """
    from roadmap.reports.snapshot import rebuild

    rows, entries = loading.current_rows(), loading.history_entries()
    known = [entry for entry in entries if entry["at"] <= instant]
    # Undone by when they were entered, not by when they happened.
    rows_then = rebuild(rows, [{**entry, "effective": entry["at"]} for entry in entries], instant)
    report = content.build(rows_then, known, month, instant.date())
    report["photos"] = before_and_after(report["posts"], report["as_of"])
    return report


def known_corrections(month: Month, since, until) -> list[dict]:
    """Return the facts about a month entered after `since` and up to `until`."""
    from roadmap.reports.corrections import corrections

    entries = [entry for entry in loading.history_entries() if entry["at"] <= until]
    return corrections(entries, loading.current_rows(), since, Month(month).end_instant)


def version_info(version: ReportVersion | None, language: str = "en") -> dict | None:
    """Return what a generated file in `language` says about the version it belongs to."""
    if version is None:
        return None
    return {
        "number": version.number,
        "issued_at": version.issued_at,
        "issued_by": version.issued_by.name if version.issued_by else "",
        "reason": reason_in(version, language),
    }


def reason_in(version: ReportVersion, language: str) -> str:
    """Return why a version corrects the one before, in `language` (English stands in)."""
    return (version.reason_fr if language == "fr" else "") or version.reason


def render(fmt: str, report: dict, narrative: dict, version=None) -> bytes:
    """Return the report as PDF or XLSX bytes in the current language."""
    if fmt == "pdf":
        stamp = version["issued_at"].strftime("%Y-%m-%dT%H:%M:%SZ") if version else None
        return render_pdf(report, narrative, version, stamp=stamp)
    return render_xlsx(report, narrative, version)


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


def file_of(version: ReportVersion, fmt: str, language: str) -> ReportFile | None:
    """Return the stored file of a version in a format and language, if built."""
    return db.session.scalar(
        select(ReportFile).where(
            ReportFile.version_id == version.id,
            ReportFile.format == fmt,
            ReportFile.language == language,
        )
    )


def version_numbered(record: MonthlyReport, number: int | None) -> ReportVersion | None:
    """Return a report's version of that number (the latest for None), if issued."""
    if number is None:
        return record.latest
    return next((v for v in record.versions if v.number == number), None)


def build_bytes(build) -> bytes:
    """Return the file a build row asks for, in its language (needs a request context)."""
    if build.version_id is not None:
        return version_bytes(build.version, build.format, build.language)
    return draft_bytes(build.month, build.format, build.language, build.today)


def version_bytes(version: ReportVersion, fmt: str, language: str) -> bytes:
    """Return an issued version's file, made from the content frozen when it was issued."""
    if version.content is None:
        raise ValueError(f"version {version.number} keeps no content to build its files from")
    frozen = thaw(version.content)
    with force_locale(language):
        info = {
            **version_info(version, language),
            "corrections": [shown(c) for c in frozen["corrections"]],
        }
        return render(fmt, frozen["report"], narrative_of(version, language), info)


def draft_bytes(month: Month, fmt: str, language: str, today) -> bytes:
    """Return a draft's file, made from the data as it stands, as of today."""
    with force_locale(language):
        report = build_report(month, today)
        return render(fmt, report, narrative_of(report_record(month), language))
