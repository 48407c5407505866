"""The results pages: the framework's table, an indicator, its targets and actuals."""

from datetime import date

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from roadmap.caching import cached
from roadmap.clock import today
from roadmap.commands import Invalid, Stale, commit
from roadmap.extensions import db
from roadmap.form_errors import show_refusal
from roadmap.locking import StaleEdit
from roadmap.results import bp, commands, pages
from roadmap.results.forms import TargetForm, actual_form, number_or_none
from roadmap.results.framework import framework
from roadmap.results.models import Indicator
from roadmap.schedule.models import Project

# The monthly report names its periods as the results pages do.
bp.add_app_template_global(pages.period_label, "indicator_period")


def get_indicator(indicator_id: int) -> Indicator:
    return db.get_or_404(Indicator, indicator_id)


def indicator_data(indicator_id: int) -> dict:
    for result in framework(today()):
        for row in result["indicators"]:
            if row["id"] == indicator_id:
                return row
    abort(404)


@bp.get("/results")
def index():
    """Show every result with its indicators: baseline, target, actual and status."""
    results = framework(today())
    charts = cached(
        "results_charts",
        lambda: {i["id"]: pages.indicator_chart(i) for r in results for i in r["indicators"]},
        today(),
    )
    return render_template("results/index.html", results=results, charts=charts, pages=pages)


def period_choices(row: dict) -> list[tuple[str, str]]:
    return [
        (p["start"].isoformat(), pages.period_label(p, row["period_kind"])) for p in row["periods"]
    ]


def project_countries() -> list[str]:
    project = Project.current()
    return list(project.countries or []) if project else []


def versions_seen(row: dict, key: str) -> str:
    """Return the versions of the period records the page shows, as its forms carry them."""
    return ",".join(f"{p['start'].isoformat()}={p[key]}" for p in row["periods"] if p[key])


def version_sent(form, period: date | None) -> str | None:
    """Return the version the form saw of the chosen period's record (None: none then)."""
    for pair in (form.version.data or "").split(","):
        start, _sep, version = pair.partition("=")
        if period is not None and start == period.isoformat():
            return version
    return None


def render_indicator(indicator_id: int, target_form=None, form=None, status=200):
    row = indicator_data(indicator_id)
    if current_user.can_edit:
        target_form = target_form or TargetForm()
        target_form.period_start.choices = period_choices(row)
        target_form.version.data = versions_seen(row, "target_version")
        if row["source"] == "manual":
            form = form or actual_form(project_countries())
            form.period_start.choices = period_choices(row)
            form.version.data = versions_seen(row, "actual_version")
    return (
        render_template(
            "results/indicator.html",
            indicator=row,
            figure=pages.indicator_chart(row, height=320),
            target_form=target_form,
            form=form,
            countries=project_countries(),
            pages=pages,
        ),
        status,
    )


@bp.get("/results/indicators/<int:indicator_id>")
def indicator(indicator_id):
    """Show an indicator's periods, chart and split by sex and country."""
    return render_indicator(indicator_id)


def chosen_period(form) -> date | None:
    try:
        return date.fromisoformat(form.period_start.data or "")
    except ValueError:
        return None


@bp.post("/results/indicators/<int:indicator_id>/targets")
def set_target(indicator_id):
    """Set, change or clear the target of one period."""
    indicator = get_indicator(indicator_id)
    row = indicator_data(indicator_id)
    form = TargetForm()
    form.period_start.choices = period_choices(row)
    if form.validate_on_submit():
        try:
            period = chosen_period(form)
            commands.set_target(
                indicator,
                period,
                number_or_none(form.value.data),
                by=current_user,
                expected_version=version_sent(form, period),
            )
            commit(indicator)
        except Stale as stale:
            db.session.rollback()
            raise StaleEdit(
                stale.record, retry_url=url_for(".indicator", indicator_id=indicator_id)
            ) from None
        except Invalid as refused:
            db.session.rollback()
            show_refusal(form, refused)
        else:
            flash(_("Target saved."), "success")
            return redirect(url_for(".indicator", indicator_id=indicator_id))
    return render_indicator(indicator_id, target_form=form, status=422)


def split_fields(countries: list[str]) -> dict:
    """Return the field that carries a split's message: the first of its group."""
    fields = {"breakdown_sex": "breakdown_female"}
    if countries:
        fields["breakdown_country"] = f"breakdown_country_{countries[0]}"
    return fields


@bp.post("/results/indicators/<int:indicator_id>/actuals")
def record_actual(indicator_id):
    """Record or correct the actual of one period, with its split."""
    indicator = get_indicator(indicator_id)
    row = indicator_data(indicator_id)
    if indicator.computed:
        abort(404)
    countries = project_countries()
    form = actual_form(countries)
    form.period_start.choices = period_choices(row)
    if form.validate_on_submit():
        breakdown = {}
        if indicator.by_sex:
            breakdown["sex"] = {
                sex: number_or_none(form[f"breakdown_{sex}"].data) for sex in ("female", "male")
            }
        if indicator.by_country:
            breakdown["country"] = {
                code: number_or_none(form[f"breakdown_country_{code}"].data) for code in countries
            }
        period = chosen_period(form)
        try:
            commands.record_actual(
                indicator,
                period,
                {
                    "value": number_or_none(form.value.data),
                    "effective_on": form.effective_on.data,
                    "source": form.source.data,
                    "comment": form.comment.data,
                    "breakdown": breakdown,
                },
                by=current_user,
                today=today(),
                expected_version=version_sent(form, period),
            )
            commit(indicator)
        except Stale as stale:
            db.session.rollback()
            raise StaleEdit(
                stale.record, retry_url=url_for(".indicator", indicator_id=indicator_id)
            ) from None
        except Invalid as refused:
            db.session.rollback()
            show_refusal(form, refused, split_fields(countries))
        else:
            flash(_("Actual saved."), "success")
            return redirect(url_for(".indicator", indicator_id=indicator_id))
    return render_indicator(indicator_id, form=form, status=422)
