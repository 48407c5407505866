"""A real project first: `flask init-project` creates it; `flask seed-demo` mixes into nothing."""

from datetime import date

import pytest
from sqlalchemy import func, select

from roadmap.demo.scale_history import MODELS
from roadmap.extensions import db
from roadmap.history import HistoryEntry
from roadmap.schedule.models import Project, Workstream
from tests import factories

OWN_PROJECT = [
    "init-project",
    "--name",
    "Border management in Niger",
    "--code",
    "NE-BM-2027",
    "--donor",
    "European Union",
    "--implementing-org",
    "International Organization for Migration",
    "--start",
    "2027-01-01",
    "--end",
    "2027-12-31",
    "--country",
    "ner",
    "--country",
    "MLI",
    "--currency",
    "xof",
    "--budget",
    "1500000000",
    "--iati-identifier",
    "XM-DAC-47066-NE-BM-2027",
    "--reporting-org-ref",
    "XM-DAC-47066",
    "--reporting-org-type",
    "40",
    "--funding-org-ref",
    "XI-IATI-EC_INTPA",
    "--funding-org-type",
    "15",
    "--workstream",
    "Assessment",
    "--workstream",
    "Rehabilitation",
]


def row_counts() -> dict[str, int]:
    return {
        table.name: db.session.scalar(select(func.count()).select_from(table))
        for table in db.metadata.sorted_tables
    }


def test_init_project_creates_the_project_with_its_history(app, runner):
    result = runner.invoke(args=OWN_PROJECT)
    assert result.exit_code == 0, result.output
    assert "Created the project NE-BM-2027" in result.output
    with app.app_context():
        project = Project.current()
        assert (project.start_date, project.end_date) == (date(2027, 1, 1), date(2027, 12, 31))
        assert project.countries == ["NER", "MLI"] and project.currency == "XOF"
        assert (project.reporting_org_ref, project.reporting_org_type) == ("XM-DAC-47066", "40")
        assert (project.funding_org_ref, project.funding_org_type) == ("XI-IATI-EC_INTPA", "15")
        names = db.session.scalars(select(Workstream.name).order_by(Workstream.position))
        assert list(names) == ["Assessment", "Rehabilitation"]
        made = select(HistoryEntry.entity, HistoryEntry.user_name).where(
            HistoryEntry.entity.in_(["project", "workstream"])
        )
        assert set(db.session.execute(made)) == {
            ("project", "command line"),
            ("workstream", "command line"),
        }


def test_init_project_refuses_a_second_project(app, runner):
    assert runner.invoke(args=OWN_PROJECT).exit_code == 0
    again = runner.invoke(args=OWN_PROJECT)
    assert again.exit_code == 1
    assert again.output.strip().splitlines() == [
        "Error: A project is already set up (NE-BM-2027); an administrator changes it on the "
        "Project settings page."
    ]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"--end": "2026-12-31"}, "--end-date: The end date cannot be before the start date."),
        ({"--currency": "XYZ"}, "--currency: Use a three-letter ISO code, e.g. USD."),
        ({"--country": "ATL"}, "--countries: Unknown country code: ATL"),
        ({"--start": "2027-13-01"}, "Invalid value for '--start'"),
        ({"--reporting-org-type": "41"}, "Invalid value for '--reporting-org-type'"),
        ({"--code": "X" * 41}, "--code: At most 40 characters."),
        ({"--name": None}, "Missing option '--name'"),
        ({"--workstream": "Assessment"}, "--workstream: Each workstream needs a name of its own"),
    ],
)
def test_init_project_answers_bad_input_in_one_line(app, runner, change, message):
    args = list(OWN_PROJECT)
    ((option, value),) = change.items()
    at = args.index(option)
    if value is None:
        del args[at : at + 2]
    elif option == "--workstream":
        args += [option, value]
    else:
        args[at + 1] = value
    result = runner.invoke(args=args)
    assert result.exit_code == 1
    (line,) = result.output.strip().splitlines()
    assert line.startswith("Error: ") and message in line
    with app.app_context():
        assert Project.current() is None


