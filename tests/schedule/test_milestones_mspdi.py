"""The plan as MS Project XML (MSPDI): its export, its import, refusals; float in the XLSX."""

import io
import re
from datetime import date, timedelta

import defusedxml.ElementTree as SafeTree
from openpyxl import load_workbook
from sqlalchemy import func, select

from roadmap.extensions import db
from roadmap.schedule.models import Milestone, MilestoneDependency
from roadmap.schedule.uploads import ImportUpload
from tests.schedule.test_milestones_exchange import HEADER, confirm, history_count, plan, upload

__all__ = ["plan"]  # the fixture, shared with the spreadsheet tests

NS = "{http://schemas.microsoft.com/project}"


def tasks_of(data: bytes) -> dict[str, dict]:
    """Return the file's tasks by name, each as its fields' text (links as a list)."""
    root = SafeTree.fromstring(data)
    found = {}
    for task in root.iter(f"{NS}Task"):
        fields = {child.tag.removeprefix(NS): (child.text or "") for child in task}
        fields["links"] = [
            {child.tag.removeprefix(NS): child.text for child in link}
            for link in task.findall(f"{NS}PredecessorLink")
        ]
        found[fields["Name"]] = fields
    return found


def test_export_has_workstreams_as_summaries_and_tasks_with_links(client, auth, plan):
    auth.login("viewer")
    response = client.get("/milestones.xml")
    assert response.status_code == 200
    assert response.mimetype == "application/xml"
    assert ".xml" in response.headers["Content-Disposition"]
    root = SafeTree.fromstring(response.data)
    assert root.tag == f"{NS}Project"
    assert root.find(f"{NS}Calendars/{NS}Calendar/{NS}Name").text == "Standard"
    tasks = tasks_of(response.data)
    stream = tasks["Rehabilitation of border posts"]
    assert (stream["Summary"], stream["OutlineLevel"]) == ("1", "1")
    mapping, works = tasks["Mapping"], tasks["=Works at Makalondi"]
    assert mapping["UID"] == str(plan["mapping"]) and mapping["OutlineLevel"] == "2"
    assert (mapping["Start"], mapping["Finish"]) == ("2026-06-01T08:00:00", "2026-06-30T17:00:00")
    assert mapping["Duration"] == "PT240H0M0S" and mapping["Milestone"] == "0"
    assert works["PercentComplete"] == "20" and works["ActualStart"] == "2026-07-08T08:00:00"
    assert works["links"] == [
        {
            "PredecessorUID": str(plan["mapping"]),
            "Type": "1",
            "LinkLag": str(7 * 4800),
            "LagFormat": "7",
        }
    ]
    assert int(stream["UID"]) > max(plan.values())  # never a milestone's id


def test_a_point_event_is_a_milestone_of_no_duration(app, client, auth, plan):
    with app.app_context():
        db.session.get(Milestone, plan["training"]).current_end = date(2026, 8, 1)
        db.session.commit()
    auth.login("viewer")
    training = tasks_of(client.get("/milestones.xml").data)["Training"]
    assert (training["Milestone"], training["Duration"]) == ("1", "PT0H0M0S")
    assert training["Start"] == training["Finish"] == "2026-08-01T08:00:00"


def test_the_demo_round_trip_changes_nothing(demo, app, client, auth):
    auth.login("manager")
    before = history_count(app)
    preview = upload(client, client.get("/milestones.xml").data, "plan.xml")
    html = preview.get_data(as_text=True)
    assert preview.status_code == 200, html
    assert "create 0, change 0" in html and "import-problems" not in html
    assert confirm(client, preview).status_code == 302
    assert history_count(app) == before


def edited(client, pattern: str, replacement: str) -> bytes:
    text = client.get("/milestones.xml").get_data(as_text=True)
    changed, count = re.subn(pattern, replacement, text, count=1)
    assert count == 1
    return changed.encode()


def test_a_task_moved_in_ms_project_is_changed_and_pushes_its_successor(app, client, auth, plan):
    auth.login("manager")
    data = edited(
        client, "<Finish>2026-06-30T17:00:00</Finish>", "<Finish>2026-07-10T17:00:00</Finish>"
    )
    preview = upload(client, data, "plan.xml")
    html = " ".join(preview.get_data(as_text=True).split())
    assert "create 0, change 1 and leave 2 as they are" in html, html
    assert confirm(client, preview).status_code == 302
    with app.app_context():
        assert db.session.get(Milestone, plan["mapping"]).current_end == date(2026, 7, 10)
        assert db.session.get(Milestone, plan["works"]).current_start == date(2026, 7, 17)


