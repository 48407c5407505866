"""Late field news: entered in October about 12 August, it lands in August's draft, not in
the August version already issued, which lists it as a correction until it is reissued."""

import io

from openpyxl import load_workbook
from sqlalchemy import select

from roadmap.extensions import db
from roadmap.history import HistoryEntry
from roadmap.posts.models import BorderPost

from .conftest import at
from .test_reports import pdf_text


def stage_at_month_end(workbook: bytes) -> str:
    """Return the one post's stage at month end in a report workbook."""
    rows = list(load_workbook(io.BytesIO(workbook))["Posts"].iter_rows(values_only=True))
    return rows[1][2]


def days(app, today):
    app.config["ROADMAP_TODAY"] = today


def test_late_news_lands_in_its_month_and_is_listed_as_a_correction(app, client, auth, project):
    # 2 September: August is over and issued as it was then known.
    with at("2026-09-02"):
        days(app, "2026-09-02")
        auth.login("manager")
        assert client.post("/reports/2026-08/issue", data={"reason": ""}).status_code == 302
        issued_pdf = client.get("/reports/2026-08.pdf").data
        issued_xlsx = client.get("/reports/2026-08.xlsx").data
    assert stage_at_month_end(issued_xlsx) == "Designed"

    # 14 October: news of a site visit on 12 August arrives.
    with at("2026-10-14"):
        days(app, "2026-10-14")
        auth.login("manager")
        with app.app_context():
            post = db.session.get(BorderPost, project["post"])
            version, name = post.version, post.name
        answer = client.post(
            f"/posts/{project['post']}/updates/new",
            data={
                "date": "2026-08-12",
                "stage": "procured",
                "progress": "0",
                "comment": "Contract signed on the site visit",
                "reason": "",
                "version": str(version),
            },
        )
        assert answer.status_code == 302, answer.get_data(as_text=True)

        # History: effective 12 August, entered 14 October, a late entry.
        with app.app_context():
            entry = db.session.scalars(
                select(HistoryEntry)
                .where(HistoryEntry.entity == "border_post")
                .order_by(HistoryEntry.id.desc())
            ).first()
            assert entry.changes["stage"] == ["designed", "procured"]
            assert str(entry.effective_on) == "2026-08-12" and entry.late
        post_page = client.get(f"/posts/{project['post']}").get_data(as_text=True)
        assert "late entry" in post_page

        # The August draft shows it: HTML, PDF, XLSX and the API as of 31 August.
        page = client.get("/reports/2026-08").get_data(as_text=True)
        assert "Procured" in page
        assert "1 correction since version 1" in page
        corrections = page.split('id="corrections"', 1)[1].split("</section>", 1)[0]
        assert name in corrections and "Designed" in corrections and "Procured" in corrections
        draft_pdf = client.get("/reports/2026-08.pdf?version=draft").data
        assert "Procured" in pdf_text(draft_pdf)
        draft_xlsx = load_workbook(
            io.BytesIO(client.get("/reports/2026-08.xlsx?version=draft").data)
        )
        posts = [row for row in draft_xlsx["Posts"].iter_rows(values_only=True)]
        assert any("Procured" in row for row in posts)
        api = client.get("/api/v1/posts?as_of=2026-08-31").get_json()
        assert {p["id"]: p["stage"] for p in api["items"]}[project["post"]] == "procured"
        before = client.get("/api/v1/posts?as_of=2026-08-11").get_json()
        assert {p["id"]: p["stage"] for p in before["items"]}[project["post"]] == "designed"

        # Version 1 stays as issued, byte for byte.
        assert client.get("/reports/2026-08.pdf").data == issued_pdf
        assert client.get("/reports/2026-08.xlsx").data == issued_xlsx

        # A correction, with its reason: a box on page 1 and a Corrections sheet.
        assert (
            client.post(
                "/reports/2026-08/issue", data={"reason": "Site visit of 12 August reported late"}
            ).status_code
            == 302
        )
        corrected = pdf_text(client.get("/reports/2026-08.pdf").data)
        assert "Corrected version 2" in corrected
        assert "Site visit of 12 August reported late" in corrected
        book = load_workbook(io.BytesIO(client.get("/reports/2026-08.xlsx").data))
        assert "Corrections" in book.sheetnames
        rows = list(book["Corrections"].iter_rows(values_only=True))
        assert any(name in str(row[0]) and row[3] == "Procured" for row in rows[1:])
        assert client.get("/reports/2026-08.pdf?version=1").data == issued_pdf
        listed = client.get("/api/v1/reports/2026-08").get_json()
        assert [v["number"] for v in listed["issued_versions"]] == [1, 2]


def test_a_late_note_lands_in_its_month(app, client, auth, project):
    with at("2026-10-14"):
        days(app, "2026-10-14")
        auth.login("manager")
        page = client.get("/reports/2026-08").get_data(as_text=True)
        assert "Focal points named" not in page
        with app.app_context():
            from roadmap.workshops.models import Outcome

            outcome = db.session.scalar(select(Outcome))
            outcome_id, version = outcome.id, outcome.version
        answer = client.post(
            f"/workshops/outcomes/{outcome_id}/notes",
            data={
                f"note-{outcome_id}-date": "2026-08-14",
                f"note-{outcome_id}-status": "completed",
                f"note-{outcome_id}-text": "Focal points named",
                f"note-{outcome_id}-version": str(version),
            },
        )
        assert answer.status_code == 302, answer.get_data(as_text=True)[:2000]
        assert "Focal points named" in client.get("/reports/2026-08").get_data(as_text=True)
        assert "Focal points named" not in client.get("/reports/2026-07").get_data(as_text=True)
