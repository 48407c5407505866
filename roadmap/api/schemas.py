"""Schemas of the API: they validate requests, shape responses and write the OpenAPI document."""

import marshmallow as ma
from marshmallow import fields, validate

from roadmap.posts.models import POST_KINDS, PRIORITIES, STAGES
from roadmap.reports.models import REPORT_FORMATS
from roadmap.schedule.health import AT_RISK, LATE, ON_TRACK
from roadmap.schedule.models import MILESTONE_STATUSES
from roadmap.workshops.models import ORG_TYPES, OUTCOME_KINDS, OUTCOME_STATUSES, SEXES

HEALTHS = (ON_TRACK, AT_RISK, LATE)
COUNTRY = validate.Regexp(r"^[A-Z]{3}$")
MAX_PER_PAGE = 100
# Ids fit a 32-bit integer column on every database.
ID = validate.Range(min=1, max=2**31 - 1)


def money(**kwargs) -> fields.Decimal:
    """Return a money field: a decimal written as a string, so no cent is lost."""
    metadata = {"type": "string", "format": "decimal", "example": "32000.00"}
    return fields.Decimal(as_string=True, places=2, metadata=metadata, **kwargs)


class Strict(ma.Schema):
    """Unknown fields are an error, not silently dropped."""

    class Meta:
        unknown = ma.RAISE
        ordered = True


# Query arguments ----------------------------------------------------------------


class PageArgs(Strict):
    page = fields.Integer(load_default=1, validate=validate.Range(min=1, max=100_000))
    per_page = fields.Integer(load_default=50, validate=validate.Range(min=1, max=MAX_PER_PAGE))


class MilestoneArgs(PageArgs):
    as_of = fields.Date(
        metadata={
            "description": "the milestones as they stood at the end of this day (YYYY-MM-DD), "
            "from every fact effective by then, whenever it was entered (a later day: today)"
        }
    )
    workstream = fields.Integer(validate=ID, metadata={"description": "id"})
    country = fields.String(validate=COUNTRY)
    status = fields.String(validate=validate.OneOf(MILESTONE_STATUSES))
    health = fields.String(validate=validate.OneOf(HEALTHS))
    due = fields.Integer(
        validate=validate.Range(min=1, max=366),
        metadata={"description": "unfinished milestones ending within this many days of today"},
    )
    critical = fields.Boolean(metadata={"description": "true: the critical path only"})


class PostArgs(PageArgs):
    as_of = fields.Date(
        metadata={
            "description": "the posts as they stood at the end of this day (YYYY-MM-DD), "
            "from every fact effective by then, whenever it was entered (a later day: today)"
        }
    )
    country = fields.String(validate=COUNTRY)
    stage = fields.String(validate=validate.OneOf(STAGES))
    kind = fields.String(validate=validate.OneOf(POST_KINDS))
    priority = fields.String(validate=validate.OneOf(PRIORITIES))


class OutcomeArgs(PageArgs):
    workshop = fields.Integer(validate=ID, metadata={"description": "id"})
    kind = fields.String(validate=validate.OneOf(OUTCOME_KINDS))
    status = fields.String(validate=validate.OneOf(OUTCOME_STATUSES))


class DependencyArgs(PageArgs):
    milestone = fields.Integer(
        validate=ID, metadata={"description": "either end is this milestone"}
    )


# Responses ----------------------------------------------------------------------


class ProjectSchema(ma.Schema):
    id = fields.Integer()
    name = fields.String()
    code = fields.String()
    donor = fields.String()
    implementing_org = fields.String()
    start_date = fields.Date()
    end_date = fields.Date()
    countries = fields.List(fields.String())
    currency = fields.String()
    budget = money(allow_none=True)
    summary = fields.String()
    iati_identifier = fields.String(allow_none=True)
    version = fields.Integer()


class WorkstreamSchema(ma.Schema):
    id = fields.Integer()
    name = fields.String()
    position = fields.Integer()
    milestone_count = fields.Integer()


