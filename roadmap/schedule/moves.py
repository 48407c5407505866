"""Moving a milestone by dragging its bar in the Gantt chart: preview, save, undo.

JSON for the Gantt page's script (static/js/gantt.js). The preview writes nothing;
saving and undoing go through schedule.commands like the milestone form (history,
pushes, 409 when the version is stale). Undo is a new recorded change that puts back
the dates the save replaced, the pushed successors' too. The form stays the way to
move a milestone with the keyboard.
"""

from datetime import date

from flask import jsonify, request
from flask_babel import format_date, ngettext
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from roadmap.auth.access import editor_only
from roadmap.clock import today
from roadmap.commands import Invalid, Stale, commit
from roadmap.extensions import db
from roadmap.schedule import bp, commands
from roadmap.schedule.models import Milestone, Project
from roadmap.schedule.queries import current_spans, dependency_pairs
from roadmap.schedule.scheduling import Span, push_successors
from roadmap.schedule.window import outside_grant_window

MAX_UNDO = 10_000


class BadMove(ValueError):
    """The request's dates or versions cannot be read."""


def _day(value) -> date:
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise BadMove(_("Give the dates as YYYY-MM-DD.")) from None


def _dates(data: dict) -> tuple[date, date]:
    start, end = _day(data.get("start")), _day(data.get("end"))
    if end < start:
        raise BadMove(_("The end cannot be before the start."))
    return start, end


def _refused(status: int, message: str, **extra):
    response = jsonify({"error": status, "message": message, **extra})
    response.status_code = status
    return response


def _shown(day: date) -> str:
    return format_date(day, "medium")


@bp.post("/milestones/<int:milestone_id>/move/preview")
@editor_only
def preview_move(milestone_id):
    """Say which later milestones a move would push and whether it leaves the grant window."""
    item = db.get_or_404(Milestone, milestone_id)
    try:
        start, end = _dates(request.get_json(silent=True) or {})
    except BadMove as error:
        return _refused(422, str(error))
    spans = current_spans()
    spans[item.id] = Span(start, end, item.status)
    pushes = push_successors(spans, dependency_pairs(), [item.id])
    titles = dict(
        db.session.execute(
            select(Milestone.id, Milestone.title).where(Milestone.id.in_(list(pushes)))
        ).all()
    )
    moves = [
        {
            "id": key,
            "title": titles.get(key, str(key)),
            "text": _(
                "%(title)s: %(old_start)s – %(old_end)s → %(start)s – %(end)s",
                title=titles.get(key, str(key)),
                old_start=_shown(spans[key].start),
                old_end=_shown(spans[key].end),
                start=_shown(push.start),
                end=_shown(push.end),
            ),
        }
        for key, push in pushes.items()
    ]
    project = Project.current()
    outside = project is not None and any(
        outside_grant_window(first, last, project.start_date, project.end_date)
        for first, last in [(start, end), *((p.start, p.end) for p in pushes.values())]
    )
    return jsonify(
        {
            "version": item.version,
            "title": item.title,
            "start": start.isoformat(),
            "end": end.isoformat(),
            "text": _(
                "Move %(title)s to %(start)s – %(end)s?",
                title=item.title,
                start=_shown(start),
                end=_shown(end),
            ),
            "moves": moves,
            "moves_text": ngettext(
                "%(num)d later milestone moves with it:",
                "%(num)d later milestones move with it:",
                len(moves),
            )
            if moves
            else _("No other milestone moves."),
            "outside": outside,
            "outside_text": _(
                "This leaves the grant window (%(start)s – %(end)s).",
                start=_shown(project.start_date),
                end=_shown(project.end_date),
            )
            if outside
            else "",
        }
    )


@bp.post("/milestones/<int:milestone_id>/move")
@editor_only
def move(milestone_id):
    """Save a milestone's new dates; answer what undoing the save would put back."""
    item = db.get_or_404(Milestone, milestone_id)
    data = request.get_json(silent=True) or {}
    try:
        start, end = _dates(data)
    except BadMove as error:
        return _refused(422, str(error))
    before = current_spans()
    try:
        pushes = commands.update_milestone(
            item,
            {"current_start": start, "current_end": end},
            by=current_user,
            expected_version=data.get("version"),
            today=today(),
            reason=_("Moved in the Gantt chart"),
        )
        commit(item)
    except Stale:
        db.session.rollback()
        return _refused(
            409, _("Someone else changed this milestone meanwhile: the chart is redrawn.")
        )
    except Invalid as refused:
        db.session.rollback()
        return _refused(422, " ".join(m for ms in refused.errors.values() for m in ms))
    changed = [item.id, *pushes]
    versions = dict(
        db.session.execute(
            select(Milestone.id, Milestone.version).where(Milestone.id.in_(changed))
        ).all()
    )
    undo = [
        {
            "id": key,
            "start": before[key].start.isoformat(),
            "end": before[key].end.isoformat(),
            "version": versions[key],
        }
        for key in changed
    ]
    message = _("%(title)s moved.", title=item.title)
    if pushes:
        message += " " + ngettext(
            "%(num)d later milestone was pushed by this change.",
            "%(num)d later milestones were pushed by this change.",
            len(pushes),
        )
    return jsonify({"message": message, "undo": undo})


@bp.post("/milestones/move/undo")
@editor_only
def undo_move():
    """Put back the dates a move replaced, as a new recorded change; all or nothing."""
    entries = (request.get_json(silent=True) or {}).get("undo")
    try:
        if not isinstance(entries, list) or not 1 <= len(entries) <= MAX_UNDO:
            raise BadMove(_("Nothing to undo."))
        wanted = [(int(entry["id"]), *_dates(entry), entry.get("version")) for entry in entries]
    except (BadMove, KeyError, TypeError, ValueError) as error:
        message = str(error) if isinstance(error, BadMove) else _("Nothing to undo.")
        return _refused(422, message)
    try:
        for key, start, end, version in wanted:  # the moved milestone first, then its successors
            item = db.session.get(Milestone, key)
            if item is None:
                raise Stale()
            commands.update_milestone(
                item,
                {"current_start": start, "current_end": end},
                by=current_user,
                expected_version=version,
                today=today(),
                reason=_("Undo of a move in the Gantt chart"),
            )
        commit()
    except Stale:
        db.session.rollback()
        return _refused(409, _("These milestones changed since the move: it cannot be undone."))
    except Invalid as refused:
        db.session.rollback()
        return _refused(422, " ".join(m for ms in refused.errors.values() for m in ms))
    return jsonify({"message": _("The move is undone.")})
