"""Monthly reports: as of month end, in PDF, XLSX and HTML, issued once and frozen."""

import hashlib
import io
import os
from datetime import date, datetime

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader
from sqlalchemy import select

from roadmap.extensions import db
from roadmap.reports.issuing import build_report
from roadmap.reports.models import ReportFile, ReportVersion


def pdf_text(data: bytes) -> str:
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
    return " ".join(text.split())


def test_the_index_lists_every_month_and_the_one_after(client, auth, project):
    auth.login("viewer")
    page = client.get("/reports").get_data(as_text=True)
    assert "March 2026" in page and "March 2027" in page and "April 2027" not in page
    assert "Not started" in page


def test_the_html_view_shows_the_month(client, auth, project):
    auth.login("viewer")
    response = client.get("/reports/2026-07")
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Mapping report validated" in page
    assert 'id="chart-gantt"' in page
    assert "Save the narrative" not in page  # viewers get no form


def test_the_pdf_has_the_period_the_milestone_done_and_the_post_stage(client, auth, project):
    auth.login("viewer")
    response = client.get("/reports/2026-07.pdf")
    assert response.status_code == 200
    assert response.mimetype == "application/pdf"
    assert response.headers["Content-Disposition"] == (
        'attachment; filename="roadmap-report-2026-07-draft-en.pdf"'
    )
    assert response.headers["Cache-Control"] == "no-store"
    text = pdf_text(response.data)
    assert "July 2026" in text
    assert "Mapping report validated" in text
    assert "Makalondi" in text and "Assessed → Designed" in text
    assert "Page 1 of" in text
    assert "could not be drawn" in text  # no browser in this test


def test_the_pdf_speaks_french_on_request(client, auth, project):
    auth.login("viewer")
    response = client.get("/reports/2026-07.pdf?lang=fr")
    assert response.headers["Content-Disposition"].endswith('-fr.pdf"')
    assert "juillet 2026" in pdf_text(response.data)


def test_the_workbook_has_real_dates_and_inert_formulas(client, auth, project, formula_title):
    auth.login("viewer")
    response = client.get("/reports/2026-07.xlsx")
    assert response.status_code == 200
    assert response.headers["Content-Disposition"].startswith("attachment;")
    book = load_workbook(io.BytesIO(response.data))
    assert book.sheetnames == ["Summary", "Results", "Milestones", "Posts", "Outcomes"]
    sheet = book["Milestones"]
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref
    rows = {row[1].value: row for row in sheet.iter_rows(min_row=2)}
    mapping = rows["Mapping report validated"]
    assert isinstance(mapping[6].value, datetime)  # End
    assert mapping[6].value.date() == date(2026, 7, 20)
    assert mapping[9].value == 1 and "%" in mapping[9].number_format
    formula = rows[formula_title]
    assert formula[1].data_type == "s"
    assert formula[1].quotePrefix
    assert "formula" not in {cell.data_type for cell in formula}


def test_an_earlier_month_does_not_change_when_data_changes_later(
    app, client, auth, project, edit_in_august, formula_title
):
    auth.login("viewer")
    with app.test_request_context():
        before = build_report("2026-07", date(2026, 8, 25))
    xlsx_before = client.get("/reports/2026-07.xlsx").data
    edit_in_august()
    with app.test_request_context():
        after = build_report("2026-07", date(2026, 8, 25))
        august = build_report("2026-08", date(2026, 8, 25))
    assert after == before
    assert client.get("/reports/2026-07.xlsx").data == xlsx_before
    stages = {p["name"]: p["stage"] for p in after["posts"]}
    assert stages == {"Makalondi": "designed"}
    assert {p["name"]: p["stage"] for p in august["posts"]} == {"Makalondi": "procured"}
    titles = {r["title"] for r in after["milestones"]}
    assert formula_title in titles and "Renamed in August" not in titles


def test_a_record_created_after_the_month_is_not_in_it(app, project):
    with app.test_request_context():
        march = build_report("2026-05", date(2026, 8, 15))
    assert march["milestones"] == [] and march["posts"] == []


def test_milestones_completed_due_and_late(app, project, formula_title):
    with app.test_request_context():
        july = build_report("2026-07", date(2026, 8, 15))
    assert [r["title"] for r in july["completed"]] == ["Mapping report validated"]
    assert [r["title"] for r in july["due_next"]] == [formula_title]
    assert july["figures"]["posts_by_stage"]["designed"] == 1
    assert july["figures"]["recommendations"] == 1


def issue(client, month="2026-07", reason=""):
    return client.post(f"/reports/{month}/issue", data={"reason": reason})


