"""The one way the project's settings change: the settings page and the demo call it.

Only an administrator changes them. As in every commands module (see
roadmap/commands.py) the caller owns the transaction: nothing here commits.
"""

from flask_babel import gettext as _

from roadmap.commands import Invalid, check_admin, check_version
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
    "summary",
)
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
    if project is None:
        project = Project()
        db.session.add(project)
    for name in FIELDS:
        setattr(project, name, values.get(name))
    project.code = project.code.strip()
    return project
