"""The monthly report's results section: each indicator as the month ended, in every format."""

import io
import subprocess
from datetime import date

import pytest
from openpyxl import load_workbook

from roadmap.reports.issuing import build_report

TODAY = date(2026, 8, 15)


def pdf_text(data: bytes, tmp_path) -> str:
    path = tmp_path / "report.pdf"
    path.write_bytes(data)
    done = subprocess.run(  # noqa: S603  # nosec B603
        ["/usr/bin/pdftotext", str(path), "-"], capture_output=True, check=True
    )
    return " ".join(done.stdout.decode("utf-8").split())


def lines_of(report) -> dict:
    return {line["code"]: line for line in report["results"]}


def test_the_section_is_the_framework_as_the_month_ended(demo):
    with demo.test_request_context():
        july, august = build_report("2026-07", TODAY), build_report("2026-08", TODAY)
    # 2.1's 18 officials were measured on 12 August: July's report does not know them.
    assert lines_of(july)["2.1"]["actual"] is None
    assert lines_of(august)["2.1"]["actual"] == 18
    assert lines_of(august)["2.1"]["breakdown"]["sex"] == {"female": 8, "male": 10}
    assert lines_of(july)["4.1"]["actual"] == 9
    assert lines_of(july)["4.1"]["period_end"] == date(2026, 8, 31)
    assert {line["status"] for line in august["results"]} <= {
        "on_track",
        "some_progress",
        "off_track",
        "no_data",
    }
    assert len(august["results"]) >= 6


def test_the_august_html_report_shows_the_results(demo, client, auth):
    auth.login("viewer")
    page = client.get("/reports/2026-08").get_data(as_text=True)
    assert 'id="report-results"' in page
    assert "Border officials trained in integrated border management" in page
    assert "On track" in page or "Off track" in page or "Some progress" in page
    french = client.get("/reports/2026-08?lang=fr").get_data(as_text=True)
    assert "Agents des frontières formés à la gestion intégrée des frontières" in french


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        ("en", ["Results", "2.1 Border officials trained", "Women: 8"]),
        (
            "fr",
            [
                "Résultats",
                "2.1 Agents des frontières formés",
                "Femmes: 8",
                "Participants à l'atelier régional",
            ],
        ),
    ],
)
def test_the_august_pdf_shows_the_results(demo, client, auth, tmp_path, lang, words):
    auth.login("viewer")
    response = client.get(f"/reports/2026-08.pdf?lang={lang}")
    assert response.status_code == 200
    text = pdf_text(response.data, tmp_path)
    for word in words:
        assert word in text


def test_the_workbook_has_a_results_sheet(demo, client, auth):
    auth.login("viewer")
    book = load_workbook(io.BytesIO(client.get("/reports/2026-08.xlsx").data))
    sheet = book["Results"]
    header = [cell.value for cell in sheet[1]]
    assert header[:3] == ["Result", "Code", "Indicator"]
    rows = {
        row[1]: dict(zip(header, row, strict=True)) for row in sheet.iter_rows(2, values_only=True)
    }
    trained = rows["2.1"]
    assert trained["Actual"] == 18 and trained["Target"] == 20
    assert trained["Share of target"] == pytest.approx(0.9)
    assert trained["Status"] == "On track"
    assert rows["1.2"]["Baseline"] == 0
    french = load_workbook(io.BytesIO(client.get("/reports/2026-08.xlsx?lang=fr").data))
    # The workshop outcomes' sheet is "Résultats": the framework's has a name of its own.
    assert "Cadre de résultats" in french.sheetnames and "Résultats" in french.sheetnames