def test_an_issued_report_downloads_byte_identical(app, client, auth, project, edit_in_august):
    auth.login("manager")
    assert issue(client).status_code == 302
    first_pdf = client.get("/reports/2026-07.pdf").data
    first_xlsx = client.get("/reports/2026-07.xlsx?lang=fr").data
    edit_in_august()
    with app.app_context():
        from roadmap.posts.models import BorderPost

        db.session.get(BorderPost, project["post"]).name = "Renamed post"
        db.session.commit()
    second = client.get("/reports/2026-07.pdf")
    assert second.data == first_pdf
    assert second.headers["Content-Disposition"] == (
        'attachment; filename="roadmap-report-2026-07-v1-en.pdf"'
    )
    assert client.get("/reports/2026-07.xlsx?lang=fr").data == first_xlsx
    with app.app_context():
        files = db.session.scalars(select(ReportFile)).all()
        assert {(f.format, f.language) for f in files} == {
            ("pdf", "en"),
            ("pdf", "fr"),
            ("xlsx", "en"),
            ("xlsx", "fr"),
        }
        stored = {(f.format, f.language): f.sha256 for f in files}
    assert stored[("pdf", "en")] == hashlib.sha256(first_pdf).hexdigest()
    assert "Version 1 issued" in pdf_text(first_pdf)
    page = client.get("/reports").get_data(as_text=True)
    assert "Issued" in page and "version 1" in page and "Manager User" in page


def test_a_correction_needs_a_reason_and_keeps_version_one(app, client, auth, project):
    auth.login("manager")
    issue(client)
    v1 = client.get("/reports/2026-07.pdf").data
    issue(client)  # no reason: refused
    with app.app_context():
        assert db.session.scalar(select(db.func.count(ReportVersion.id))) == 1
    client.post(
        "/reports/2026-07",
        data={
            "highlights": "Design approved at Makalondi",
            "challenges": "",
            "next_steps": "",
            "version": "1",
        },
    )
    assert issue(client, reason="Highlights were missing").status_code == 302
    v2 = client.get("/reports/2026-07.pdf")
    assert v2.headers["Content-Disposition"].endswith('-v2-en.pdf"')
    text = pdf_text(v2.data)
    assert "Highlights were missing" in text and "Design approved at Makalondi" in text
    assert client.get("/reports/2026-07.pdf?version=1").data == v1
    assert client.get("/reports/2026-07.pdf?version=3").status_code == 404
    assert client.get("/reports/2026-07.pdf?version=x").status_code == 404


def test_a_month_not_over_cannot_be_issued(app, client, auth, project):
    auth.login("manager")
    issue(client, "2026-08")  # today is 2026-08-15
    with app.app_context():
        assert db.session.scalar(select(db.func.count(ReportVersion.id))) == 0
    assert "once its month has ended" in client.get("/reports/2026-08").get_data(as_text=True)


def test_a_stale_narrative_is_refused(client, auth, project):
    auth.login("manager")
    data = {"highlights": "First", "challenges": "", "next_steps": "", "version": ""}
    assert client.post("/reports/2026-07", data=data).status_code == 302
    second = {**data, "highlights": "Second", "version": "1"}
    assert client.post("/reports/2026-07", data=second).status_code == 302
    stale = client.post("/reports/2026-07", data={**data, "highlights": "Third", "version": "1"})
    assert stale.status_code == 409
    assert "Second" in client.get("/reports/2026-07").get_data(as_text=True)


def test_the_viewer_downloads_but_cannot_issue(client, auth, project):
    auth.login("viewer")
    assert client.get("/reports/2026-07.xlsx").status_code == 200
    assert issue(client).status_code == 403
    assert client.post("/reports/2026-07", data={"highlights": "x"}).status_code == 403


@pytest.mark.parametrize(
    "path",
    [
        "/reports/2026-13",
        "/reports/2025-12",
        "/reports/2027-04",
        "/reports/2026-7",
        "/reports/..%2F..%2Fetc",
        "/reports/%2e%2e",
        "/reports/%2e%2e.pdf",
        "/reports/2026-07.PDF",
        "/reports/2026-07.csv",
        "/reports/2026-07%00.pdf",
        "/reports/..",
        "/reports/2026-07 .pdf",
        "/reports/2026-13.xlsx",
    ],
)
def test_bad_months_are_not_found(client, auth, project, path):
    auth.login("manager")
    assert client.get(path).status_code == 404


def test_the_command_line_writes_each_format(app, runner, project, tmp_path):
    for fmt in ("pdf", "xlsx", "html"):
        target = tmp_path / f"july.{fmt}"
        result = runner.invoke(
            args=["report", "2026-07", "--format", fmt, "--output", str(target), "--lang", "fr"]
        )
        assert result.exit_code == 0, result.output
        assert target.stat().st_size > 1000
    assert "juillet 2026" in (tmp_path / "july.html").read_text("utf-8")
    assert "juillet 2026" in pdf_text((tmp_path / "july.pdf").read_bytes())
    bad = runner.invoke(args=["report", "2030-01", "--output", str(tmp_path / "x.pdf")])
    assert bad.exit_code != 0


@pytest.mark.slow
@pytest.mark.skipif(not os.access("/usr/bin/chromium", os.X_OK), reason="Chromium is not installed")
def test_the_pdf_embeds_the_charts_as_svg(app, client, auth, project):
    app.config["CHROMIUM_PATH"] = "/usr/bin/chromium"
    auth.login("viewer")
    data = client.get("/reports/2026-07.pdf").data
    assert "could not be drawn" not in pdf_text(data)
    assert len(PdfReader(io.BytesIO(data)).pages) >= 2
