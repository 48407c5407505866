"""Views of the schedule feature: milestones, dependencies, baseline and the Gantt chart."""

import json
from datetime import timedelta

from flask import (
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user
from sqlalchemy import select

from roadmap import labels
from roadmap.auth.access import editor_only
from roadmap.caching import cached
from roadmap.charts import figure_json
from roadmap.charts.gantt import gantt_figure
from roadmap.clock import today
from roadmap.commands import Invalid, Stale, commit
from roadmap.conditional import conditional
from roadmap.countries import PROJECT_COUNTRIES, country_name
from roadmap.extensions import db
from roadmap.form_errors import show_refusal
from roadmap.locking import flash_merge, reconcile, start_form
from roadmap.paging import requested_page
from roadmap.schedule import bp, commands, span
from roadmap.schedule.forms import (
    MilestoneForm,
    fill_milestone_choices,
)
from roadmap.schedule.listing import SORT_KEYS, milestone_page
from roadmap.schedule.milestone_page import load_milestone, show_milestone
from roadmap.schedule.models import Milestone, Project, Workstream
from roadmap.schedule.queries import (
    dependency_pairs,
    gantt_labels,
    has_baseline,
    load_rows,
    read_filters,
)
from roadmap.schedule.window import outside_grant_window

PER_PAGE = 50
EDIT_FIELDS = commands.EDIT_FIELDS


def filter_choices() -> dict:
    """Return the options of the workstream, country, status and health filters."""
    project = Project.current()
    countries = list(project.countries) if project and project.countries else []
    return {
        "workstreams": db.session.execute(
            select(Workstream.id, Workstream.name).order_by(Workstream.position, Workstream.id)
        ).all(),
        "countries": [(code, country_name(code)) for code in countries or PROJECT_COUNTRIES],
        "statuses": labels.choices("milestone_status"),
        "healths": labels.choices("health"),
    }


@bp.get("/milestones")
def milestones():
    """List milestones with filters, sorting, health and slip."""
    filters = read_filters(request.args)
    sort = request.args.get("sort", "")
    sort = sort if sort in SORT_KEYS else ""
    descending = request.args.get("dir") == "desc"
    page = milestone_page(
        filters, sort, descending, requested_page(request.args), PER_PAGE, today()
    )
    return render_template(
        "schedule/milestones.html",
        page=page,
        rows=page.items,
        filters=filters,
        sort=sort,
        descending=descending,
        has_baseline=has_baseline(),
        **filter_choices(),
    )


@bp.get("/milestones/<int:milestone_id>")
def milestone(milestone_id):
    """Show a milestone, its dependencies, links and history."""
    return show_milestone(load_milestone(milestone_id))


@bp.route("/milestones/new", methods=["GET", "POST"])
@editor_only
def create():
    """Create a milestone."""
    form = MilestoneForm()
    fill_milestone_choices(form)
    outside = False
    if form.validate_on_submit():
        outside = _outside(form)
        if not outside or form.confirm_outside.data:
            try:
                item = commands.create_milestone(_values(form), by=current_user, today=today())
            except Invalid as refused:
                show_refusal(form, refused)
            else:
                db.session.commit()
                flash(_("Milestone created."), "success")
                return redirect(url_for(".milestone", milestone_id=item.id))
    return render_template("schedule/form.html", form=form, milestone=None, outside=outside)


@bp.route("/milestones/<int:milestone_id>/edit", methods=["GET", "POST"])
@editor_only
def edit(milestone_id):
    """Edit a milestone; a stale form is refused with 409 and the other person's values."""
    item = db.get_or_404(Milestone, milestone_id)
    # On POST the form is built from the request only: a missing version must not be
    # filled in from the stored record, or a stale edit would pass the check below.
    form = MilestoneForm() if request.method == "POST" else MilestoneForm(obj=item)
    fill_milestone_choices(form, item)
    merge = None
    if request.method == "POST":
        # A stale form is merged with the other person's save, or the 409 page asks.
        merge = reconcile(item, form, EDIT_FIELDS, retry_url=url_for(".edit", milestone_id=item.id))
    else:
        start_form(form, item, EDIT_FIELDS)
        form.effective_on.data = today()
    outside = False
    if form.validate_on_submit():
        outside = _outside(form)
        if not outside or form.confirm_outside.data:
            try:
                pushes = commands.update_milestone(
                    item,
                    _values(form),
                    by=current_user,
                    expected_version=form.version.data,
                    today=today(),
                    reason=form.reason.data,
                    effective_on=form.effective_on.data,
                )
                commit(item)
            except Stale:  # saved by someone else between our check and our write
                db.session.rollback()
                abort(409)
            except Invalid as refused:
                show_refusal(form, refused)
            else:
                flash(_("Milestone saved."), "success")
                flash_merge(merge, form)
                if pushes:
                    flash(
                        ngettext(
                            "%(num)d later milestone was pushed by this change.",
                            "%(num)d later milestones were pushed by this change.",
                            len(pushes),
                        ),
                        "info",
                    )
                return redirect(url_for(".milestone", milestone_id=item.id))
    return render_template("schedule/form.html", form=form, milestone=item, outside=outside)


@bp.post("/milestones/<int:milestone_id>/delete")
def delete(milestone_id):
    """Delete a milestone and its dependencies."""
    item = db.get_or_404(Milestone, milestone_id)
    commands.delete_milestone(item, by=current_user)
    db.session.commit()
    flash(_("Milestone deleted."), "success")
    return redirect(url_for(".milestones"))


@bp.get("/gantt")
@conditional
def gantt():
    """Show the Gantt chart (or, with format=json, only its figure)."""
    filters = read_filters(request.args)
    project = Project.current()
    day = today()
    asked = request.args.get("span")
    # Built once per data version, language, day, filters and span, for every session.
    payload, listed, count, total, span_shown = cached(
        "gantt",
        lambda: _gantt_parts(filters, project, day, asked),
        day,
        tuple(sorted(filters.items())),
        asked,
    )
    notice = _span_notice(span_shown, count, total)
    if request.args.get("format") == "json":
        count_text = ngettext("%(num)d milestone", "%(num)d milestones", count)
        rest = json.dumps(
            {"count": count, "count_text": count_text, "span": span_shown, "notice": notice}
        )
        return current_app.response_class(
            f'{{"figure":{payload},{rest[1:]}', mimetype="application/json"
        )
    return render_template(
        "schedule/gantt.html",
        figure=payload,
        rows=listed,
        count=count,
        listed_at_most=LISTED_AT_MOST,
        filters=filters,
        project=project,
        zooms=_zooms(project),
        span=span_shown,
        notice=notice,
        **filter_choices(),
    )


# The Gantt lists its milestones as text below the chart up to this many; more go to the list.
LISTED_AT_MOST = 150
LISTED_FIELDS = ("id", "title", "start", "end", "status", "percent", "health", "float", "critical")


def _gantt_parts(filters: dict, project, day, asked: str | None):
    """Return the Gantt's figure JSON, the rows it lists as text (none past LISTED_AT_MOST),
    how many it draws, how many match, and the span drawn."""
    rows = load_rows(filters, day)
    span_shown = span.chosen_span(asked, len(rows))
    window = span.quarter(day) if span_shown == span.QUARTER else None
    shown = span.rows_in(rows, *window) if window else rows
    figure = gantt_figure(
        shown,
        day,
        gantt_labels(),
        dependencies=[(pred, succ) for pred, succ, _lag in dependency_pairs()],
        window=window,
        project_range=(project.start_date, project.end_date) if project else None,
    )
    fits = len(shown) <= LISTED_AT_MOST
    listed = [{name: row[name] for name in LISTED_FIELDS} for row in shown] if fits else []
    return figure_json(figure), listed, len(shown), len(rows), span_shown  # serialised once


def _span_notice(span_shown: str, shown: int, total: int) -> dict | None:
    """Return what the page says about the span drawn and the link to the other one."""
    args = {key: value for key, value in request.args.items() if key != "format"}
    if span_shown == span.QUARTER:
        return {
            "text": ngettext(
                "Showing the %(num)d milestone of the next three months, of %(total)d.",
                "Showing the %(num)d milestones of the next three months, of %(total)d.",
                shown,
                total=total,
            ),
            "link": _("Show the whole chart"),
            "href": url_for(".gantt", **{**args, "span": span.ALL}),
        }
    if total > span.ROWS_AT_ONCE:
        return {
            "text": ngettext(
                "Showing all %(num)d milestone.", "Showing all %(num)d milestones.", total
            ),
            "link": _("Show the next three months only"),
            "href": url_for(".gantt", **{**args, "span": span.QUARTER}),
        }
    return None


def _zooms(project) -> list[tuple[str, str, str, str]]:
    """Return the zoom presets as (key, label, ISO start, ISO end) around today."""
    day = today()
    presets = []
    if project is not None:
        presets.append(
            (
                "project",
                _("Whole project"),
                project.start_date,
                project.end_date + timedelta(days=1),
            )
        )
    first, last = span.quarter(day)
    presets.append(("quarter", _("Quarter"), first, last + timedelta(days=1)))
    presets.append(("month", _("Month"), day - timedelta(days=7), day + timedelta(days=24)))
    return [(key, text, start.isoformat(), end.isoformat()) for key, text, start, end in presets]


def _outside(form: MilestoneForm) -> bool:
    project = Project.current()
    if project is None:
        return False
    return outside_grant_window(
        form.current_start.data, form.current_end.data, project.start_date, project.end_date
    )


def _values(form: MilestoneForm) -> dict:
    """Return the form's fields as the milestone's values (never its version)."""
    return {name: form[name].data for name in EDIT_FIELDS}
