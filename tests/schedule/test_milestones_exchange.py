"""Milestones in and out of spreadsheets: export, preview, all rows or none, round trips."""

import csv
import io
import re
from datetime import date

import pytest
from openpyxl import load_workbook
from sqlalchemy import func, select

from roadmap.extensions import db
from roadmap.history import HistoryEntry
from roadmap.schedule.models import Milestone, MilestoneDependency
from roadmap.schedule.sheet import format_links, parse_links
from tests import factories

HEADER = "id,workstream,title,current_start,current_end,percent_complete,status,predecessors"


@pytest.fixture
def plan(app):
    """Three milestones: works (2) after mapping (1) with a week's lag; training alone."""
    with app.app_context():
        project = factories.project()
        stream = factories.workstream(project, "Rehabilitation of border posts", 1)
        factories.workstream(project, "Training and equipment", 2)
        post = factories.border_post()
        mapping = factories.milestone(
            stream,
            "Mapping",
            date(2026, 6, 1),
            date(2026, 6, 30),
            baseline_start=date(2026, 6, 1),
            baseline_end=date(2026, 6, 30),
            country="NER",
            owner="IOM",
        )
        works = factories.milestone(
            stream,
            "=Works at Makalondi",  # a formula to a spreadsheet: exported as text
            date(2026, 7, 7),
            date(2026, 9, 30),
            predecessors={mapping: 7},
            post=post,
            percent_complete=20,
            status="in_progress",
            actual_start=date(2026, 7, 8),
        )
        training = factories.milestone(stream, "Training", date(2026, 8, 1), date(2026, 8, 20))
        db.session.commit()
        return {"mapping": mapping.id, "works": works.id, "training": training.id}


def upload(client, data: bytes, filename="milestones.csv"):
    return client.post(
        "/milestones/import",
        data={"file": (io.BytesIO(data), filename)},
        content_type="multipart/form-data",
    )


def confirm(client, preview):
    """Send the preview's confirmation form, as the Import button does."""
    html = preview.get_data(as_text=True)
    fields = dict(
        re.findall(r'<input id="(upload|version)" name="\1" type="hidden" value="([^"]*)"', html)
    )
    assert set(fields) == {"upload", "version"}, html
    return client.post("/milestones/import", data=fields)


def history_count(app) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(HistoryEntry))


def test_links_in_ms_project_notation():
    assert format_links([(5, 0), (3, 7)]) == "3FS+7d;5"
    assert format_links([(3, -2)]) == "3FS-2d"
    assert parse_links("3FS+7d;5") == [(3, 7), (5, 0)]
    assert parse_links("3FS+7 days, 5") == [(3, 7), (5, 0)]
    assert parse_links("3FD-2j") == [(3, -2)]  # MS Project in French
    assert parse_links("3fs+1w") == [(3, 7)]
    assert parse_links("") == []
    for bad, words in [
        ("4SS", "finish-to-start"),
        ("3FS+2h", "in days"),
        ("x", "not a predecessor"),
        ("3;3FS+1d", "twice"),
        ("3FS+400d", "365"),
    ]:
        with pytest.raises(ValueError, match=words):
            parse_links(bad)


def test_csv_export(client, auth, plan):
    auth.login("viewer")
    response = client.get("/milestones.csv")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "text/csv; charset=utf-8"
    assert response.data.startswith(b"\xef\xbb\xbf")  # BOM: Excel reads the accents
    rows = list(csv.DictReader(io.StringIO(response.data.decode("utf-8-sig"))))
    works = next(row for row in rows if row["id"] == str(plan["works"]))
    assert works["title"] == "'=Works at Makalondi"  # never run as a formula
    assert works["predecessors"] == f"{plan['mapping']}FS+7d"
    assert works["post"] == "Makalondi" and works["percent_complete"] == "20"
    assert works["current_start"] == "2026-07-07" and works["actual_start"] == "2026-07-08"
    mapping = next(row for row in rows if row["id"] == str(plan["mapping"]))
    assert (mapping["baseline_end"], mapping["country"], mapping["owner"]) == (
        "2026-06-30",
        "NER",
        "IOM",
    )
    assert list(rows[0]) == [
        "id",
        "workstream",
        "title",
        "owner",
        "country",
        "post",
        "baseline_start",
        "baseline_end",
        "current_start",
        "current_end",
        "actual_start",
        "actual_finish",
        "percent_complete",
        "status",
        "predecessors",
    ]


def test_french_excel_export(client, auth, plan):
    auth.login("viewer")
    data = client.get("/milestones.csv?dialect=fr").data
    assert data.startswith(b"\xef\xbb\xbf")
    text = data.decode("utf-8-sig")
    assert text.splitlines()[0].startswith("id;workstream;title;")
    assert "07/07/2026;30/09/2026;08/07/2026" in text