class MilestoneSchema(ma.Schema):
    id = fields.Integer()
    title = fields.String()
    description = fields.String()
    workstream_id = fields.Integer()
    owner = fields.String()
    country = fields.String(allow_none=True)
    post_id = fields.Integer(allow_none=True)
    workshop_id = fields.Integer(allow_none=True)
    baseline_start = fields.Date(allow_none=True)
    baseline_end = fields.Date(allow_none=True)
    current_start = fields.Date()
    current_end = fields.Date()
    actual_start = fields.Date(allow_none=True)
    actual_finish = fields.Date(allow_none=True)
    percent_complete = fields.Integer()
    status = fields.String(validate=validate.OneOf(MILESTONE_STATUSES))
    is_point = fields.Boolean()
    health = fields.String(validate=validate.OneOf(HEALTHS))
    slip_days = fields.Integer(allow_none=True, metadata={"description": "current end - baseline"})
    late_days = fields.Integer()
    total_float_days = fields.Integer(
        required=True,
        allow_none=True,
        metadata={
            "description": "calendar days the milestone can slip before the schedule's latest "
            "finish moves, from the finish-to-start links with lag and the current dates; "
            "null when done or cancelled"
        },
    )
    critical = fields.Boolean(
        required=True, metadata={"description": "on the critical path: total float 0 or less"}
    )
    predecessor_ids = fields.List(fields.Integer())
    successor_ids = fields.List(fields.Integer())
    updated_at = fields.DateTime()
    version = fields.Integer()
    url = fields.String()


class DependencySchema(ma.Schema):
    id = fields.Integer()
    predecessor_id = fields.Integer()
    successor_id = fields.Integer()
    lag_days = fields.Integer()


class PostUpdateSchema(ma.Schema):
    id = fields.Integer()
    date = fields.Date()
    stage = fields.String(validate=validate.OneOf(STAGES))
    progress = fields.Integer()
    comment = fields.String()
    author = fields.Function(
        lambda update: update.author.name if update.author else None, allow_none=True
    )


class PostSchema(ma.Schema):
    id = fields.Integer()
    name = fields.String()
    country = fields.String()
    neighbour_country = fields.String(allow_none=True)
    kind = fields.String(validate=validate.OneOf(POST_KINDS))
    latitude = fields.Float()
    longitude = fields.Float()
    priority = fields.String(validate=validate.OneOf(PRIORITIES))
    stage = fields.String(validate=validate.OneOf(STAGES))
    progress = fields.Integer()
    contractor = fields.String()
    estimated_cost = money(allow_none=True)
    spent = money(allow_none=True)
    over_budget = fields.Boolean()
    notes = fields.String()
    updates = fields.List(fields.Nested(PostUpdateSchema))
    version = fields.Integer()
    url = fields.String()


class ParticipationSchema(ma.Schema):
    country = fields.String()
    org_type = fields.String(validate=validate.OneOf(ORG_TYPES))
    sex = fields.String(validate=validate.OneOf(SEXES))
    count = fields.Integer()


class WorkshopSchema(ma.Schema):
    id = fields.Integer()
    title = fields.String()
    place = fields.String()
    country = fields.String(allow_none=True)
    start_date = fields.Date()
    end_date = fields.Date()
    organiser = fields.String()
    summary = fields.String()
    participants = fields.Method("count_participants")
    participation = fields.List(fields.Nested(ParticipationSchema))
    outcome_ids = fields.Method("list_outcomes")
    version = fields.Integer()
    url = fields.String()

    def count_participants(self, workshop) -> int:
        return sum(row.count for row in workshop.participation)

    def list_outcomes(self, workshop) -> list[int]:
        return [outcome.id for outcome in workshop.outcomes]


class OutcomeNoteSchema(ma.Schema):
    date = fields.Date()
    status = fields.String(validate=validate.OneOf(OUTCOME_STATUSES))
    text = fields.String()


class OutcomeSchema(ma.Schema):
    id = fields.Integer()
    workshop_id = fields.Integer()
    kind = fields.String(validate=validate.OneOf(OUTCOME_KINDS))
    text = fields.String()
    responsible = fields.String()
    due_date = fields.Date(allow_none=True)
    status = fields.String(validate=validate.OneOf(OUTCOME_STATUSES))
    milestone_ids = fields.Method("list_milestones")
    notes = fields.List(fields.Nested(OutcomeNoteSchema))
    version = fields.Integer()

    def list_milestones(self, outcome) -> list[int]:
        return [milestone.id for milestone in outcome.milestones]


