"""CSV import and export through the page and the commands: all rows or none, round trip."""

import io

from sqlalchemy import func, select

from roadmap.extensions import db
from roadmap.history import HistoryEntry
from roadmap.posts.models import BorderPost, PostUpdate

HEADER = "name,country,kind,latitude,longitude,priority,stage,progress,estimated_cost,spent\n"
THREE = (
    HEADER
    + "Gaya,NER,river,11.88,3.45,high,works_in_progress,40,90000,20000\n"
    + "Rosso,MRT,river,16.51,-15.81,high,completed,100,35000,34100\n"
    + "Koury,MLI,land,12.16,-4.80,medium,assessed,0,,\n"
)


def upload(client, data: bytes, filename="posts.csv"):
    return client.post(
        "/posts/import",
        data={"file": (io.BytesIO(data), filename)},
        content_type="multipart/form-data",
    )


def counts(app):
    with app.app_context():
        return (
            db.session.scalar(select(func.count()).select_from(BorderPost)),
            db.session.scalar(select(func.count()).select_from(PostUpdate)),
            db.session.scalar(select(func.count()).select_from(HistoryEntry)),
        )


def test_a_good_file_is_imported(app, client, auth):
    auth.login("manager")
    response = upload(client, THREE.encode())
    assert response.status_code == 302
    with app.app_context():
        rosso = db.session.scalar(select(BorderPost).where(BorderPost.name == "Rosso"))
        assert (rosso.stage, rosso.progress, rosso.country) == ("completed", 100, "MRT")
        assert [u.stage for u in rosso.updates] == ["completed"]
    assert counts(app)[0] == 3


def test_one_bad_row_in_the_middle_imports_nothing(app, client, auth):
    auth.login("manager")
    before = counts(app)
    bad = THREE.replace("Rosso,MRT,river,16.51,-15.81", "Rosso,MRT,river,-15.81,16.51")
    response = upload(client, bad.encode())
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert "nothing was imported" in page
    assert "<td>3</td><td>latitude</td>" in page
    assert counts(app) == before


def test_every_bad_row_is_listed(client, auth):
    auth.login("manager")
    bad = (
        HEADER
        + "Gaya,NER,river,11.88,3.45,high,completed,90,,\n"
        + "Koury,Atlantis,land,12.16,-4.80,medium,assessed,0,,\n"
        + "Kaédi,MRT,land,16.15,-13.50,medium,assessed,0,,\n"
        + "Assamaka,NER,land,27.87,-0.29,medium,assessed,0,,\n"
    )
    page = upload(client, bad.encode()).get_data(as_text=True)
    assert "4 problems found" not in page  # three bad rows, one good
    assert "3 problems found: nothing was imported." in page
    assert "<td>2</td><td>progress</td>" in page
    assert "<td>3</td><td>country</td>" in page
    assert "<td>5</td><td>latitude</td>" in page
    assert "This point is in Algeria, not Niger" in page


def test_reimporting_the_same_file_changes_nothing(app, client, auth):
    auth.login("manager")
    upload(client, THREE.encode())
    with app.app_context():
        versions = dict(db.session.execute(select(BorderPost.name, BorderPost.version)).all())
    before = counts(app)
    response = upload(client, THREE.encode())
    assert response.status_code == 302
    follow = client.get("/posts")
    assert "0 posts created, 0 updated, 3 unchanged" in follow.get_data(as_text=True)
    assert counts(app) == before
    with app.app_context():
        after = dict(db.session.execute(select(BorderPost.name, BorderPost.version)).all())
    assert after == versions


def test_a_matching_row_updates_the_post_and_its_history(app, client, auth, make_post):
    post_id = make_post(name="Gaya", progress=40)
    auth.login("manager")
    response = upload(client, THREE.replace(",40,90000", ",65,90000").encode(), "field.csv")
    assert response.status_code == 302
    with app.app_context():
        posts = db.session.scalars(select(BorderPost).where(BorderPost.name == "Gaya")).all()
        assert [p.id for p in posts] == [post_id]
        assert posts[0].progress == 65
        assert posts[0].updates[0].progress == 65
        assert "field.csv" in posts[0].updates[0].comment
        entry = db.session.scalars(
            select(HistoryEntry).where(
                HistoryEntry.entity == "border_post",
                HistoryEntry.entity_id == post_id,
                HistoryEntry.action == "update",
            )
        ).one()
        assert entry.changes["progress"] == [40, 65]
        assert entry.user_name == "Manager User"


