"""The coordination pages: who may change what, refusals by the field, stale edits, exports."""

import io

import openpyxl
import pytest

from roadmap.coordination.models import Activity, Assessment, Partner, RankOverride
from roadmap.extensions import db
from roadmap.schedule.models import Project
from tests import factories


@pytest.fixture
def scene(app):
    """A project, two posts, a partner with an activity, one post assessed."""
    with app.app_context():
        factories.project(iati_identifier="XM-DAC-47066-CBM-TEST")
        makalondi = factories.border_post(priority="low")
        gaya = factories.border_post(
            name="Gaya", latitude=11.88, longitude=3.45, neighbour_country="BEN", priority="high"
        )
        iom = factories.partner(participates=True, iati_ref="XM-DAC-47066")
        factories.activity(iom, makalondi, note="Scanners")
        factories.assessment(
            makalondi, scores=dict.fromkeys(factories.SCORES, 5), needs=["training"]
        )
        db.session.commit()
        return {"post": makalondi.id, "other": gaya.id, "partner": iom.id}


def assessment_form(**changes):
    data = {
        "assessed_on": "2026-08-01",
        "assessor": "Joint team",
        "score_traffic": "4",
        "score_infrastructure": "4",
        "score_equipment": "4",
        "score_staffing": "4",
        "score_security": "4",
        "score_connectivity": "4",
        "needs": ["equipment"],
        "comment": "",
    }
    return data | changes


@pytest.mark.parametrize("role", ["viewer", "manager"])
def test_everyone_reads_the_coordination(client, auth, scene, role):
    auth.login(role)
    for path in (
        "/coordination",
        "/coordination?by=post",
        "/coordination/partners",
        f"/coordination/partners/{scene['partner']}",
        f"/posts/{scene['post']}/assessments",
    ):
        page = client.get(path)
        assert page.status_code == 200, path
    html = client.get("/coordination").get_data(as_text=True)
    assert "coordination-matrix" in html and "Gaps" in html and "Overlaps" in html
    # Makalondi, scored 5 everywhere, needs training that nobody covers: a gap.
    assert "Training" in html.split('id="gaps"')[1].split("</ul>")[0]


def test_a_viewer_is_refused_every_change(client, auth, scene):
    auth.login("viewer")
    for path in (
        "/coordination/partners/new",
        "/coordination/activities/new",
        f"/posts/{scene['post']}/assessments/new",
        "/coordination/weights",
    ):
        assert client.get(path).status_code == 403, path
    assert client.post(f"/posts/{scene['post']}/rank", data={"rank": "1"}).status_code == 403


def test_a_manager_registers_a_partner_and_a_bad_website_is_refused_by_the_field(
    app, client, auth, scene
):
    auth.login("manager")
    data = {"name": "INTERPOL", "org_type": "40", "country": "", "website": "interpol.int"}
    page = client.post("/coordination/partners/new", data=data)
    assert page.status_code == 422
    html = page.get_data(as_text=True)
    assert 'id="website-error"' in html and "https://" in html
    data["website"] = "https://www.interpol.int"
    assert client.post("/coordination/partners/new", data=data).status_code == 302
    with app.app_context():
        assert db.session.scalar(db.select(Partner).where(Partner.name == "INTERPOL"))


def test_a_stale_partner_edit_gets_the_conflict_page(app, client, auth, scene):
    auth.login("manager")
    path = f"/coordination/partners/{scene['partner']}/edit"
    page = client.get(path).get_data(as_text=True)
    assert 'name="base"' in page
    with app.app_context():
        partner = db.session.get(Partner, scene["partner"])
        partner.contact = "Niamey office"
        db.session.commit()
    data = {
        "name": "International Organization for Migration",
        "acronym": "IOM",
        "org_type": "40",
        "country": "",
        "contact": "Dakar office",
        "version": "1",
    }
    assert client.post(path, data=data).status_code == 409


def test_an_activity_ending_before_it_starts_is_refused_by_the_field(app, client, auth, scene):
    auth.login("manager")
    data = {
        "partner_id": scene["partner"],
        "sector": "training",
        "post_id": scene["other"],
        "country": "",
        "status": "planned",
        "start_date": "2026-09-01",
        "end_date": "2026-08-01",
    }
    page = client.post("/coordination/activities/new", data=data)
    assert page.status_code == 422
    assert 'id="end_date-error"' in page.get_data(as_text=True)
    data["end_date"] = "2026-12-01"
    assert client.post("/coordination/activities/new", data=data).status_code == 302
    with app.app_context():
        assert db.session.scalar(db.select(db.func.count()).select_from(Activity)) == 2


def test_bad_scores_are_refused_with_a_message_by_the_field(app, client, auth, scene):
    auth.login("manager")
    path = f"/posts/{scene['other']}/assessments/new"
    page = client.post(path, data=assessment_form(score_traffic="", score_security="9"))
    assert page.status_code == 422
    html = page.get_data(as_text=True)
    assert 'id="score_traffic-error"' in html and 'id="score_security-error"' in html
    assert client.post(path, data=assessment_form()).status_code == 302
    with app.app_context():
        assert db.session.scalar(
            db.select(Assessment).where(Assessment.post_id == scene["other"])
        ).needs == ["equipment"]