class ReportFileSchema(ma.Schema):
    format = fields.String(validate=validate.OneOf(REPORT_FORMATS))
    language = fields.String()
    sha256 = fields.String()
    size = fields.Integer()


class ReportVersionSchema(ma.Schema):
    number = fields.Integer()
    issued_at = fields.DateTime()
    reason = fields.String()
    files = fields.List(fields.Nested(ReportFileSchema))


class ReportSchema(ma.Schema):
    month = fields.String(metadata={"description": "YYYY-MM"})
    state = fields.String(validate=validate.OneOf(("draft", "issued")))
    issued_versions = fields.List(fields.Nested(ReportVersionSchema))
    html_url = fields.String()
    pdf_url = fields.String()
    xlsx_url = fields.String()


def page_schema(item_schema: type[ma.Schema], name: str) -> type[ma.Schema]:
    """Return the schema of one page of a list."""
    return ma.Schema.from_dict(
        {
            "items": fields.List(fields.Nested(item_schema)),
            "page": fields.Integer(),
            "per_page": fields.Integer(),
            "total": fields.Integer(),
            "pages": fields.Integer(),
        },
        name=name,
    )


# Writes -------------------------------------------------------------------------


class MilestonePatchSchema(Strict):
    version = fields.Integer(required=True, validate=ID)
    percent_complete = fields.Integer(validate=validate.Range(min=0, max=100))
    status = fields.String(validate=validate.OneOf(MILESTONE_STATUSES))
    current_start = fields.Date()
    current_end = fields.Date()
    actual_start = fields.Date(allow_none=True)
    actual_finish = fields.Date(allow_none=True)


class PostPatchSchema(Strict):
    version = fields.Integer(required=True, validate=ID)
    stage = fields.String(validate=validate.OneOf(STAGES))
    progress = fields.Integer(validate=validate.Range(min=0, max=100))
    comment = fields.String(validate=validate.Length(max=5000))
    reason = fields.String(
        validate=validate.Length(max=1000),
        metadata={"description": "Required when the post moves back a stage or in progress."},
    )


class StaleSchema(ma.Schema):
    status = fields.Integer(required=True)
    error = fields.String(required=True)
    message = fields.String(required=True)
    request_id = fields.String(required=True, allow_none=True)
    changed = fields.Dict(
        keys=fields.String(),
        required=True,
        metadata={"description": "the current value of each field changed since your version"},
    )
    conflicts = fields.List(
        fields.String(),
        required=True,
        metadata={"description": "the fields you sent that were changed meanwhile"},
    )


class StaleMilestoneSchema(StaleSchema):
    current = fields.Nested(MilestoneSchema, required=True)


class StalePostSchema(StaleSchema):
    current = fields.Nested(PostSchema, required=True)


class IndicatorPeriodSchema(ma.Schema):
    start = fields.Date()
    end = fields.Date()
    target = fields.Float(allow_none=True)
    actual = fields.Float(allow_none=True)
    # {dimension: {category: value}}, e.g. {"sex": {"female": 8, "male": 10}}.
    breakdown = fields.Dict(keys=fields.String(), values=fields.Dict())
    effective_on = fields.Date(allow_none=True)
    status = fields.String()


class IndicatorSchema(ma.Schema):
    id = fields.Integer()
    result_id = fields.Integer()
    result_level = fields.String()
    code = fields.String()
    title_en = fields.String()
    title_fr = fields.String()
    unit = fields.String()
    direction = fields.String()
    baseline_value = fields.Float(allow_none=True)
    baseline_date = fields.Date(allow_none=True)
    baseline_comment = fields.String()
    period_kind = fields.String()
    cumulative = fields.Boolean()
    dimensions = fields.List(fields.String())
    means_of_verification = fields.String()
    source = fields.String()
    version = fields.Integer()
    periods = fields.List(fields.Nested(IndicatorPeriodSchema))