def test_excel_french_file_in_windows_1252(app, client, auth):
    auth.login("manager")
    text = (
        "Nom;Pays;Type;Latitude;Longitude;Étape;Avancement\r\n"
        "Hérémakono;Mali;terrestre;11,16;-5,41;Évalué;0\r\n"
        "Petelkolé;Niger;terrestre;14,05;0,45;Travaux en cours;38\r\n"
    )
    assert upload(client, text.encode("cp1252")).status_code == 302
    with app.app_context():
        names = set(db.session.scalars(select(BorderPost.name)))
    assert names == {"Hérémakono", "Petelkolé"}


def test_files_refused_with_a_clear_message(client, auth):
    auth.login("manager")
    response = upload(client, b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "photo.csv")
    assert response.status_code == 422
    assert "binary data" in response.get_data(as_text=True)
    response = upload(client, b"name,country\nGaya,NER\n")
    assert "Required columns are missing: latitude, longitude" in response.get_data(as_text=True)


def test_a_file_over_the_limit_is_refused(app, client, auth):
    auth.login("manager")
    app.config["MAX_CONTENT_LENGTH"] = 1024
    response = upload(client, THREE.encode() * 20)
    assert response.status_code == 413


def test_viewer_may_not_import(client, auth):
    auth.login("viewer")
    assert client.get("/posts/import").status_code == 403
    assert upload(client, THREE.encode()).status_code == 403


def test_export_reads_back_unchanged(app, client, auth, make_post):
    make_post(
        name='=HYPERLINK("http://evil")',
        notes="-5 degrees\nsecond line",
        contractor="+Sahel; BTP",
        estimated_cost=95000,
        spent=96500.5,
    )
    make_post(
        name="Diboli",
        country="MLI",
        latitude=14.47,
        longitude=-12.19,
        stage="completed",
        progress=100,
        neighbour_country=None,
    )
    auth.login("manager")
    exported = client.get("/posts.csv")
    assert exported.headers["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in exported.headers["Content-Disposition"]
    text = exported.data.decode("utf-8-sig")
    assert "'=HYPERLINK" in text and "'+Sahel; BTP" in text
    assert ",-12.19," in text  # a negative longitude stays a number
    before = counts(app)
    response = upload(client, exported.data, "export.csv")
    assert response.status_code == 302
    assert "0 posts created, 0 updated, 2 unchanged" in client.get("/posts").get_data(as_text=True)
    assert counts(app) == before
    assert client.get("/posts.csv").data == exported.data


def test_commands_export_and_import(app, runner, make_post, tmp_path):
    make_post()
    result = runner.invoke(args=["export-posts"])
    assert result.exit_code == 0, result.output
    assert result.stdout_bytes.startswith(b"\xef\xbb\xbfname,country,")
    path = tmp_path / "posts.csv"
    result = runner.invoke(args=["export-posts", "--output", str(path)])
    assert result.exit_code == 0
    extra = b"Rosso,MRT,,river,16.51,-15.81,high,completed,100,,,,\r\n"
    path.write_bytes(path.read_bytes() + extra)
    result = runner.invoke(args=["import-posts", str(path)])
    assert result.exit_code == 0, result.output
    assert "1 created, 0 updated, 1 unchanged" in result.output
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(BorderPost)) == 2


def test_command_lists_every_problem_and_imports_nothing(app, runner, tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text(THREE.replace("11.88,3.45", "3.45,11.88").replace("100,35000", "90,35000"))
    result = runner.invoke(args=["import-posts", str(path)])
    assert result.exit_code == 1
    assert "line 2 column latitude" in result.output
    assert "swapped" in result.output
    assert "line 3 column progress" in result.output
    assert "nothing was imported" in result.output
    assert counts(app)[0] == 0


def test_an_xlsx_workbook_is_imported_too(app, client, auth):
    from roadmap.tabular import write_xlsx

    header = HEADER.strip().split(",")
    rows = [
        ["Gaya", "NER", "river", 11.88, 3.45, "high", "works_in_progress", 40, 90000, 20000],
        ["Rosso", "Mauritanie", "fluvial", 16.51, -15.81, "haute", "achevé", 100, 35000, 34100],
    ]
    auth.login("manager")
    response = upload(client, write_xlsx(header, rows, "Postes"), "postes.xlsx")
    assert response.status_code == 302
    with app.app_context():
        posts = {post.name: post for post in db.session.scalars(select(BorderPost))}
    assert posts["Rosso"].country == "MRT" and posts["Rosso"].stage == "completed"
    assert posts["Gaya"].latitude == 11.88 and posts["Gaya"].progress == 40
