"""The one way the project's settings change: the settings page and the demo call it.

Only an administrator changes them. As in every commands module (see
roadmap/commands.py) the caller owns the transaction: nothing here commits.
"""

from babel.numbers import is_currency
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from roadmap.commands import Invalid, check_admin, check_version
from roadmap.countries import ISO3_TO_ISO2
from roadmap.extensions import db
from roadmap.schedule.models import Project

FIELDS = (
    "name",
    "code",
    "donor",
    "implementing_org",
    "start_date",
    "end_date",
    "countries",
    "currency",
    "budget",
    "iati_identifier",
    "reporting_org_ref",
    "reporting_org_type",
    "funding_org_ref",
    "funding_org_type",
    "summary",
)
# IATI OrganisationType codes (codelist 2.03).
ORGANISATION_TYPES = {
    "10": _l("Government"),
    "11": _l("Local government"),
    "15": _l("Other public sector"),
    "21": _l("International NGO"),
    "22": _l("National NGO"),
    "23": _l("Regional NGO"),
    "24": _l("Partner-country-based NGO"),
    "30": _l("Public-private partnership"),
    "40": _l("Multilateral"),
    "60": _l("Foundation"),
    "70": _l("Private sector"),
    "71": _l("Private sector in provider country"),
    "72": _l("Private sector in aid recipient country"),
    "73": _l("Private sector in third country"),
    "80": _l("Academic, training and research"),
    "90": _l("Other"),
}
# The columns' lengths: a longer value from the command line or the API is refused, not cut.
MAX_LENGTHS = {
    "name": 300,
    "code": 40,
    "donor": 200,
    "implementing_org": 200,
    "iati_identifier": 100,
    "reporting_org_ref": 100,
    "funding_org_ref": 100,
}
OPTIONAL_TEXT = ("iati_identifier", "reporting_org_ref", "funding_org_ref")
REQUIRED_FIELDS = ("name", "code", "donor", "implementing_org", "start_date", "end_date")


def save_project(project: Project | None, values: dict, *, by, expected_version) -> Project:
    """Set up the project (when `project` is None) or change its settings."""
    check_admin(by)
    unknown = set(values) - set(FIELDS)
    if unknown:
        raise ValueError(f"not settings of the project: {sorted(unknown)}")
    if project is None:
        current = {"countries": [], "currency": "USD", "summary": ""}
    else:
        check_version(project, expected_version)
        current = {name: getattr(project, name) for name in FIELDS}
    values = current | values
    missing = [name for name in REQUIRED_FIELDS if not values.get(name)]
    if missing:
        raise ValueError(f"the project needs {', '.join(missing)}")
    if values["end_date"] < values["start_date"]:
        raise Invalid({"end_date": [_("The end date cannot be before the start date.")]})
    too_long = {
        name: [_("At most %(count)s characters.", count=limit)]
        for name, limit in MAX_LENGTHS.items()
        if len((values.get(name) or "").strip()) > limit
    }
    if too_long:
        raise Invalid(too_long)
    if not is_currency(values["currency"] or ""):
        raise Invalid({"currency": [_("Use a three-letter ISO code, e.g. USD.")]})
    unknown_countries = [code for code in values["countries"] or [] if code not in ISO3_TO_ISO2]
    if unknown_countries:
        raise Invalid(
            {
                "countries": [
                    _("Unknown country code: %(codes)s", codes=", ".join(unknown_countries))
                ]
            }
        )
    for name in OPTIONAL_TEXT:
        values[name] = (values.get(name) or "").strip() or None
    for name in ("reporting_org_type", "funding_org_type"):
        values[name] = values.get(name) or None
        if values[name] is not None and values[name] not in ORGANISATION_TYPES:
            raise Invalid({name: [_("Choose an IATI organisation type from the list.")]})
    if project is None:
        project = Project()
        db.session.add(project)
    for name in FIELDS:
        setattr(project, name, values.get(name))
    project.code = project.code.strip()
    return project


def set_up_project(values: dict, workstreams: list[str], *, by) -> Project:
    """Create the installation's own project and its workstreams, in order.

    The one way a project is set up: `flask init-project` and the first-run form.
    """
    from roadmap.schedule import commands as schedule  # the schedule builds on the project

    if Project.current() is not None:
        raise Invalid({"code": [_("A project is already set up.")]})
    names = [name.strip() for name in workstreams]
    if "" in names or len(set(names)) < len(names) or max(map(len, names), default=0) > 200:
        raise Invalid(
            {
                "workstream": [
                    _("Each workstream needs a name of its own, of at most 200 characters.")
                ]
            }
        )
    project = save_project(None, values, by=by, expected_version=None)
    for position, name in enumerate(names):
        schedule.create_workstream(project, name, by=by, position=position)
    return project
