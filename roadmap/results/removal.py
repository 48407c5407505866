"""Removing a result, an indicator or an actual entered by mistake (see roadmap/removal.py)."""

from datetime import date

from flask import abort, url_for
from flask_babel import gettext as _

from roadmap.auth.access import editor_only
from roadmap.extensions import db
from roadmap.removal import remove
from roadmap.results import bp, commands
from roadmap.results.models import Indicator, Result


@bp.post("/results/<int:result_id>/delete")
@editor_only
def delete_result(result_id):
    """Remove a result that holds no indicator."""
    result = db.get_or_404(Result, result_id)
    return remove(
        result,
        commands.delete_result,
        back=url_for(".edit_result", result_id=result.id),
        done=url_for(".index"),
        message=_("The result is removed."),
    )


@bp.post("/results/indicators/<int:indicator_id>/delete")
@editor_only
def delete_indicator(indicator_id):
    """Remove an indicator, with its targets, once it holds no actual."""
    indicator = db.get_or_404(Indicator, indicator_id)
    return remove(
        indicator,
        commands.delete_indicator,
        back=url_for(".edit_indicator", indicator_id=indicator.id),
        done=url_for(".index"),
        message=_("The indicator %(code)s is removed.", code=indicator.code),
    )


@bp.post("/results/indicators/<int:indicator_id>/actuals/<period>/delete")
@editor_only
def remove_actual(indicator_id, period):
    """Remove the actual of one period."""
    indicator = db.get_or_404(Indicator, indicator_id)
    try:
        start = date.fromisoformat(period)
    except ValueError:
        abort(404)

    def command(record, **sent):
        commands.remove_actual(record, start, **sent)

    here = url_for(".indicator", indicator_id=indicator.id)
    return remove(indicator, command, back=here, done=here, message=_("The actual is removed."))
