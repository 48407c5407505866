"""Views of the reports feature: the list of months, a report, its files, issuing."""

from flask import (
    abort,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import selectinload

from roadmap.caching import cached
from roadmap.charts import figure_json
from roadmap.clock import today
from roadmap.commands import Stale
from roadmap.conditional import conditional
from roadmap.extensions import db
from roadmap.locking import StaleEdit, flash_merge, reconcile, start_form
from roadmap.months import Month
from roadmap.reports import bp, builds, commands, issuing
from roadmap.reports.corrections import shown
from roadmap.reports.figures import gantt_window, report_figures
from roadmap.reports.forms import IssueForm, NarrativeForm
from roadmap.reports.models import MonthlyReport, ReportVersion
from roadmap.schedule.models import Project

bp.add_app_template_global(gantt_window)


def project_or_404():
    """Return the project, or 404 when none is set up."""
    project = Project.current()
    if project is None:
        abort(404)
    return project


def month_or_404(month: Month) -> Month:
    """Return the month when it is one the project reports on, else 404."""
    project = project_or_404()
    if month not in Month.span(project.start_date, project.end_date):
        abort(404)
    return month


def language() -> str:
    """Return the language the request is answered in (en or fr)."""
    return str(get_locale() or "en")[:2]


def _state(record: MonthlyReport | None) -> str:
    if record is None:
        return "not_started"
    return "issued" if record.versions else "draft"


@bp.get("/reports")
def index():
    """List the project's months with the state of their reports."""
    project = project_or_404()
    # Versions and who issued them in two queries, however many months are issued.
    query = db.select(MonthlyReport).options(
        selectinload(MonthlyReport.versions).joinedload(ReportVersion.issued_by)
    )
    records = {r.month: r for r in db.session.scalars(query)}
    rows = [
        {
            "month": month,
            "first_day": month.start,
            "record": records.get(month),
            "state": _state(records.get(month)),
        }
        for month in Month.span(project.start_date, project.end_date)
    ]
    return render_template("reports/index.html", rows=rows, project=project)


def page_figures(month: Month, day, data: dict) -> dict:
    """Return the report page's figures as JSON, built once per data version and language."""
    return cached(
        "report_figures",
        lambda: {name: figure_json(fig) for name, (fig, _w, _h) in report_figures(data).items()},
        month,
        day,
    )


@bp.route("/reports/<month:month>", methods=["GET", "POST"])
@conditional
def report(month):
    """Show a month's report; let a manager save its narrative."""
    month = month_or_404(month)
    record = issuing.report_record(month)
    # On POST the form is built from the request only (a missing version stays missing).
    form = NarrativeForm() if request.method == "POST" else NarrativeForm(obj=record)
    fields = issuing.NARRATIVE_FIELDS
    if request.method == "POST":
        retry_url = url_for("reports.report", month=month)
        merge = reconcile(record, form, fields, retry_url=retry_url) if record else None
        if form.validate_on_submit():
            try:
                commands.save_narrative(
                    month,
                    {f: form[f].data for f in issuing.NARRATIVE_FIELDS},
                    by=current_user,
                    expected_version=form.version.data,
                )
            except Stale:
                raise StaleEdit(
                    record,
                    fields=[(f, form[f].label.text) for f in issuing.NARRATIVE_FIELDS],
                    submitted={f: form[f].data for f in issuing.NARRATIVE_FIELDS},
                    retry_url=url_for("reports.report", month=month),
                ) from None
            db.session.commit()
            flash(_("The narrative is saved."), "success")
            flash_merge(merge, form)
            return redirect(url_for("reports.report", month=month))
    elif record is not None:
        start_form(form, record, fields)
    day = today()
    data = issuing.build_report(month, day)
    figures = page_figures(month, day, data)
    latest = record.latest if record else None
    narrative = issuing.narrative_of(latest or record, language())
    corrections = [shown(c) for c in issuing.corrections_since(month, latest)]
    return render_template(
        "reports/report.html",
        report=data,
        narrative=narrative,
        figures=figures,
        form=form,
        issue_form=IssueForm(),
        record=record,
        latest=latest,
        corrections=corrections,
        state=_state(record),
    )


@bp.post("/reports/<month:month>/issue")
def issue(month):
    """Issue the month's report, or a corrected version of it."""
    month = month_or_404(month)
    form = IssueForm()
    if not form.validate_on_submit():
        flash(
            _(
                "The report was not issued: %(errors)s",
                errors=" ".join(e for errs in form.errors.values() for e in errs),
            ),
            "danger",
        )
        return redirect(url_for("reports.report", month=month))
    try:
        version = commands.issue_report(
            month,
            by=current_user,
            reason=form.reason.data,
            reason_fr=form.reason_fr.data,
            today=today(),
        )
        db.session.commit()
        number = version.number
        build_ids = [build.id for build in commands.request_files(version, today())]
        db.session.commit()
    except commands.ReasonRequired:
        db.session.rollback()
        flash(_("Say why the issued report is corrected."), "danger")
        return redirect(url_for("reports.report", month=month))
    except commands.MonthNotOver:
        db.session.rollback()
        flash(_("A report can be issued once its month has ended."), "danger")
        return redirect(url_for("reports.report", month=month))
    except IntegrityError:
        db.session.rollback()
        abort(409)
    builds.enqueue(build_ids)  # the files are made by the worker, after the commit
    flash(_("Version %(n)d of the report is issued.", n=number), "success")
    return redirect(url_for("reports.report", month=month))
