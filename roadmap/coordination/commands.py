"""The one way partners and their activities change.

The coordination pages, the demo and the tests call these functions; each checks who
asks and on which version and refuses bad input with a message by the field at fault.
As in every commands module (see roadmap/commands.py) the caller owns the transaction.
"""

from urllib.parse import urlsplit

from flask_babel import gettext as _
from flask_babel import ngettext
from sqlalchemy import func, select

from roadmap.commands import (
    Invalid,
    check_admin,
    check_editor,
    check_version,
    delete,
    invalid_unless_empty,
    reason_for,
)
from roadmap.coordination import rules
from roadmap.coordination.models import Activity, Assessment, Partner, RankOverride
from roadmap.coordination.vocab import ACTIVITY_STATUSES, CRITERIA, ORGANISATION_TYPES, SECTORS
from roadmap.countries import ISO3_TO_ISO2
from roadmap.extensions import db
from roadmap.posts.models import BorderPost
from roadmap.schedule.models import Project

PARTNER_FIELDS = (
    "name",
    "acronym",
    "org_type",
    "country",
    "iati_ref",
    "contact",
    "website",
    "participates",
)
ACTIVITY_FIELDS = (
    "partner_id",
    "sector",
    "post_id",
    "country",
    "status",
    "start_date",
    "end_date",
    "note",
)
ASSESSMENT_FIELDS = ("assessed_on", "assessor", "scores", "needs", "comment")
MAX_LENGTHS = {"name": 200, "acronym": 40, "iati_ref": 100, "contact": 200, "website": 300}


def create_partner(values: dict, *, by) -> Partner:
    """Register a partner organisation."""
    check_editor(by)
    partner = Partner()
    _fill_partner(partner, {"participates": False} | values)
    db.session.add(partner)
    return partner


def update_partner(partner: Partner, changes: dict, *, by, expected_version) -> None:
    """Change a partner's details."""
    check_editor(by)
    check_version(partner, expected_version)
    _fill_partner(partner, {name: getattr(partner, name) for name in PARTNER_FIELDS} | changes)


def delete_partner(partner: Partner, *, by, expected_version, reason: str = "") -> None:
    """Remove a partner registered by mistake; one that still has activities is refused.

    Its activities are the record of who did what where: they are removed, or given to
    another partner, first, so removing a partner never takes them with it.
    """
    check_editor(by)
    check_version(partner, expected_version)
    count = db.session.scalar(
        select(func.count()).select_from(Activity).where(Activity.partner_id == partner.id)
    )
    if count:
        raise Invalid(
            {
                "remove": [
                    ngettext(
                        "%(num)d activity still names this partner: remove it, or give it "
                        "to another partner, first.",
                        "%(num)d activities still name this partner: remove them, or give "
                        "them to another partner, first.",
                        count,
                    )
                ]
            }
        )
    delete(partner, reason=reason)


def website_problem(url: str) -> str | None:
    """Return why a text is not a web address, or None (an empty one is fine)."""
    if not url:
        return None
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or "." not in parts.netloc or " " in url:
        return _("Give a web address starting with https://, such as https://www.iom.int.")
    return None


def _fill_partner(partner: Partner, values: dict) -> None:
    unknown = set(values) - set(PARTNER_FIELDS)
    if unknown:
        raise ValueError(f"not fields of a partner: {sorted(unknown)}")
    values = {
        name: (value.strip() if isinstance(value, str) else value) for name, value in values.items()
    }
    errors: dict = {name: [] for name in PARTNER_FIELDS}
    if not values.get("name"):
        errors["name"].append(_("Give the organisation's name."))
    else:
        same = db.session.scalar(select(Partner).where(Partner.name == values["name"]))
        if same is not None and same is not partner:
            errors["name"].append(_("A partner with this name is already registered."))
    for name, limit in MAX_LENGTHS.items():
        if len(values.get(name) or "") > limit:
            errors[name].append(_("At most %(count)s characters.", count=limit))
    if values.get("org_type") not in ORGANISATION_TYPES:
        errors["org_type"].append(_("Choose an IATI organisation type from the list."))
    if values.get("country") and values["country"] not in ISO3_TO_ISO2:
        errors["country"].append(_("Choose a country from the list."))
    problem = website_problem(values.get("website") or "")
    if problem:
        errors["website"].append(problem)
    invalid_unless_empty(errors)
    for name in PARTNER_FIELDS:
        setattr(partner, name, values.get(name))
    partner.country = values.get("country") or None
    partner.iati_ref = values.get("iati_ref") or None
    for name in ("acronym", "contact", "website"):
        setattr(partner, name, values.get(name) or "")
    partner.participates = bool(values.get("participates"))


def create_activity(values: dict, *, by) -> Activity:
    """Record what a partner does, where and when."""
    check_editor(by)
    activity = Activity()
    with db.session.no_autoflush:
        _fill_activity(activity, {"note": "", "post_id": None, "country": None} | values)
    db.session.add(activity)
    return activity


def update_activity(activity: Activity, changes: dict, *, by, expected_version) -> None:
    """Change an activity's partner, sector, place, status, period or note."""
    check_editor(by)
    check_version(activity, expected_version)
    _fill_activity(activity, {name: getattr(activity, name) for name in ACTIVITY_FIELDS} | changes)


def delete_activity(activity: Activity, *, by, expected_version, reason: str = "") -> None:
    """Remove an activity recorded by mistake; the change log keeps what it said."""
    check_editor(by)
    check_version(activity, expected_version)
    delete(activity, reason=reason)


