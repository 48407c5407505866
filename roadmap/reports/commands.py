"""The one way a month's report changes: its narrative, and issuing a version of it.

The report page calls these functions; each checks who asks and on which version and
stores the result, an issued version with its files made once in both languages. As
in every commands module (see roadmap/commands.py) the caller owns the transaction:
nothing here commits.
"""

import hashlib

from flask_babel import force_locale
from flask_babel import gettext as _

from roadmap.clock import now_utc
from roadmap.commands import Invalid, check_editor, check_version
from roadmap.extensions import db
from roadmap.months import Month
from roadmap.reports.corrections import shown
from roadmap.reports.issuing import (
    NARRATIVE_FIELDS,
    build_report,
    corrections_since,
    narrative_of,
    render,
    report_record,
    version_info,
)
from roadmap.reports.models import (
    REPORT_FORMATS,
    REPORT_LANGUAGES,
    MonthlyReport,
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
    """Save the manager's highlights, challenges and next steps for a month.

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


def issue_report(month: Month, *, by, reason: str = "", today) -> ReportVersion:
    """Issue the next version of a month's report and store its files."""
    check_editor(by)
    month = Month(month)
    if month.end >= today:
        raise MonthNotOver
    record = report_record(month)
    if record is None:
        record = MonthlyReport(month=month)
        db.session.add(record)
        db.session.flush()
    # What was entered about the month since the version before, read before this one.
    corrected = corrections_since(month, record.latest)
    number = (record.latest.number if record.latest else 0) + 1
    reason = (reason or "").strip()
    if number > 1 and not reason:
        raise ReasonRequired
    version = ReportVersion(
        report=record,
        number=number,
        issued_at=now_utc(),
        issued_by=by,
        reason=reason,
        **narrative_of(record),
    )
    db.session.add(version)
    report = build_report(month, today)
    narrative = narrative_of(version)
    for language in REPORT_LANGUAGES:
        with force_locale(language):
            info = {**version_info(version), "corrections": [shown(c) for c in corrected]}
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
