"""The IATI 2.03 export: valid against the official schemas and the rules they cannot check."""

import xml.etree.ElementTree as ET
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
import xmlschema

from roadmap.api.iati import shares

SCHEMA_DIR = Path(__file__).resolve().parents[1] / "data" / "iati-2.03"
TODAY = date(2026, 8, 15)  # TestingConfig's ROADMAP_TODAY
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"

# The codes we use, checked against the IATI codelists (version 2.03).
CODELISTS = {
    "OrganisationRole": {"1", "2", "3", "4"},
    "OrganisationType": {
        "10",
        "11",
        "15",
        "21",
        "22",
        "23",
        "24",
        "30",
        "40",
        "60",
        "70",
        "71",
        "72",
        "73",
        "80",
        "90",
    },
    "ActivityStatus": {"1", "2", "3", "4", "5", "6"},
    "ActivityDateType": {"1", "2", "3", "4"},
    "SectorVocabulary": {"1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12", "98", "99"},
    "LocationReach": {"1", "2"},
    "GeographicExactness": {"1", "2"},
    "GeographicLocationClass": {"1", "2", "3", "4"},
    # LocationType (NGA feature designations): the two we use, "border post" and "airport".
    "LocationType": {"PSTB", "AIRP"},
    "BudgetType": {"1", "2"},
    "BudgetStatus": {"1", "2"},
    "ResultType": {"1", "2", "3", "9"},
    "IndicatorMeasure": {"1", "2", "3", "4", "5"},
    "Country": {"ML", "NE", "MR", "BF", "TD"},
    "Currency": {"USD", "EUR", "XOF", "JPY"},
}


@pytest.fixture(scope="module")
def schema():
    return xmlschema.XMLSchema(str(SCHEMA_DIR / "iati-activities-schema.xsd"))


@pytest.fixture
def iati(client, ids, headers):
    response = client.get("/iati.xml", headers=headers("viewer"))
    assert response.status_code == 200
    assert response.mimetype == "application/xml"
    return response.data


def test_valid_against_the_official_schema(schema, iati):
    schema.validate(iati)


def test_one_activity_with_identity_and_organisations(iati):
    root = ET.fromstring(iati)
    assert root.get("version") == "2.03"
    (activity,) = root.findall("iati-activity")
    assert activity.findtext("iati-identifier") == "XM-DAC-47066-CBM-TEST"
    reporting = activity.find("reporting-org")
    assert reporting.get("ref") == "XM-DAC-47066"
    assert activity.findtext("iati-identifier").startswith(reporting.get("ref"))
    roles = {org.get("role"): org for org in activity.findall("participating-org")}
    assert roles["1"].find("narrative").text == "Government of Japan"
    assert "Migration" in roles["4"].find("narrative").text
    for org in [reporting, *roles.values()]:
        assert org.get("type") in CODELISTS["OrganisationType"]
        assert org.get("role", "1") in CODELISTS["OrganisationRole"]


def test_title_and_description_in_english_and_french(iati):
    activity = ET.fromstring(iati).find("iati-activity")
    for tag in ("title", "description"):
        languages = {n.get(XML_LANG): n.text for n in activity.find(tag).findall("narrative")}
        assert set(languages) == {"en", "fr"} and all(languages.values())


def test_status_and_dates(iati):
    activity = ET.fromstring(iati).find("iati-activity")
    assert activity.find("activity-status").get("code") == "2"  # implementation
    dates = {
        d.get("type"): date.fromisoformat(d.get("iso-date"))
        for d in activity.findall("activity-date")
    }
    assert set(dates) <= CODELISTS["ActivityDateType"]
    # The project runs until February 2027: no actual end yet.
    assert set(dates) == {"1", "2", "3"}
    assert dates["1"] <= dates["3"]
    assert dates["2"] <= TODAY
    assert all(dates[kind] <= TODAY for kind in ("2", "4") if kind in dates)