def test_seed_demo_refuses_a_database_holding_imported_posts(app, runner):
    with app.app_context():
        factories.border_post(name="Own post")
        db.session.commit()
        before = row_counts()
    result = runner.invoke(args=["seed-demo"])
    assert result.exit_code == 1
    assert result.output.strip().splitlines() == [
        "Error: The database holds 1 border post; seed-demo loads the demo into an empty "
        "database only, and changed nothing. Point DATABASE_URL at a new database to try the demo."
    ]
    with app.app_context():
        assert row_counts() == before


def test_seed_demo_refuses_a_database_holding_its_own_project(app, runner):
    assert runner.invoke(args=OWN_PROJECT).exit_code == 0
    with app.app_context():
        before = row_counts()
    refused = runner.invoke(args=["seed-demo"])
    assert refused.exit_code == 1 and "the project NE-BM-2027" in refused.output
    # `make run` asks for the demo only into an empty database: it goes on serving.
    skipped = runner.invoke(args=["seed-demo", "--if-empty"])
    assert skipped.exit_code == 0
    assert "The database holds the project NE-BM-2027; the demo is not loaded." in skipped.output
    with app.app_context():
        assert row_counts() == before


def test_seed_demo_still_loads_beside_accounts_and_leaves_itself_alone(app, runner):
    assert runner.invoke(args=["seed-demo", "--if-empty"]).exit_code == 0
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(MODELS["border_post"])) > 0
    again = runner.invoke(args=["seed-demo"])
    assert again.exit_code == 0 and "already loaded" in again.output


def test_a_fresh_xof_project_exports_valid_iati_and_shows_amounts_without_decimals(
    app, runner, client, auth
):
    import xml.etree.ElementTree as ET
    from decimal import Decimal

    import xmlschema

    from tests.api.test_iati import SCHEMA_DIR

    assert runner.invoke(args=OWN_PROJECT).exit_code == 0
    with app.app_context():
        post = factories.border_post(estimated_cost=Decimal("32000"), spent=Decimal("1234567"))
        db.session.commit()
        post_id = post.id
    auth.login("viewer")
    iati = client.get("/iati.xml")
    assert iati.status_code == 200
    xmlschema.XMLSchema(str(SCHEMA_DIR / "iati-activities-schema.xsd")).validate(iati.data)
    activity = ET.fromstring(iati.data).find("iati-activity")
    assert activity.get("default-currency") == "XOF"
    assert activity.find("reporting-org").attrib == {"ref": "XM-DAC-47066", "type": "40"}
    funding = activity.find("participating-org[@role='1']")
    assert (funding.get("ref"), funding.get("type")) == ("XI-IATI-EC_INTPA", "15")
    assert funding.findtext("narrative") == "European Union"

    french = client.get(f"/posts/{post_id}", headers={"Accept-Language": "fr"})
    page = french.get_data(as_text=True).replace("\u202f", " ").replace("\xa0", " ")
    assert "1 234 567 F CFA" in page and "32 000 F CFA" in page
    english = client.get("/project", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert "F\u202fCFA1,500,000,000<" in english  # Babel's English for the franc CFA
    exported = runner.invoke(args=["export-posts"]).output
    assert ",32000,1234567," in exported  # plain numbers, with no decimals either


def test_the_iati_export_names_the_settings_it_lacks(app, runner, client, auth):
    args = list(OWN_PROJECT)
    at = args.index("--reporting-org-ref")
    del args[at : at + 2]
    assert runner.invoke(args=args).exit_code == 0
    auth.login("viewer")
    response = client.get("/iati.xml")
    assert response.status_code == 409
    assert response.get_json()["message"] == (
        "The IATI export needs these project settings, which an administrator sets on the "
        "Project settings page: IATI identifier of the implementing organisation."
    )
