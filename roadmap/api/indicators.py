"""The results framework's indicators, read through the API, as of today."""

from flask import abort

from roadmap.api import schemas as s
from roadmap.api.resources import blp, page_of
from roadmap.clock import today
from roadmap.results.framework import framework

IndicatorPage = s.page_schema(s.IndicatorSchema, "IndicatorPage")


def indicator_rows() -> list[dict]:
    """Return every indicator with its result's id and level, in the framework's order."""
    return [
        indicator | {"result_id": result["id"], "result_level": result["level"]}
        for result in framework(today())
        for indicator in result["indicators"]
    ]


@blp.get("/indicators")
@blp.arguments(s.PageArgs, location="query")
@blp.response(200, IndicatorPage)
def indicators(args):
    """List the indicators with their baseline and periods: target, actual and split."""
    return page_of(indicator_rows(), args)


@blp.get("/indicators/<int(max=2147483647):indicator_id>")
@blp.response(200, s.IndicatorSchema)
def indicator(indicator_id):
    """Return one indicator with its baseline and periods."""
    for row in indicator_rows():
        if row["id"] == indicator_id:
            return row
    abort(404)