def test_xlsx_export_has_date_cells_and_text_titles(client, auth, plan):
    auth.login("viewer")
    response = client.get("/milestones.xlsx")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.data)).worksheets[0]
    header = [cell.value for cell in sheet[1]]
    rows = [
        dict(zip(header, (cell.value for cell in row), strict=False))
        for row in sheet.iter_rows(min_row=2)
    ]
    works = next(row for row in rows if row["id"] == plan["works"])
    assert works["title"] == "=Works at Makalondi" and sheet.cell(3, 3).data_type == "s"
    assert works["current_start"].date() == date(2026, 7, 7)


@pytest.mark.parametrize(
    ("path", "filename"),
    [
        ("/milestones.csv", "milestones.csv"),
        ("/milestones.csv?dialect=fr", "jalons.csv"),
        ("/milestones.xlsx", "milestones.xlsx"),
        ("/milestones.xml", "milestones.xml"),
    ],
)
def test_importing_an_export_changes_nothing(app, client, auth, plan, path, filename):
    auth.login("manager")
    data = client.get(path).data
    before = history_count(app)
    preview = upload(client, data, filename)
    assert preview.status_code == 200
    html = preview.get_data(as_text=True)
    assert "create 0, change 0 and leave 3 as they are" in html
    done = confirm(client, preview)
    assert done.status_code == 302
    assert history_count(app) == before


def test_importing_the_demo_export_changes_nothing(demo, client, auth):
    auth.login("manager")
    for path in (
        "/milestones.csv",
        "/milestones.csv?dialect=fr",
        "/milestones.xlsx",
        "/milestones.xml",
    ):
        preview = upload(client, client.get(path).data, "demo" + path[-4:])
        html = preview.get_data(as_text=True)
        assert preview.status_code == 200, html
        assert "create 0, change 0" in html and "import-problems" not in html


def test_preview_then_apply_a_change_and_a_new_milestone(app, client, auth, plan):
    auth.login("manager")
    rows = [
        HEADER,
        f"{plan['mapping']},Rehabilitation of border posts,Mapping,2026-06-01,2026-07-10,0,planned,",
        f"{plan['works']},Rehabilitation of border posts,'=Works at Makalondi,2026-07-07,2026-09-30,20,in_progress,{plan['mapping']}FS+7d",
        f",Training and equipment,Train the officers,01/10/2026,15/10/2026,0,planned,{plan['training']}",
    ]
    preview = upload(client, "\n".join(rows).encode())
    html = " ".join(preview.get_data(as_text=True).split())
    assert preview.status_code == 200
    assert "create 1, change 1 and leave 1 as they are" in html
    assert "<code>current_end</code>: Jun 30, 2026 → Jul 10, 2026" in html
    with app.app_context():  # nothing is written by the preview
        assert db.session.get(Milestone, plan["mapping"]).current_end == date(2026, 6, 30)
    assert confirm(client, preview).status_code == 302
    with app.app_context():
        assert db.session.get(Milestone, plan["mapping"]).current_end == date(2026, 7, 10)
        # the later mapping pushed the works, through the one write path
        works = db.session.get(Milestone, plan["works"])
        assert works.current_start == date(2026, 7, 17)
        new = db.session.scalar(select(Milestone).filter_by(title="Train the officers"))
        assert new.current_start == date(2026, 10, 1) and new.workstream.name.startswith("Train")
        assert [link.predecessor_id for link in new.predecessor_links] == [plan["training"]]
        reasons = {
            entry.reason
            for entry in db.session.scalars(
                select(HistoryEntry).filter_by(entity="milestone", entity_id=plan["mapping"])
            )
        }
        assert "Imported from milestones.csv" in reasons


def test_links_change_and_their_lag(app, client, auth, plan):
    auth.login("manager")
    rows = [
        "id,workstream,title,current_start,current_end,predecessors",
        f"{plan['works']},Rehabilitation of border posts,'=Works at Makalondi,2026-07-07,2026-09-30,{plan['mapping']}FS+3d;{plan['training']}",
    ]
    preview = upload(client, "\n".join(rows).encode())
    html = preview.get_data(as_text=True)
    assert f"{plan['mapping']}FS+7d → {plan['mapping']}FS+3d;{plan['training']}" in html
    confirm(client, preview)
    with app.app_context():
        links = db.session.execute(
            select(MilestoneDependency.predecessor_id, MilestoneDependency.lag_days).filter_by(
                successor_id=plan["works"]
            )
        ).all()
        assert sorted(links) == sorted([(plan["mapping"], 3), (plan["training"], 0)])