def test_one_bad_task_changes_nothing_and_names_the_task_and_field(app, client, auth, plan):
    auth.login("manager")
    data = edited(
        client, "<Finish>2026-06-30T17:00:00</Finish>", "<Finish>2026-05-20T17:00:00</Finish>"
    )
    before = history_count(app)
    response = upload(client, data, "plan.xml")
    assert response.status_code == 422
    html = " ".join(response.get_data(as_text=True).split())
    assert "Task ID" in html
    # The mapping is task 2: its workstream's summary task is task 1.
    assert re.search(r"<tr><td>2</td><td>Finish</td><td>[^<]*before the start", html), html
    assert "Import these changes" not in html
    assert history_count(app) == before


def test_links_of_another_kind_or_in_hours_are_named(client, auth, plan):
    auth.login("manager")
    for pattern, replacement, words in [
        ("<Type>1</Type>", "<Type>3</Type>", "only finish-to-start"),
        ("<LinkLag>33600</LinkLag>", "<LinkLag>600</LinkLag>", "whole days"),
        ("<LagFormat>7</LagFormat>", "<LagFormat>19</LagFormat>", "in days"),
    ]:
        response = upload(client, edited(client, pattern, replacement), "plan.xml")
        html = " ".join(response.get_data(as_text=True).split())
        assert response.status_code == 422
        assert re.search(rf"<td>PredecessorLink</td><td>[^<]*{words}", html), html


FOREIGN = """<?xml version="1.0"?>
<Project xmlns="http://schemas.microsoft.com/project"><MinutesPerDay>480</MinutesPerDay><Tasks>
<Task><UID>0</UID><ID>0</ID><Name>Whole plan</Name><OutlineLevel>0</OutlineLevel><Summary>1</Summary></Task>
<Task><UID>1</UID><ID>1</ID><Name>Training and equipment</Name><OutlineLevel>1</OutlineLevel><Summary>1</Summary></Task>
<Task><UID>900</UID><ID>2</ID><Name>Train the officers</Name><OutlineLevel>2</OutlineLevel>
<Start>2026-10-01T08:00:00</Start><Finish>2026-10-16T00:00:00</Finish><PercentComplete>0</PercentComplete>
<PredecessorLink><PredecessorUID>{training}</PredecessorUID><Type>1</Type><LinkLag>28800</LinkLag><LagFormat>8</LagFormat></PredecessorLink>
</Task>
<Task><UID>901</UID><ID>3</ID><IsNull>1</IsNull></Task>
</Tasks></Project>"""


def test_a_plan_made_in_another_tool_creates_its_new_tasks(app, client, auth, plan):
    auth.login("manager")
    preview = upload(client, FOREIGN.format(**plan).encode(), "plan.xml")
    html = " ".join(preview.get_data(as_text=True).split())
    assert "create 1, change 0 and leave 0 as they are" in html, html
    assert confirm(client, preview).status_code == 302
    with app.app_context():
        new = db.session.scalar(select(Milestone).filter_by(title="Train the officers"))
        # The midnight after its last day is read as that day; elapsed days as days.
        assert (new.current_start, new.current_end) == (date(2026, 10, 1), date(2026, 10, 15))
        assert new.workstream.name == "Training and equipment"
        links = db.session.execute(
            select(MilestoneDependency.predecessor_id, MilestoneDependency.lag_days).filter_by(
                successor_id=new.id
            )
        ).all()
        assert links == [(plan["training"], 2)]


def test_other_xml_broken_xml_and_entities_are_refused_in_one_message(app, client, auth, plan):
    auth.login("manager")
    before = history_count(app)
    bomb = (
        b'<?xml version="1.0"?><!DOCTYPE Project [<!ENTITY a "aaaaaaaaaa">'
        b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>'
        b'<Project xmlns="http://schemas.microsoft.com/project"><Name>&b;</Name></Project>'
    )
    for data, words in [
        (b"<svg xmlns='http://www.w3.org/2000/svg'/>", "not an MS Project plan"),
        (b"<Project xmlns='http://schemas.microsoft.com/project'><Tasks><Task>", "cannot be read"),
        (bomb, "cannot be read"),
        (b"<Project xmlns='http://schemas.microsoft.com/project'><Tasks/></Project>", "no task"),
    ]:
        response = upload(client, data, "plan.xml")
        assert response.status_code == 422
        html = response.get_data(as_text=True)
        assert words in html and html.count('id="import-error"') == 1
    assert history_count(app) == before


