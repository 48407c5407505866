"""The coordination read through the API: partners, their activities, the posts' assessments."""

import marshmallow as ma
from flask import abort
from marshmallow import fields

from roadmap.api import schemas as s
from roadmap.api.resources import blp, page_of
from roadmap.coordination import loading, rules


class PartnerSchema(ma.Schema):
    id = fields.Integer()
    name = fields.String()
    acronym = fields.String()
    org_type = fields.String(metadata={"description": "IATI OrganisationType code"})
    country = fields.String(allow_none=True, metadata={"description": "ISO 3166-1 alpha-3"})
    iati_ref = fields.String(allow_none=True)
    contact = fields.String()
    website = fields.String()
    participates = fields.Boolean(metadata={"description": "named in the IATI activity"})
    version = fields.Integer()


class ActivitySchema(ma.Schema):
    id = fields.Integer()
    partner_id = fields.Integer()
    partner = fields.String(metadata={"description": "the partner's acronym, else its name"})
    sector = fields.String()
    post_id = fields.Integer(allow_none=True, metadata={"description": "None: the whole country"})
    post = fields.String(allow_none=True)
    country = fields.String()
    status = fields.String()
    start_date = fields.Date()
    end_date = fields.Date()
    note = fields.String()
    version = fields.Integer()


class AssessmentSchema(ma.Schema):
    id = fields.Integer()
    post_id = fields.Integer()
    assessed_on = fields.Date()
    assessor = fields.String()
    scores = fields.Dict(
        keys=fields.String(), values=fields.Integer(), metadata={"description": "1 to 5"}
    )
    needs = fields.List(fields.String(), metadata={"description": "the sectors the post needs"})
    comment = fields.String()
    score = fields.Float(
        allow_none=True, metadata={"description": "weighted mean of the scores (project weights)"}
    )
    latest = fields.Boolean(metadata={"description": "the post's latest: it sets its priority"})
    version = fields.Integer()


PartnerPage = s.page_schema(PartnerSchema, "PartnerPage")
ActivityPage = s.page_schema(ActivitySchema, "ActivityPage")
AssessmentPage = s.page_schema(AssessmentSchema, "AssessmentPage")


def _one(rows: list[dict], record_id: int) -> dict:
    for row in rows:
        if row["id"] == record_id:
            return row
    abort(404)


def assessment_rows() -> list[dict]:
    """Return every assessment with its weighted score and whether it is its post's latest."""
    weights = loading.weights()
    latest = {row["assessment"]["id"] for row in loading.priorities() if row.get("assessment")}
    return [
        a | {"score": rules.priority_score(a["scores"], weights), "latest": a["id"] in latest}
        for a in loading.assessments()
    ]


@blp.get("/partners")
@blp.arguments(s.PageArgs, location="query")
@blp.response(200, PartnerPage)
def partners(args):
    """List the partner organisations."""
    return page_of(loading.partners(), args)


@blp.get("/partners/<int(max=2147483647):partner_id>")
@blp.response(200, PartnerSchema)
def partner(partner_id):
    """Return one partner."""
    return _one(loading.partners(), partner_id)


@blp.get("/activities")
@blp.arguments(s.PageArgs, location="query")
@blp.response(200, ActivityPage)
def activities(args):
    """List who does what where: each partner's activities by sector, place and period."""
    return page_of(loading.activities(), args)


@blp.get("/activities/<int(max=2147483647):activity_id>")
@blp.response(200, ActivitySchema)
def activity(activity_id):
    """Return one activity."""
    return _one(loading.activities(), activity_id)


@blp.get("/assessments")
@blp.arguments(s.PageArgs, location="query")
@blp.response(200, AssessmentPage)
def assessments(args):
    """List the posts' assessments with their weighted scores."""
    return page_of(assessment_rows(), args)


@blp.get("/assessments/<int(max=2147483647):assessment_id>")
@blp.response(200, AssessmentSchema)
def assessment(assessment_id):
    """Return one assessment with its weighted score."""
    return _one(assessment_rows(), assessment_id)