@pytest.mark.parametrize(
    ("row", "line", "column", "words"),
    [
        (",Nowhere,New,2026-10-01,2026-10-02,0,planned,", 3, "workstream", "No workstream"),
        (
            ",Training and equipment,New,2026-10-32,2026-10-02,0,planned,",
            3,
            "current_start",
            "not a date",
        ),
        (
            ",Training and equipment,New,2026-10-05,2026-10-02,0,planned,",
            3,
            "current_end",
            "before the start",
        ),
        (
            "{mapping},Rehabilitation of border posts,Mapping,2026-06-01,2026-06-30,0,planned,{works}",
            3,
            "predecessors",
            "cycle",
        ),
        (
            "999,Training and equipment,New,2026-10-01,2026-10-02,0,planned,",
            3,
            "id",
            "No milestone has the id 999",
        ),
        (
            ",Training and equipment,New,2026-10-01,2026-10-02,0,planned,4SS",
            3,
            "predecessors",
            "finish-to-start",
        ),
        (
            ",Training and equipment,New,2026-10-01,2026-10-02,100,done,",
            3,
            "actual_finish",
            "actual finish",
        ),
    ],
)
def test_one_bad_row_changes_nothing_and_is_named(
    app, client, auth, plan, row, line, column, words
):
    auth.login("manager")
    good = ",Training and equipment,Fine,2026-10-01,2026-10-02,0,planned,"
    data = "\n".join([HEADER, good, row.format(**plan)]).encode()
    before = history_count(app)
    response = upload(client, data)
    assert response.status_code == 422
    html = " ".join(response.get_data(as_text=True).split())
    assert "nothing was imported" in html
    assert re.search(rf"<tr><td>{line}</td><td>{column}</td><td>[^<]*{words}", html), html
    assert "Import these changes" not in html
    assert history_count(app) == before


def test_a_file_that_cannot_be_read_says_why(client, auth, plan):
    auth.login("manager")
    for data, words in [
        (b"", "empty"),
        (b"title,owner\nA,B\n", "Required columns are missing"),
        (b"PK\x03\x04not really a zip", "workbook cannot be read"),
        (b"\xd0\xcf\x11\xe0old", "old Excel workbook"),
    ]:
        response = upload(client, data)
        assert response.status_code == 422
        assert words in response.get_data(as_text=True)


def test_a_file_checked_before_a_change_is_checked_again(app, client, auth, plan):
    auth.login("manager")
    rows = [
        HEADER,
        f"{plan['training']},Rehabilitation of border posts,Training,2026-08-01,2026-08-25,0,planned,",
    ]
    preview = upload(client, "\n".join(rows).encode())
    with app.app_context():  # someone saves a milestone meanwhile
        db.session.get(Milestone, plan["mapping"]).owner = "Ministry"
        db.session.commit()
    response = confirm(client, preview)
    assert response.status_code == 409
    assert "changed since this file was checked" in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.get(Milestone, plan["training"]).current_end == date(2026, 8, 20)
    assert confirm(client, response).status_code == 302  # confirmed again, it applies


@pytest.mark.parametrize("method", ["get", "post"])
def test_viewers_cannot_import(client, auth, plan, method):
    auth.login("viewer")
    if method == "get":
        response = client.get("/milestones/import")
    else:
        response = upload(
            client, f"{HEADER}\n,Training and equipment,X,2026-10-01,2026-10-02,0,planned,".encode()
        )
    assert response.status_code == 403


def test_the_import_page_for_managers(client, auth, plan):
    auth.login("manager")
    html = client.get("/milestones/import").get_data(as_text=True)
    assert "Import milestones" in html and "3FS+7d;5" in html
    assert "/milestones/import" in client.get("/milestones").get_data(as_text=True)


def test_the_preview_speaks_french(client, auth, plan):
    auth.login("manager")
    client.post("/language", data={"language": "fr", "next": "/"})
    rows = [HEADER, ",Nulle part,Nouveau,2026-10-01,2026-10-02,0,prévu,"]
    html = upload(client, "\n".join(rows).encode()).get_data(as_text=True)
    assert "Importer des jalons" in html
    assert "Aucun volet ne s’appelle" in html


def test_unknown_post_and_a_milestone_twice_are_named(app, client, auth, plan):
    auth.login("manager")
    rows = [
        "id,workstream,title,post,current_start,current_end",
        f"{plan['training']},Rehabilitation of border posts,Training,Nowhere,2026-08-01,2026-08-20",
        f"{plan['training']},Rehabilitation of border posts,Training,,2026-08-01,2026-08-20",
    ]
    before = history_count(app)
    response = upload(client, "\n".join(rows).encode())
    html = " ".join(response.get_data(as_text=True).split())
    assert response.status_code == 422
    assert "<tr><td>2</td><td>post</td><td>No border post is named “Nowhere”.</td></tr>" in html
    assert "<tr><td>3</td><td>id</td><td>The same milestone is already on line 2.</td></tr>" in html
    assert history_count(app) == before
