"""Planning views: dependencies between milestones and the approved baseline."""

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from sqlalchemy import select

from roadmap import history
from roadmap.auth.access import editor_only
from roadmap.extensions import db
from roadmap.schedule import bp
from roadmap.schedule.forms import BaselineForm, DependencyForm
from roadmap.schedule.milestone_page import has_baseline as _has_baseline
from roadmap.schedule.milestone_page import load_milestone, show_milestone
from roadmap.schedule.models import Milestone, MilestoneDependency
from roadmap.schedule.queries import dependency_pairs, reschedule
from roadmap.schedule.scheduling import find_cycle


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
    predecessor_id = form.predecessor
    existing = [(pred, succ) for pred, succ, _lag in dependency_pairs()]
    if (predecessor_id, item.id) in existing:
        form.predecessor_id.errors.append(_("This dependency already exists."))
        return show_milestone(item, form, 422)
    cycle = find_cycle(existing, (predecessor_id, item.id))
    if cycle:
        titles = dict(
            db.session.execute(
                select(Milestone.id, Milestone.title).where(Milestone.id.in_(cycle))
            ).all()
        )
        form.predecessor_id.errors.append(
            _(
                "Refused: this dependency would make a cycle: %(cycle)s.",
                cycle=" → ".join(titles.get(node, str(node)) for node in cycle),
            )
        )
        return show_milestone(item, form, 422)
    db.session.add(
        MilestoneDependency(
            predecessor_id=predecessor_id, successor_id=item.id, lag_days=form.lag_days.data
        )
    )
    db.session.flush()
    pushes = reschedule([predecessor_id])
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
    db.session.delete(link)
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
        reason = (form.reason.data or "").strip()
        if rebaseline and not reason:
            form.reason.errors.append(_("Give the reason for changing the approved plan."))
        else:
            history.set_reason(db.session, reason or _("First baseline"))
            count = 0
            for item in db.session.scalars(select(Milestone)):
                item.baseline_start, item.baseline_end = item.current_start, item.current_end
                count += 1
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
