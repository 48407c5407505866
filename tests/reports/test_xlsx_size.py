"""A workbook of a generated project of moderate size: one row per record, typed cells."""

import io
from datetime import date, datetime, timedelta
from decimal import Decimal

from flask_babel import force_locale
from openpyxl import load_workbook

from roadmap.reports import content
from roadmap.reports.xlsx import render_xlsx

MILESTONES, POSTS, OUTCOMES = 1200, 300, 150
START = date(2026, 3, 1)


def generated_rows() -> dict:
    """Return plain rows of a project with many milestones, posts and outcomes."""
    project = {
        "id": 1,
        "name": "Large programme",
        "code": "LP",
        "donor": "Japan",
        "implementing_org": "IOM",
        "start_date": START,
        "end_date": date(2028, 2, 29),
        "currency": "USD",
        "countries": ["NER", "MLI"],
    }
    streams = {n: {"id": n, "name": f"Stream {n}", "position": n} for n in range(1, 6)}
    milestones = {}
    for n in range(1, MILESTONES + 1):
        first = START + timedelta(days=n % 500)
        status = ("planned", "in_progress", "done", "cancelled")[n % 4]
        milestones[n] = {
            "id": n,
            "title": f"=SUM(A{n})" if n == 7 else f"Milestone {n}",
            "workstream_id": 1 + n % 5,
            "position": n,
            "owner": "IOM",
            "country": "NER",
            "current_start": first,
            "current_end": first + timedelta(days=20 + n % 40),
            "baseline_start": first,
            "baseline_end": first + timedelta(days=20),
            "status": status,
            "percent_complete": 100 if status == "done" else n % 90,
            "actual_finish": first + timedelta(days=10) if status == "done" else None,
        }
    posts = {
        n: {
            "id": n,
            "name": f"Post {n}",
            "country": ("NER", "MLI")[n % 2],
            "kind": "land",
            "latitude": 13.0,
            "longitude": 2.0,
            "stage": "assessed",
            "progress": n % 100,
            "estimated_cost": Decimal("1000.50"),
            "spent": None,
        }
        for n in range(1, POSTS + 1)
    }
    workshops = {1: {"id": 1, "title": "Niamey", "start_date": START, "end_date": START}}
    outcomes = {
        n: {
            "id": n,
            "workshop_id": 1,
            "kind": "recommendation",
            "text": f"Outcome {n}",
            "responsible": "Niger",
            "due_date": START,
            "status": "in_progress",
            "position": n,
        }
        for n in range(1, OUTCOMES + 1)
    }
    return {
        "project": {1: project},
        "workstream": streams,
        "milestone": milestones,
        "border_post": posts,
        "post_update": {},
        "workshop": workshops,
        "outcome": outcomes,
        "outcome_note": {},
        "milestone_dependency": {},
    }


def test_every_record_has_its_row_with_typed_cells(app):
    report = content.build(generated_rows(), [], "2026-07", date(2026, 8, 15))
    with app.test_request_context(), force_locale("fr"):
        data = render_xlsx(report, {"highlights": "+ fine"})
    book = load_workbook(io.BytesIO(data))
    milestones, posts, outcomes = (book[name] for name in ("Jalons", "Postes", "Résultats"))
    assert (milestones.max_row, posts.max_row, outcomes.max_row) == (
        MILESTONES + 1,
        POSTS + 1,
        OUTCOMES + 1,
    )
    rows = {row[1].value: row for row in milestones.iter_rows(min_row=2)}
    first = rows["Milestone 1"]
    assert first[3].value == "En cours"  # the status label, in the workbook's language
    assert isinstance(first[5].value, datetime) and first[5].number_format == "yyyy-mm-dd"
    assert "%" in first[9].number_format
    assert rows["=SUM(A7)"][1].data_type == "s" and rows["=SUM(A7)"][1].quotePrefix
    assert posts.cell(2, 7).value == 1000.5 and posts.cell(2, 8).value is None
    summary = {row[0].value: row[1] for row in book.worksheets[0].iter_rows(min_row=2)}
    assert summary["Faits marquants"].value == "+ fine" and summary["Faits marquants"].quotePrefix
