"""The /results table as CSV and XLSX, and the dashboard's results card, on the demo."""

import io
from datetime import date

from openpyxl import load_workbook

from roadmap.extensions import db
from tests import factories


def test_the_csv_has_a_line_per_indicator_as_of_today(demo, client, auth):
    auth.login("viewer")
    sent = client.get("/results.csv")
    assert sent.status_code == 200
    assert sent.headers["Content-Type"] == "text/csv; charset=utf-8"
    assert sent.headers["Content-Disposition"] == 'attachment; filename="results-2026-08-15.csv"'
    assert sent.data.startswith(b"\xef\xbb\xbf")  # Excel reads the accents right
    lines = sent.data.decode("utf-8-sig").splitlines()
    assert lines[0].startswith("Result,Code,Indicator,Level,Unit,Source,Baseline")
    trained = next(line for line in lines if ",2.1," in line)
    assert ",2026-06-01,2026-08-31,20,18,90,On track" in trained
    assert len(lines) == 1 + 7


def test_the_french_excel_csv_uses_semicolons_and_day_first_dates(demo, client, auth):
    auth.login("viewer")
    client.post("/language", data={"language": "fr"})
    lines = client.get("/results.csv?dialect=fr").data.decode("utf-8-sig").splitlines()
    assert lines[0].startswith("Résultat attendu;Code;Indicateur;Niveau;")
    progress = next(line for line in lines if ";1.2;" in line)
    assert ";01/06/2026;31/08/2026;30;" in progress
    assert "Avancement physique moyen des travaux de réhabilitation" in progress


def test_the_workbook_has_real_days_and_numbers(demo, client, auth):
    auth.login("viewer")
    sent = client.get("/results.xlsx")
    assert sent.status_code == 200
    sheet = load_workbook(io.BytesIO(sent.data)).active
    header = [cell.value for cell in sheet[1]]
    rows = {
        row[1]: dict(zip(header, row, strict=True)) for row in sheet.iter_rows(2, values_only=True)
    }
    trained = rows["2.1"]
    assert trained["Actual"] == 18 and trained["Share of target (%)"] == 90
    assert trained["Period start"].date() == date(2026, 6, 1)


def test_the_dashboard_card_counts_the_indicators_by_status(demo, client, auth):
    auth.login("viewer")
    page = client.get("/").get_data(as_text=True)
    assert 'id="dash-results"' in page
    assert "7 indicators, in the period under way:" in page
    assert 'href="/results"' in page
    for status in ("On track", "Some progress", "Off track", "No data"):
        assert status in page
    client.post("/language", data={"language": "fr"})
    french = client.get("/").get_data(as_text=True)
    assert "7 indicateurs, pour la période en cours :" in french and "Dans les temps" in french


def test_the_card_without_a_framework_says_so(app, client, auth):
    with app.app_context():
        factories.project()
        db.session.commit()
    auth.login("viewer")
    page = client.get("/").get_data(as_text=True)
    assert "The project has no results framework yet." in page
