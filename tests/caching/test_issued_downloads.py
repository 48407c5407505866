"""An issued report's file is tagged with its SHA-256: a browser holding it gets a 304."""

from datetime import date

from sqlalchemy import select

from roadmap.auth.models import User
from roadmap.extensions import db
from roadmap.reports import commands as report_commands
from roadmap.reports.models import ReportFile, ReportVersion

DAY = date(2026, 8, 15)


def issue(app, reason=""):
    with app.app_context():
        manager = db.session.scalar(select(User).where(User.email == "manager@example.org"))
        report_commands.issue_report("2026-07", by=manager, reason=reason, today=DAY)
        db.session.commit()


def stored_sha(app, fmt, language, number):
    with app.app_context():
        return db.session.scalar(
            select(ReportFile.sha256)
            .join(ReportVersion)
            .where(
                ReportFile.format == fmt,
                ReportFile.language == language,
                ReportVersion.number == number,
            )
        )


def test_an_issued_file_is_tagged_with_its_sha256_and_revalidated(demo, login_as):
    # The demo has issued July; its files are built on first download.
    client = login_as("viewer")
    for fmt in ("pdf", "xlsx"):
        first = client.get(f"/reports/2026-07.{fmt}")
        assert first.status_code == 200
        assert first.get_etag() == (stored_sha(demo, fmt, "en", 1), False)
        assert first.headers["Cache-Control"] == "private, no-cache"
        assert first.headers["Content-Disposition"].endswith(f'-v1-en.{fmt}"')
        again = client.get(
            f"/reports/2026-07.{fmt}", headers={"If-None-Match": first.headers["ETag"]}
        )
        assert again.status_code == 304 and again.data == b""
        assert again.headers["ETag"] == first.headers["ETag"]


def test_a_file_named_by_version_and_language_never_changes(demo, login_as):
    client = login_as("viewer")
    pinned = client.get("/reports/2026-07.pdf?version=1&lang=fr")
    assert pinned.get_etag()[0] == stored_sha(demo, "pdf", "fr", 1)
    assert pinned.headers["Cache-Control"] == "private, max-age=31536000, immutable"
    # The latest version in the reader's language may change: that address is revalidated.
    latest = client.get("/reports/2026-07.pdf")
    assert latest.get_etag()[0] == stored_sha(demo, "pdf", "en", 1)
    issue(demo, reason="Corrected figures")
    corrected = client.get(
        "/reports/2026-07.pdf", headers={"If-None-Match": latest.headers["ETag"]}
    )
    assert corrected.status_code == 200
    assert corrected.get_etag()[0] == stored_sha(demo, "pdf", "en", 2)
    kept = client.get(
        "/reports/2026-07.pdf?version=1&lang=fr", headers={"If-None-Match": pinned.headers["ETag"]}
    )
    assert kept.status_code == 304


def test_a_draft_is_never_stored(demo, login_as):
    client = login_as("viewer")
    draft = client.get("/reports/2026-08.xlsx")  # a month not issued yet
    assert draft.status_code == 200
    assert "ETag" not in draft.headers and draft.headers["Cache-Control"] == "no-store"