def _fill_activity(activity: Activity, values: dict) -> None:
    unknown = set(values) - set(ACTIVITY_FIELDS)
    if unknown:
        raise ValueError(f"not fields of an activity: {sorted(unknown)}")
    errors: dict = {name: [] for name in ACTIVITY_FIELDS}
    partner = db.session.get(Partner, values["partner_id"]) if values.get("partner_id") else None
    if partner is None:
        errors["partner_id"].append(_("Choose a partner from the list."))
    if values.get("sector") not in SECTORS:
        errors["sector"].append(_("Choose a sector from the list."))
    if values.get("status") not in ACTIVITY_STATUSES:
        errors["status"].append(_("Choose a status from the list."))
    post = db.session.get(BorderPost, values["post_id"]) if values.get("post_id") else None
    country = post.country if post is not None else values.get("country")
    if values.get("post_id") and post is None:
        errors["post_id"].append(_("Choose a post from the list."))
    elif post is None and country not in ISO3_TO_ISO2:
        errors["country"].append(_("Choose a post, or the country the activity covers."))
    start, end = values.get("start_date"), values.get("end_date")
    if start is None:
        errors["start_date"].append(_("Give the first day."))
    if end is None:
        errors["end_date"].append(_("Give the last day."))
    elif start is not None and end < start:
        errors["end_date"].append(_("The end date cannot be before the start date."))
    invalid_unless_empty(errors)
    activity.partner = partner
    activity.sector = values["sector"]
    activity.post = post
    activity.country = country
    activity.status = values["status"]
    activity.start_date, activity.end_date = start, end
    activity.note = (values.get("note") or "").strip()


def set_weights(project: Project, weights: dict, *, by, expected_version) -> None:
    """Set the weight (percent) of each assessment criterion; they must add up to 100."""
    check_admin(by)
    check_version(project, expected_version)
    problems = rules.weight_problems(weights)
    if problems:
        raise Invalid({name: [message] for name, message in problems.items()})
    project.assessment_weights = {name: int(weights[name]) for name in CRITERIA}


def record_assessment(post: BorderPost, values: dict, *, by, today) -> Assessment:
    """Record a dated assessment of a post: a score 1–5 per criterion and its needs."""
    check_editor(by)
    assessment = Assessment(post=post)
    with db.session.no_autoflush:
        _fill_assessment(assessment, {"comment": "", "needs": []} | values, today)
    db.session.add(assessment)
    return assessment


def update_assessment(assessment: Assessment, changes: dict, *, by, expected_version, today):
    """Correct an assessment."""
    check_editor(by)
    check_version(assessment, expected_version)
    values = {name: getattr(assessment, name) for name in ASSESSMENT_FIELDS} | changes
    _fill_assessment(assessment, values, today)


def delete_assessment(assessment: Assessment, *, by, expected_version, reason: str = "") -> None:
    """Remove an assessment made in error: the post's priority then follows the one before."""
    check_editor(by)
    check_version(assessment, expected_version)
    delete(assessment, reason=reason)


def _fill_assessment(assessment: Assessment, values: dict, today) -> None:
    unknown = set(values) - set(ASSESSMENT_FIELDS)
    if unknown:
        raise ValueError(f"not fields of an assessment: {sorted(unknown)}")
    errors: dict = {name: [] for name in ASSESSMENT_FIELDS}
    scores = values.get("scores") or {}
    for name, message in rules.score_problems(scores).items():
        errors[f"score_{name}"] = [message]
    if values.get("assessed_on") is None:
        errors["assessed_on"].append(_("Give the day of the assessment."))
    elif values["assessed_on"] > today:
        errors["assessed_on"].append(_("The day cannot be in the future."))
    assessor = (values.get("assessor") or "").strip()
    if not assessor:
        errors["assessor"].append(_("Say who assessed the post."))
    elif len(assessor) > 200:
        errors["assessor"].append(_("At most %(count)s characters.", count=200))
    needs = list(values.get("needs") or [])
    if set(needs) - set(SECTORS):
        errors["needs"].append(_("Choose sectors from the list."))
    invalid_unless_empty(errors)
    assessment.assessed_on = values["assessed_on"]
    assessment.assessor = assessor
    assessment.scores = {name: int(scores[name]) for name in CRITERIA}
    assessment.needs = [sector for sector in SECTORS if sector in needs]
    assessment.comment = (values.get("comment") or "").strip()


def override_rank(post: BorderPost, rank, reason: str, *, by, expected_version=None):
    """Set (or, with no rank, remove) the manager's rank of a post; a rank needs a reason."""
    check_editor(by)
    current = db.session.scalar(select(RankOverride).where(RankOverride.post_id == post.id))
    if current is not None:
        check_version(current, expected_version)
    reason = (reason or "").strip()
    if rank in (None, ""):
        if current is not None:
            with reason_for(reason):
                db.session.delete(current)
        return None
    try:
        number = int(rank)
    except (TypeError, ValueError):
        number = 0
    errors = {"rank": [], "reason": []}
    if number < 1 or str(number) != str(rank).strip():
        errors["rank"].append(_("Give a rank of 1 or more."))
    if not reason:
        errors["reason"].append(_("Say why this post takes another rank than its score gives."))
    invalid_unless_empty(errors)
    with reason_for(reason):
        if current is None:
            current = RankOverride(post_id=post.id, rank=number, reason=reason)
            db.session.add(current)
        else:
            current.rank, current.reason = number, reason
    return current