def test_all_four_dates_once_the_project_ended(app, client, ids, headers):
    app.config["ROADMAP_TODAY"] = "2027-03-15"
    activity = ET.fromstring(client.get("/iati.xml", headers=headers()).data).find("iati-activity")
    dates = {
        d.get("type"): date.fromisoformat(d.get("iso-date"))
        for d in activity.findall("activity-date")
    }
    assert set(dates) == {"1", "2", "3", "4"}
    assert dates["2"] <= dates["4"] <= date(2027, 3, 15)
    assert activity.find("activity-status").get("code") == "3"


def test_countries_sum_to_100_and_sector(iati):
    activity = ET.fromstring(iati).find("iati-activity")
    countries = {
        c.get("code"): Decimal(c.get("percentage")) for c in activity.findall("recipient-country")
    }
    assert set(countries) == {"ML", "NE", "MR", "BF"} <= CODELISTS["Country"]
    assert sum(countries.values()) == 100
    (sector,) = activity.findall("sector")
    assert (sector.get("vocabulary"), sector.get("code")) == ("1", "15190")


@pytest.mark.parametrize("count", [1, 3, 4, 6, 7])
def test_shares_always_sum_to_100(count):
    codes = [f"C{i}" for i in range(count)]
    assert sum(shares(codes).values()) == 100


def test_posts_as_locations(iati):
    activity = ET.fromstring(iati).find("iati-activity")
    locations = {loc.find("name/narrative").text: loc for loc in activity.findall("location")}
    assert set(locations) == {"Makalondi", "Niamey airport"}
    makalondi = locations["Makalondi"]
    point = makalondi.find("point")
    assert point.get("srsName") == "http://www.opengis.net/def/crs/EPSG/0/4326"
    latitude, longitude = map(float, point.findtext("pos").split())
    assert (latitude, longitude) == (12.83, 1.68)  # "lat lon"
    assert makalondi.find("feature-designation").get("code") == "PSTB"
    assert locations["Niamey airport"].find("feature-designation").get("code") == "AIRP"
    for loc in locations.values():
        assert loc.find("feature-designation").get("code") in CODELISTS["LocationType"]
        assert loc.find("location-reach").get("code") in CODELISTS["LocationReach"]
        assert loc.find("exactness").get("code") in CODELISTS["GeographicExactness"]
        assert loc.find("location-class").get("code") in CODELISTS["GeographicLocationClass"]


def test_budget_and_every_value_has_a_currency(iati):
    activity = ET.fromstring(iati).find("iati-activity")
    default = activity.get("default-currency")
    assert default in CODELISTS["Currency"]
    (budget,) = activity.findall("budget")
    assert budget.get("type") in CODELISTS["BudgetType"]
    assert budget.get("status") in CODELISTS["BudgetStatus"]
    start = date.fromisoformat(budget.find("period-start").get("iso-date"))
    end = date.fromisoformat(budget.find("period-end").get("iso-date"))
    assert start <= end and (end - start).days <= 366
    for value in activity.iter("value"):
        assert (value.get("currency") or default) in CODELISTS["Currency"]
        assert value.get("value-date")
    assert Decimal(budget.findtext("value")) == Decimal("2500000.00")


def test_result_counts_posts(iati):
    activity = ET.fromstring(iati).find("iati-activity")
    result = activity.find("result")
    assert result.get("type") in CODELISTS["ResultType"]
    indicator = result.find("indicator")
    assert indicator.get("measure") in CODELISTS["IndicatorMeasure"]
    period = indicator.find("period")
    assert period.find("target").get("value") == "2"
    assert period.find("actual").get("value") == "1"  # the airport is completed


def test_needs_a_login_or_token(client, ids):
    assert client.get("/iati.xml").status_code == 401


def test_the_results_framework_is_valid_iati(demo, client, auth, schema):
    auth.login("viewer")
    body = client.get("/iati.xml").data
    schema.validate(body)
    root = ET.fromstring(body)
    results = root.findall("iati-activity/result")
    assert [r.get("type") for r in results] == ["2", "1", "1", "1", "1"]
    trained = next(
        i
        for i in root.iter("indicator")
        if i.findtext("title/narrative")
        == ("Border officials trained in integrated border management")
    )
    dimensions = [d.get("value") for d in trained.iter("dimension")]
    assert dimensions == ["female: 8", "male: 10"]
    assert root.find(".//indicator[@measure='2']") is not None  # a percentage