def test_xlsx_shows_each_milestones_float_and_whether_it_is_critical(client, auth, plan):
    auth.login("viewer")
    sheet = load_workbook(io.BytesIO(client.get("/milestones.xlsx").data)).worksheets[0]
    header = [cell.value for cell in sheet[1]]
    assert header[-2:] == ["total_float_days", "critical"]
    rows = {row[0]: row for row in sheet.iter_rows(min_row=2, values_only=True)}
    floats = {key: (row[-2], row[-1]) for key, row in rows.items()}
    assert floats[plan["works"]] == (0, True)  # the latest finish
    assert floats[plan["mapping"]] == (0, True)  # holds the works back
    assert floats[plan["training"]] == (41, False)  # ends 20 Aug, the works 30 Sep


def multipart(data: bytes, csrf: str) -> tuple[bytes, str]:
    boundary = "milestones-boundary"
    parts = [
        f'--{boundary}\r\nContent-Disposition: form-data; name="csrf_token"\r\n\r\n{csrf}\r\n',
        f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.csv"\r\n'
        "Content-Type: text/csv\r\n\r\n",
    ]
    return "".join(parts).encode() + data + f"\r\n--{boundary}--\r\n".encode(), boundary


def test_a_file_of_5000_rows_is_previewed_and_confirmed_within_the_form_limits(
    app, client, auth, plan
):
    rows = [HEADER] + [
        f",Training and equipment,Train the border officers of post {n} in document checks "
        f"and data entry,2026-10-01,2026-10-{n % 28 + 1:02d},0,planned,"
        for n in range(5000)
    ]
    data = "\n".join(rows).encode()
    assert len(data) > 500_000  # beyond Werkzeug's default limit on one form field
    auth.login("manager")
    csrf = re.search(
        r'name="csrf_token" type="hidden" value="([^"]*)"',
        client.get("/milestones/import").get_data(as_text=True),
    )
    # The multipart body built here: the test client would spool it to a file it never closes.
    body, boundary = multipart(data, csrf.group(1) if csrf else "")
    preview = client.post(
        "/milestones/import", data=body, content_type=f"multipart/form-data; boundary={boundary}"
    )
    assert preview.status_code == 200
    assert "create 5000, change 0" in preview.get_data(as_text=True)
    token = re.search(
        r'name="upload" type="hidden" value="([^"]*)"', preview.get_data(as_text=True)
    )
    assert len(token.group(1)) < 100  # the confirmation posts a token, not the file
    posted = confirm(client, preview)
    assert posted.status_code == 302
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Milestone)) == 5003
        assert db.session.scalar(select(func.count()).select_from(ImportUpload)) == 0


def test_a_checked_file_is_only_for_who_checked_it(app, client, auth, plan):
    auth.login("manager")
    preview = upload(
        client, f"{HEADER}\n,Training and equipment,X,2026-10-01,2026-10-02,0,planned,".encode()
    )
    auth.logout()
    auth.login("admin")
    response = confirm(client, preview)
    assert response.status_code == 422
    assert "The checked file was lost" in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Milestone)) == 3


def test_text_is_escaped_and_what_xml_cannot_hold_is_left_out():
    from roadmap.schedule.mspdi import write_mspdi

    row = {
        "id": 1,
        "workstream": "Roads & <bridges>",
        "title": "Works\x0b at Makalondi",
        "owner": "IOM",
        "current_start": date(2026, 6, 1),
        "current_end": date(2026, 6, 2),
        "percent_complete": 0,
        "predecessors": [],
    }
    data = write_mspdi([row], "Plan", date(2026, 1, 1), date(2026, 12, 31))
    tasks = tasks_of(data)
    assert set(tasks) == {"Roads & <bridges>", "Works at Makalondi"}


def test_a_checked_file_kept_more_than_a_day_is_gone(app, client, auth, plan):
    auth.login("manager")
    row = ",Training and equipment,X,2026-10-01,2026-10-02,0,planned,"
    preview = upload(client, f"{HEADER}\n{row}".encode())
    with app.app_context():  # checked yesterday
        kept = db.session.scalar(select(ImportUpload))
        kept.created_at -= timedelta(days=1, minutes=1)
        db.session.commit()
    late = confirm(client, preview)
    assert late.status_code == 422
    assert "The checked file was lost" in late.get_data(as_text=True)
