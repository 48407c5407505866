"""Planning views: dependencies between milestones and the approved baseline."""

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user

from roadmap.auth.access import editor_only
from roadmap.commands import Invalid
from roadmap.extensions import db
from roadmap.form_errors import show_refusal
from roadmap.schedule import bp, commands
from roadmap.schedule.forms import BaselineForm, DependencyForm
from roadmap.schedule.milestone_page import load_milestone, show_milestone
from roadmap.schedule.models import MilestoneDependency
from roadmap.schedule.queries import has_baseline as _has_baseline


@bp.post("/milestones/<int:milestone_id>/dependencies")
def add_dependency(milestone_id):
    """Make another milestone a predecessor of this one, refusing cycles.

    A refused dependency shows the milestone's page again (422) with the reason
    beside the field and what was typed still in it; nothing is written.
    """
    item = load_milestone(milestone_id)
    form = DependencyForm(successor=item)
    if not form.validate_on_submit():
        return show_milestone(item, form, 422)
    try:
        pushes = commands.add_dependency(
            item, form.predecessor, lag_days=form.lag_days.data, by=current_user
        )
    except Invalid as refused:
        show_refusal(form, refused)
        return show_milestone(item, form, 422)
    db.session.commit()
    flash(_("Dependency added."), "success")
    if pushes:
        flash(
            ngettext(
                "%(num)d milestone was pushed later.",
                "%(num)d milestones were pushed later.",
                len(pushes),
            ),
            "info",
        )
    return redirect(url_for(".milestone", milestone_id=item.id))


@bp.post("/milestones/<int:milestone_id>/dependencies/<int:dependency_id>/delete")
def remove_dependency(milestone_id, dependency_id):
    """Remove a dependency of this milestone."""
    link = db.get_or_404(MilestoneDependency, dependency_id)
    if milestone_id not in (link.predecessor_id, link.successor_id):
        abort(404)
    commands.remove_dependency(link, by=current_user)
    db.session.commit()
    flash(_("Dependency removed."), "success")
    return redirect(url_for(".milestone", milestone_id=milestone_id))


@bp.route("/milestones/baseline", methods=["GET", "POST"])
@editor_only
def set_baseline():
    """Copy every milestone's current dates to its baseline; re-baselining needs a reason."""
    form = BaselineForm()
    rebaseline = _has_baseline()
    if form.validate_on_submit():
        try:
            count = commands.set_baseline(reason=form.reason.data, by=current_user)
        except Invalid as refused:
            show_refusal(form, refused)
        else:
            db.session.commit()
            flash(
                ngettext(
                    "Baseline set for %(num)d milestone.",
                    "Baseline set for %(num)d milestones.",
                    count,
                ),
                "success",
            )
            return redirect(url_for(".milestones"))
    return render_template("schedule/baseline.html", form=form, rebaseline=rebaseline)
