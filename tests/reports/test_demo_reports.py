"""The demo tells its story: every past month issued with its narrative, and one correction."""

import io

from pypdf import PdfReader
from sqlalchemy import select

from roadmap.demo.reports import NARRATIVES
from roadmap.extensions import db
from roadmap.reports.frozen import thaw
from roadmap.reports.models import MonthlyReport, ReportFile

PAST = ["2026-03", "2026-04", "2026-05", "2026-06", "2026-07"]  # before the demo's 15 August


def pdf_text(data: bytes) -> str:
    return " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages).split())


def test_every_past_month_is_issued_with_a_narrative_in_both_languages(demo, client, auth):
    with demo.app_context():
        records = {r.month: r for r in db.session.scalars(select(MonthlyReport))}
        assert sorted(records) == PAST
        for month in PAST:
            issued = records[month].versions[0]
            assert issued.highlights and issued.challenges and issued.next_steps
            assert issued.highlights_fr and issued.challenges_fr and issued.next_steps_fr
        june = records["2026-06"].versions
        assert [v.number for v in june] == [1, 2] and "Makalondi" in june[1].reason
        # Version 1 was issued before the late news came in; version 2 lists it.
        makalondi = [
            [p["progress"] for p in thaw(v.content)["report"]["posts"] if p["name"] == "Makalondi"]
            for v in june
        ]
        assert makalondi == [[45], [80]]
        assert thaw(june[1].content)["corrections"]
        assert db.session.scalar(select(ReportFile.id)) is None  # seeding renders nothing
    auth.login("viewer")
    page = client.get("/reports").get_data(as_text=True)
    assert page.count('class="badge badge-report-issued"') == len(PAST)  # not the inline CSS
    assert "version 2" in page
    july = client.get("/reports/2026-07").get_data(as_text=True)
    assert NARRATIVES["2026-07"]["highlights"][:40] in july
    french = client.get("/reports/2026-07?lang=fr").get_data(as_text=True)
    assert "a réuni les délégations du G5 Sahel" in french


def test_the_french_pdf_of_an_issued_month_carries_the_french_narrative(demo, client, auth):
    auth.login("viewer")
    response = client.get("/reports/2026-05.pdf?lang=fr")  # built at first download
    assert response.status_code == 200
    assert response.headers["Content-Disposition"].endswith('-v1-fr.pdf"')
    assert "La cartographie du Niger et de la Mauritanie" in pdf_text(response.data)


def test_the_june_correction_gives_its_reason_in_each_language(demo, client, auth):
    auth.login("viewer")
    french = pdf_text(client.get("/reports/2026-06.pdf?lang=fr&version=2").data)
    assert "Rapport de terrain tardif de Makalondi" in french
    assert "Late field report" not in french
    english = pdf_text(client.get("/reports/2026-06.pdf?lang=en&version=2").data)
    assert "Late field report from Makalondi" in english
    page = client.get("/reports/2026-06?lang=fr").get_data(as_text=True)
    assert "Rapport de terrain tardif de Makalondi" in page


def test_a_correction_without_french_reason_shows_the_english_one(app, client, auth):
    from datetime import date

    from roadmap.reports import commands, issuing
    from tests import factories

    with app.app_context():
        factories.project()
        commands.issue_report("2026-07", by=None, today=date(2026, 8, 15))
        version = commands.issue_report(
            "2026-07", by=None, reason="A late count", today=date(2026, 8, 15)
        )
        assert version.reason_fr == ""
        assert issuing.version_info(version, "fr")["reason"] == "A late count"
