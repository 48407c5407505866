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
    "result": _l("Result"),
    "indicator": _l("Indicator"),
    "indicator_target": _l("Indicator target"),
    "indicator_actual": _l("Indicator actual"),
    "monthly_report": _l("Monthly report"),
    "report_version": _l("Issued report"),
    "user_account": _l("Account"),
    "partner": _l("Partner"),
    "partner_activity": _l("Activity"),
    "post_assessment": _l("Post assessment"),
    "post_rank_override": _l("Rank set by the manager"),
}

RESULT_LEVEL = {"outcome": _l("Project outcome"), "output": _l("Project output")}
UNIT = {"number": _l("Count"), "percentage": _l("Percentage")}
DIRECTION = {"increase": _l("Increase"), "decrease": _l("Decrease")}
INDICATOR_SOURCE = {
    "manual": _l("Entered by hand"),
    "posts_handed_over": _l("Computed: border posts handed over"),
    "average_progress": _l("Computed: average physical progress of the posts"),
    "participants": _l("Computed: workshop participants"),
    "recommendations_implemented": _l("Computed: recommendations implemented"),
}
# How an indicator stands against its target; the page shows a symbol with each.
RESULT_STATUS = {
    "on_track": _l("On track"),
    "some_progress": _l("Some progress"),
    "off_track": _l("Off track"),
    "no_data": _l("No data"),
}

# The columns that history records, named as the forms and pages name them.
FIELD = {
    # shared by several records
    "name": _l("Name"),
    "title": _l("Title"),
    "country": _l("Country"),
    "status": _l("Status"),
    "kind": _l("Kind"),
    "text": _l("Text"),
    "date": _l("Date"),
    "position": _l("Order"),
    "summary": _l("Summary"),
    "start_date": _l("Start date"),
    "end_date": _l("End date"),
    "highlights": _l("Highlights"),
    "challenges": _l("Challenges"),
    "next_steps": _l("Next steps"),
    "reason": _l("Reason"),
    "author_id": _l("Author"),
    "workshop_id": _l("Workshop"),
    "post_id": _l("Border post"),
    # project and workstream
    "code": _l("Code"),
    "donor": _l("Donor"),
    "implementing_org": _l("Implementing organisation"),
    "countries": _l("Countries"),
    "currency": _l("Currency"),
    "budget": _l("Budget"),
    "iati_identifier": _l("IATI identifier"),
    "project_id": _l("Project"),
    # milestone and dependency
    "workstream_id": _l("Workstream"),
    "description": _l("Description"),
    "owner": _l("Owner"),
    "baseline_start": _l("Baseline start"),
    "baseline_end": _l("Baseline end"),
    "current_start": _l("Start"),
    "current_end": _l("End"),
    "actual_start": _l("Actual start"),
    "actual_finish": _l("Actual finish"),
    "percent_complete": _l("Complete"),
    "pushed_by_id": _l("Pushed later by"),
    "predecessor_id": _l("Predecessor"),
    "successor_id": _l("Successor"),
    "lag_days": _l("Lag (days)"),
    # border post and its updates
    "neighbour_country": _l("Neighbouring country"),
    "latitude": _l("Latitude"),
    "longitude": _l("Longitude"),
    "priority": _l("Assessment priority"),
    "stage": _l("Stage"),
    "progress": _l("Physical progress"),
    "contractor": _l("Contractor"),
    "estimated_cost": _l("Estimated cost"),
    "spent": _l("Amount spent"),
    "notes": _l("Notes"),
    "comment": _l("Comment"),
    # workshop, participation, outcome and follow-up note
    "place": _l("Place"),
    "organiser": _l("Organiser"),
    "agenda": _l("Agenda"),
    "org_type": _l("Organisation type"),
    "sex": _l("Sex"),
    "count": _l("Participants"),
    "responsible": _l("Responsible party"),
    "due_date": _l("Due date"),
    "outcome_id": _l("Outcome"),
    # monthly report and its issued versions
    "month": _l("Month"),
    "report_id": _l("Monthly report"),
    "number": _l("Version"),
    "issued_at": _l("Issued on"),
    "issued_by_id": _l("Issued by"),
    # coordination: partner, activity, assessment, rank
    "acronym": _l("Acronym"),
    "iati_ref": _l("IATI organisation identifier"),
    "contact": _l("Contact"),
    "website": _l("Website"),
    "participates": _l("Participates in this project"),
    "partner_id": _l("Partner"),
    "sector": _l("Sector"),
    "note": _l("Note"),
    "assessed_on": _l("Day of the assessment"),
    "assessor": _l("Assessor"),
    "scores": _l("Scores"),
    "needs": _l("Sectors the post needs"),
    "rank": _l("Rank"),
    "assessment_weights": _l("Assessment weights"),
    # account
    "email": _l("E-mail"),
    "role": _l("Role"),
    "language": _l("Language"),
    "active": _l("Active"),
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
    "field": FIELD,
    "result_level": RESULT_LEVEL,
    "unit": UNIT,
    "direction": DIRECTION,
    "indicator_source": INDICATOR_SOURCE,
    "result_status": RESULT_STATUS,
}


def label(kind: str, code) -> str:
    """Return the translated label of a stored code, or the code itself."""
    if code is None:
        return ""
    return str(ALL[kind].get(code, code))


def choices(kind: str) -> list[tuple[str, str]]:
    """Return (code, label) pairs in their defined order, for select fields."""
    return [(code, text) for code, text in ALL[kind].items()]