def test_a_stale_assessment_correction_is_refused(app, client, auth, scene):
    auth.login("manager")
    with app.app_context():
        assessment = db.session.scalar(db.select(Assessment))
        assessment.comment = "Seen again"
        db.session.commit()
        path = f"/coordination/assessments/{assessment.id}/edit"
    assert client.post(path, data=assessment_form(version="1")).status_code == 409


def test_bad_weights_are_refused_by_the_field_and_good_ones_reorder_the_posts(
    app, client, auth, scene
):
    auth.login("admin")
    page = client.get("/coordination/weights")
    assert page.status_code == 200
    with app.app_context():
        version = Project.current().version
    data = {
        "traffic": "50",
        "infrastructure": "20",
        "equipment": "15",
        "staffing": "15",
        "security": "15",
        "connectivity": "10",
        "version": str(version),
    }
    page = client.post("/coordination/weights", data=data)
    assert page.status_code == 422
    assert 'id="traffic-error"' in page.get_data(as_text=True)
    assert "125" in page.get_data(as_text=True)
    page = client.post(
        "/coordination/weights",
        data=data | {"traffic": "25", "staffing": "-10", "connectivity": "35"},
    )
    assert 'id="staffing-error"' in page.get_data(as_text=True)
    assert client.post("/coordination/weights", data=data | {"traffic": "25"}).status_code == 302
    auth.logout()
    auth.login("manager")
    assert client.get("/coordination/weights").status_code == 403


def test_the_manager_overrides_a_rank_with_a_reason_shown_beside_it(app, client, auth, scene):
    auth.login("manager")
    path = f"/posts/{scene['other']}/rank"
    page = client.post(path, data={"rank": "1", "reason": ""})
    assert page.status_code == 422
    assert 'id="reason-error"' in page.get_data(as_text=True)
    assert (
        client.post(path, data={"rank": "1", "reason": "Chosen at the workshop"}).status_code == 302
    )
    with app.app_context():
        assert db.session.scalar(db.select(RankOverride)).rank == 1
    html = client.get("/coordination").get_data(as_text=True)
    ranking = html.split('id="priority-ranking"')[1]
    assert ranking.index("Gaya") < ranking.index("Makalondi")
    assert "Chosen at the workshop" in ranking
    register = client.get("/posts?sort=priority").get_data(as_text=True)
    assert register.index("Chosen at the workshop") < register.index("Makalondi</a>")


def test_the_register_shows_the_priority_the_score_gives(client, auth, scene):
    auth.login("viewer")
    html = client.get("/posts?priority=high").get_data(as_text=True)
    # Makalondi was typed low, but its assessment scores 5: high; Gaya keeps its typed word.
    assert "Makalondi</a>" in html and "Gaya</a>" in html
    assert "Makalondi</a>" not in client.get("/posts?priority=low").get_data(as_text=True)


def test_the_activities_download_as_csv_and_xlsx(client, auth, scene):
    auth.login("viewer")
    csv = client.get("/coordination/activities.csv")
    assert csv.status_code == 200 and csv.mimetype == "text/csv"
    text = csv.get_data().decode("utf-8-sig")
    assert text.splitlines()[0].startswith("id,partner,sector,post,country")
    assert "International Organization for Migration,equipment,Makalondi,NER" in text
    xlsx = client.get("/coordination/activities.xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(xlsx.get_data())).active
    assert [cell.value for cell in sheet[2]][1:4] == [
        "International Organization for Migration",
        "equipment",
        "Makalondi",
    ]


def test_the_api_lists_partners_activities_and_assessments(client, auth, scene):
    auth.login("viewer")
    partners = client.get("/api/v1/partners").get_json()
    assert partners["total"] == 1 and partners["items"][0]["acronym"] == "IOM"
    assert client.get(f"/api/v1/partners/{scene['partner']}").get_json()["org_type"] == "40"
    activities = client.get("/api/v1/activities").get_json()["items"]
    assert activities[0]["post"] == "Makalondi" and activities[0]["sector"] == "equipment"
    assert client.get(f"/api/v1/activities/{activities[0]['id']}").status_code == 200
    assessments = client.get("/api/v1/assessments").get_json()["items"]
    assert assessments[0]["score"] == 5.0 and assessments[0]["latest"] is True
    assert client.get(f"/api/v1/assessments/{assessments[0]['id']}").status_code == 200
    assert client.get("/api/v1/partners/999").status_code == 404


def test_iati_names_the_partners_taking_part_once(app, client, auth, scene):
    with app.app_context():
        factories.partner(name="G5 Sahel Permanent Secretariat", acronym="SP G5", participates=True)
        factories.partner(name="INTERPOL", acronym="", participates=False)
        db.session.commit()
    auth.login("viewer")
    xml = client.get("/iati.xml").get_data(as_text=True)
    assert xml.count("<participating-org") == 3  # donor, IOM (the reporter), the G5 Sahel
    assert "G5 Sahel Permanent Secretariat" in xml and "INTERPOL" not in xml


def test_the_map_names_the_partners_active_at_each_post_and_its_priority(client, auth, scene):
    auth.login("viewer")
    html = client.get("/posts/map").get_data(as_text=True)
    assert "Partners active" in html and "Priority" in html
    assert '"IOM","High (#1)"' in html.replace(", ", ",")
