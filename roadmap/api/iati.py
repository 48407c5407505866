"""The project as an IATI 2.03 activity file, /iati.xml.

Codes used (IATI codelists): OrganisationRole 1 funding, 4 implementing (the reporter
and the partners taking part);
OrganisationType as the project's settings give it; ActivityStatus 1-3;
ActivityDateType 1-4; Sector vocabulary 1 (DAC 5-digit) code 15190; LocationReach 1;
GeographicExactness 1; GeographicLocationClass 3 (structure); LocationType PSTB
(border post) and AIRP (airport); BudgetType 1, BudgetStatus 2; ResultType 1;
IndicatorMeasure 1.
"""

# The standard library only builds the document here; nothing untrusted is parsed.
import xml.etree.ElementTree as ET  # nosec B405
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal

from flask import Response
from flask_babel import force_locale
from flask_babel import gettext as _
from sqlalchemy import func
from werkzeug.exceptions import NotFound

from roadmap.api import bp
from roadmap.caching import cached
from roadmap.clock import now_utc, today
from roadmap.coordination import loading as coordination
from roadmap.countries import ISO3_TO_ISO2, country_name
from roadmap.errors import json_error
from roadmap.extensions import db
from roadmap.posts.models import BorderPost
from roadmap.results.framework import framework
from roadmap.schedule.models import Milestone, Project

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
EPSG_4326 = "http://www.opengis.net/def/crs/EPSG/0/4326"
SECTOR_MIGRATION = "15190"  # Facilitation of orderly, safe, regular and responsible migration
FEATURE_BY_KIND = {"land": "PSTB", "river": "PSTB", "airport": "AIRP"}
FINISHED_STAGES = ("completed", "handed_over")


@dataclass
class Location:
    ref: str
    name: str
    country: str
    latitude: float
    longitude: float
    kind: str


@dataclass
class Organisation:
    name: str
    ref: str | None
    type: str | None


@dataclass
class ActivityData:
    """Everything the activity says, as plain values; narratives by language."""

    identifier: str
    reporting_org: Organisation
    donor: Organisation
    currency: str
    titles: dict[str, str]
    descriptions: dict[str, str]
    status: str
    dates: dict[str, date]
    countries: dict[str, Decimal]
    locations: list[Location] = field(default_factory=list)
    budget: tuple[date, date, Decimal] | None = None
    result: tuple[str, dict[str, str], date, date, int, int] | None = None
    # The results framework (roadmap/results/framework.py); when set, it replaces `result`.
    framework: list[dict] = field(default_factory=list)
    # The partners that take part in the project (roadmap/coordination), as implementers.
    partners: list[Organisation] = field(default_factory=list)


class Incomplete(Exception):
    """The project lacks a setting the IATI standard requires; the message names it."""


def missing_settings(project: Project) -> list[str]:
    """Return the settings the activity file requires that the project lacks (labels)."""
    required = (
        ("iati_identifier", _("IATI identifier")),
        ("reporting_org_ref", _("IATI identifier of the implementing organisation")),
        ("reporting_org_type", _("Type of the implementing organisation")),
    )
    return [label for name, label in required if not getattr(project, name)]


def activity_status(start: date, end: date, on: date) -> str:
    """Return the ActivityStatus code: 1 pipeline, 2 implementation, 3 finalisation."""
    if on < start:
        return "1"
    if on <= end:
        return "2"
    return "3"


