"""Translated labels for every stored code, so a code is named the same everywhere."""

from flask_babel import lazy_gettext as _l

MILESTONE_STATUS = {
    "planned": _l("Planned"),
    "in_progress": _l("In progress"),
    "done": _l("Done"),
    "cancelled": _l("Cancelled"),
}
HEALTH = {"on_track": _l("On track"), "at_risk": _l("At risk"), "late": _l("Late")}
STAGE = {
    "identified": _l("Identified"),
    "assessed": _l("Assessed"),
    "designed": _l("Designed"),
    "procured": _l("Procured"),
    "works_in_progress": _l("Works in progress"),
    "completed": _l("Completed"),
    "handed_over": _l("Handed over"),
}
POST_KIND = {"land": _l("Land crossing"), "river": _l("River crossing"), "airport": _l("Airport")}
PRIORITY = {"high": _l("High"), "medium": _l("Medium"), "low": _l("Low")}
ORG_TYPE = {
    "government": _l("Government"),
    "partner": _l("Partner"),
    "iom": _l("IOM"),
    "other": _l("Other"),
}
SEX = {"female": _l("Women"), "male": _l("Men")}
OUTCOME_KIND = {
    "recommendation": _l("Recommendation"),
    "decision": _l("Decision"),
    "action": _l("Action item"),
}
OUTCOME_STATUS = {
    "not_started": _l("Not started"),
    "in_progress": _l("In progress"),
    "constrained": _l("Constrained"),
    "completed": _l("Completed"),
    "discontinued": _l("Discontinued"),
}
ROLE = {"admin": _l("Administrator"), "manager": _l("Manager"), "viewer": _l("Viewer")}
ACTION = {"create": _l("Created"), "update": _l("Changed"), "delete": _l("Deleted")}
ENTITY = {
    "project": _l("Project"),
    "workstream": _l("Workstream"),
    "milestone": _l("Milestone"),
    "milestone_dependency": _l("Dependency"),
    "border_post": _l("Border post"),
    "post_update": _l("Post update"),
    "workshop": _l("Workshop"),
    "participation": _l("Participation"),
    "outcome": _l("Outcome"),
    "outcome_note": _l("Follow-up note"),
    "monthly_report": _l("Monthly report"),
    "report_version": _l("Issued report"),
    "user_account": _l("Account"),
}

ALL = {
    "milestone_status": MILESTONE_STATUS,
    "health": HEALTH,
    "stage": STAGE,
    "post_kind": POST_KIND,
    "priority": PRIORITY,
    "org_type": ORG_TYPE,
    "sex": SEX,
    "outcome_kind": OUTCOME_KIND,
    "outcome_status": OUTCOME_STATUS,
    "role": ROLE,
    "action": ACTION,
    "entity": ENTITY,
}


def label(kind: str, code) -> str:
    """Return the translated label of a stored code, or the code itself."""
    if code is None:
        return ""
    return str(ALL[kind].get(code, code))


def choices(kind: str) -> list[tuple[str, str]]:
    """Return (code, label) pairs in their defined order, for select fields."""
    return [(code, text) for code, text in ALL[kind].items()]
