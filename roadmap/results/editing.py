"""The pages where managers define results and indicators; viewers never reach them."""

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from roadmap.auth.access import editor_only
from roadmap.commands import Invalid, Stale, commit
from roadmap.extensions import db
from roadmap.form_errors import show_refusal
from roadmap.locking import StaleEdit
from roadmap.results import bp, commands
from roadmap.results.forms import IndicatorForm, ResultForm
from roadmap.results.models import Indicator, Result

# The command's field name where the form's differs.
INDICATOR_FIELDS = {"cumulative": "target_kind"}


def save(form, apply, record, retry_url: str, done_url, fields=None):
    """Apply a command from a valid form; return a redirect, or None to show the form again."""
    if not form.validate_on_submit():
        return None
    try:
        saved = apply()
        commit(saved)
    except Stale as stale:
        db.session.rollback()
        raise StaleEdit(stale.record or record, retry_url=retry_url) from None
    except Invalid as refused:
        db.session.rollback()
        show_refusal(form, refused, fields)
        return None
    flash(_("Saved."), "success")
    return redirect(done_url(saved))


def page(template_title: str, form, action: str, status: int, removal=None):
    """The result or indicator form; `removal` is (URL, record, button, help) when editing."""
    return (
        render_template(
            "results/edit.html", title=template_title, form=form, action=action, removal=removal
        ),
        status,
    )


@bp.route("/results/new", methods=["GET", "POST"])
@editor_only
def new_result():
    """Add a result (an output or an outcome) to the framework."""
    form = ResultForm()
    done = save(
        form,
        lambda: commands.create_result(
            {
                "level": form.level.data,
                "title_en": form.title_en.data,
                "title_fr": form.title_fr.data,
            },
            by=current_user,
        ),
        None,
        url_for(".new_result"),
        lambda result: url_for(".index", _anchor=f"result-{result.id}"),
    )
    status = 422 if request.method == "POST" else 200
    return done or page(_("New result"), form, url_for(".new_result"), status)


@bp.route("/results/<int:result_id>/edit", methods=["GET", "POST"])
@editor_only
def edit_result(result_id):
    """Change a result's level or titles."""
    result = db.get_or_404(Result, result_id)
    form = ResultForm() if request.method == "POST" else ResultForm(obj=result)
    here = url_for(".edit_result", result_id=result_id)

    def apply():
        changes = {name: form[name].data for name in commands.RESULT_FIELDS}
        commands.update_result(result, changes, by=current_user, expected_version=form.version.data)
        return result

    done = save(form, apply, result, here, lambda r: url_for(".index", _anchor=f"result-{r.id}"))
    status = 422 if request.method == "POST" else 200
    removal = (
        url_for(".delete_result", result_id=result.id),
        result,
        _("Remove this result"),
        _("For a result added by mistake: remove its indicators first."),
    )
    return done or page(_("Edit the result"), form, here, status, removal)


@bp.route("/results/<int:result_id>/indicators/new", methods=["GET", "POST"])
@editor_only
def new_indicator(result_id):
    """Add an indicator to a result."""
    result = db.get_or_404(Result, result_id)
    form = IndicatorForm()
    here = url_for(".new_indicator", result_id=result_id)
    done = save(
        form,
        lambda: commands.create_indicator(result, form.values(), by=current_user),
        None,
        here,
        lambda indicator: url_for(".indicator", indicator_id=indicator.id),
        INDICATOR_FIELDS,
    )
    status = 422 if request.method == "POST" else 200
    return done or page(
        _("New indicator of %(result)s", result=result.title_en), form, here, status
    )


@bp.route("/results/indicators/<int:indicator_id>/edit", methods=["GET", "POST"])
@editor_only
def edit_indicator(indicator_id):
    """Change an indicator's definition, baseline, periods or splits."""
    indicator = db.get_or_404(Indicator, indicator_id)
    form = IndicatorForm()
    if request.method == "GET":
        form.show(indicator)
    here = url_for(".edit_indicator", indicator_id=indicator_id)

    def apply():
        commands.update_indicator(
            indicator, form.values(), by=current_user, expected_version=form.version.data
        )
        return indicator

    done = save(
        form,
        apply,
        indicator,
        here,
        lambda i: url_for(".indicator", indicator_id=i.id),
        INDICATOR_FIELDS,
    )
    status = 422 if request.method == "POST" else 200
    removal = (
        url_for(".delete_indicator", indicator_id=indicator.id),
        indicator,
        _("Remove this indicator"),
        _(
            "For an indicator defined by mistake: its targets go with it; actuals typed in must be removed first, on the indicator's page."
        ),
    )
    title = _("Edit the indicator %(code)s", code=indicator.code)
    return done or page(title, form, here, status, removal)