def shares(codes: list[str]) -> dict[str, Decimal]:
    """Split 100 % evenly over the countries, the rounding going to the last one."""
    if not codes:
        return {}
    each = (Decimal(100) / len(codes)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    result = {code: each for code in codes}
    result[codes[-1]] = Decimal(100) - each * (len(codes) - 1)
    return result


def _narratives(parent, texts: dict[str, str]) -> None:
    for language, text in texts.items():
        narrative = ET.SubElement(parent, "narrative")
        narrative.set(XML_LANG, language)
        narrative.text = text


def _org(parent, tag: str, org: Organisation, role: str | None = None) -> None:
    element = ET.SubElement(parent, tag)
    if org.ref:
        element.set("ref", org.ref)
    if org.type:
        element.set("type", org.type)
    if role:
        element.set("role", role)
    _narratives(element, {"en": org.name})


def build_activity_file(data: ActivityData, generated: datetime) -> bytes:
    """Return the iati-activities document holding the one activity."""
    root = ET.Element("iati-activities", {"version": "2.03"})
    root.set("generated-datetime", generated.replace(microsecond=0).isoformat())
    activity = ET.SubElement(root, "iati-activity", {"default-currency": data.currency})
    activity.set(XML_LANG, "en")
    ET.SubElement(activity, "iati-identifier").text = data.identifier
    _org(activity, "reporting-org", data.reporting_org)
    _narratives(ET.SubElement(activity, "title"), data.titles)
    _narratives(ET.SubElement(activity, "description", {"type": "1"}), data.descriptions)
    _org(activity, "participating-org", data.donor, role="1")
    _org(activity, "participating-org", data.reporting_org, role="4")
    for partner in data.partners:
        _org(activity, "participating-org", partner, role="4")
    ET.SubElement(activity, "activity-status", {"code": data.status})
    for kind, day in sorted(data.dates.items()):
        ET.SubElement(activity, "activity-date", {"type": kind, "iso-date": day.isoformat()})
    for code, percentage in data.countries.items():
        ET.SubElement(
            activity,
            "recipient-country",
            {"code": ISO3_TO_ISO2.get(code, code), "percentage": str(percentage)},
        )
    for place in data.locations:
        location = ET.SubElement(activity, "location", {"ref": place.ref})
        ET.SubElement(location, "location-reach", {"code": "1"})
        _narratives(ET.SubElement(location, "name"), {"en": place.name})
        point = ET.SubElement(location, "point", {"srsName": EPSG_4326})
        ET.SubElement(point, "pos").text = f"{place.latitude:.5f} {place.longitude:.5f}"
        ET.SubElement(location, "exactness", {"code": "1"})
        ET.SubElement(location, "location-class", {"code": "3"})
        ET.SubElement(location, "feature-designation", {"code": FEATURE_BY_KIND[place.kind]})
    ET.SubElement(
        activity, "sector", {"vocabulary": "1", "code": SECTOR_MIGRATION, "percentage": "100"}
    )
    if data.budget:
        start, end, amount = data.budget
        budget = ET.SubElement(activity, "budget", {"type": "1", "status": "2"})
        ET.SubElement(budget, "period-start", {"iso-date": start.isoformat()})
        ET.SubElement(budget, "period-end", {"iso-date": end.isoformat()})
        value = ET.SubElement(
            budget, "value", {"currency": data.currency, "value-date": start.isoformat()}
        )
        value.text = f"{amount:.2f}"
    if data.framework:
        for result in data.framework:
            _framework_result(activity, result)
    elif data.result:
        _result(activity, *data.result)
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


def _result(activity, title, indicator_titles, start, end, target, actual) -> None:
    result = ET.SubElement(activity, "result", {"type": "1", "aggregation-status": "1"})
    _narratives(ET.SubElement(result, "title"), title)
    indicator = ET.SubElement(result, "indicator", {"measure": "1", "ascending": "1"})
    _narratives(ET.SubElement(indicator, "title"), indicator_titles)
    ET.SubElement(
        indicator,
        "baseline",
        {"year": str(start.year), "iso-date": start.isoformat(), "value": "0"},
    )
    period = ET.SubElement(indicator, "period")
    ET.SubElement(period, "period-start", {"iso-date": start.isoformat()})
    ET.SubElement(period, "period-end", {"iso-date": end.isoformat()})
    ET.SubElement(period, "target", {"value": str(target)})
    ET.SubElement(period, "actual", {"value": str(actual)})


def _number(value) -> str:
    return f"{value:g}"


def _framework_result(activity, result: dict) -> None:
    """Write one result of the framework: its indicators, baselines and periods."""
    kind = "2" if result["level"] == "outcome" else "1"
    element = ET.SubElement(activity, "result", {"type": kind, "aggregation-status": "1"})
    _narratives(ET.SubElement(element, "title"), _titles(result))
    for row in result["indicators"]:
        indicator = ET.SubElement(
            element,
            "indicator",
            {
                "measure": "2" if row["unit"] == "percentage" else "1",
                "ascending": "0" if row["direction"] == "decrease" else "1",
            },
        )
        _narratives(ET.SubElement(indicator, "title"), _titles(row))
        if row["baseline_value"] is not None and row["baseline_date"] is not None:
            day = row["baseline_date"]
            ET.SubElement(
                indicator,
                "baseline",
                {
                    "year": str(day.year),
                    "iso-date": day.isoformat(),
                    "value": _number(row["baseline_value"]),
                },
            )
        for span in row["periods"]:
            if span["target"] is None and span["actual"] is None:
                continue
            period = ET.SubElement(indicator, "period")
            ET.SubElement(period, "period-start", {"iso-date": span["start"].isoformat()})
            ET.SubElement(period, "period-end", {"iso-date": span["end"].isoformat()})
            if span["target"] is not None:
                ET.SubElement(period, "target", {"value": _number(span["target"])})
            if span["actual"] is not None:
                actual = ET.SubElement(period, "actual", {"value": _number(span["actual"])})
                for sex, count in sorted((span["breakdown"].get("sex") or {}).items()):
                    ET.SubElement(
                        actual, "dimension", {"name": "sex", "value": f"{sex}: {_number(count)}"}
                    )


def _titles(record: dict) -> dict[str, str]:
    titles = {"en": record["title_en"]}
    if record.get("title_fr"):
        titles["fr"] = record["title_fr"]
    return titles


def in_languages(make) -> dict[str, str]:
    """Return {language: make()} with make() run under each interface language."""
    texts = {}
    for language in ("en", "fr"):
        with force_locale(language):
            texts[language] = str(make())
    return texts


def activity_data(
    project: Project, posts: list[BorderPost], first_actual: date | None, on: date
) -> ActivityData:
    """Gather the activity from the project, its posts and its milestones."""
    dates = {"1": project.start_date, "3": project.end_date}
    started = first_actual or (project.start_date if project.start_date <= on else None)
    if started and started <= on:
        dates["2"] = started
    if project.end_date <= on:
        dates["4"] = project.end_date
    titles = {"en": project.name}
    titles["fr"] = in_languages(
        lambda: _(
            "Project %(code)s: border management in %(countries)s",
            code=project.code,
            countries=", ".join(country_name(code) for code in project.countries),
        )
    )["fr"]
    descriptions = {"en": project.summary or project.name}
    descriptions["fr"] = in_languages(
        lambda: _(
            "Project funded by %(donor)s and implemented by %(org)s in %(countries)s, "
            "from %(start)s to %(end)s.",
            donor=project.donor,
            org=project.implementing_org,
            countries=", ".join(country_name(code) for code in project.countries),
            start=project.start_date.isoformat(),
            end=project.end_date.isoformat(),
        )
    )["fr"]
    finished = sum(1 for post in posts if post.stage in FINISHED_STAGES)
    result = None
    if posts:
        result = (
            in_languages(lambda: _("Border posts rehabilitated")),
            in_languages(lambda: _("Number of border posts completed or handed over")),
            project.start_date,
            project.end_date,
            len(posts),
            finished,
        )
    return ActivityData(
        identifier=project.iati_identifier or project.code,
        reporting_org=Organisation(
            project.implementing_org, project.reporting_org_ref, project.reporting_org_type
        ),
        donor=Organisation(project.donor, project.funding_org_ref, project.funding_org_type),
        currency=project.currency,
        titles=titles,
        descriptions=descriptions,
        status=activity_status(project.start_date, project.end_date, on),
        dates=dates,
        countries=shares(list(project.countries)),
        locations=[
            Location(
                f"{project.code}-post-{post.id}",
                post.name,
                post.country,
                post.latitude,
                post.longitude,
                post.kind,
            )
            for post in posts
        ],
        budget=(project.start_date, project.end_date, project.budget)
        if project.budget is not None
        else None,
        result=result,
    )


@bp.get("/iati.xml")
def iati_activity():
    """Return the project as an IATI 2.03 activity file."""
    # The file changes with the data and the day only: built once for both, and dated
    # (generated-datetime) when it was built.
    try:
        body = cached("iati_activity_file", _activity_file, today())
    except Incomplete as missing:
        return json_error(409, "iati_settings_missing", str(missing))
    if body is None:
        raise NotFound()
    return Response(body, mimetype="application/xml")


def _activity_file() -> bytes | None:
    """Return the activity file of the installation's project, if there is one."""
    project = Project.current()
    if project is None:
        return None
    missing = missing_settings(project)
    if missing:
        raise Incomplete(
            _(
                "The IATI export needs these project settings, which an administrator sets "
                "on the Project settings page: %(settings)s.",
                settings=", ".join(missing),
            )
        )
    posts = db.session.scalars(
        db.select(BorderPost).order_by(BorderPost.country, BorderPost.name)
    ).all()
    first_actual = db.session.scalar(db.select(func.min(Milestone.actual_start)))
    data = activity_data(project, list(posts), first_actual, today())
    data.framework = framework(today())
    data.partners = participating(data)
    return build_activity_file(data, now_utc())


def participating(data: ActivityData) -> list[Organisation]:
    """Return the partners marked as taking part, but the donor and the reporter named already."""
    named = {org.name for org in (data.donor, data.reporting_org)}
    refs = {org.ref for org in (data.donor, data.reporting_org) if org.ref}
    return [
        Organisation(p["name"], p["iati_ref"], p["org_type"])
        for p in coordination.partners()
        if p["participates"] and p["name"] not in named and (p["iati_ref"] or "") not in refs
    ]
