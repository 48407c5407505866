"""A milestone's page, shown by its own view and again by the forms it refuses (422)."""

from flask import render_template
from flask_login import current_user
from sqlalchemy.orm import joinedload, selectinload

from roadmap.clock import today
from roadmap.extensions import db
from roadmap.history_views import history_query
from roadmap.schedule.forms import DependencyForm, predecessor_suggestions
from roadmap.schedule.models import Milestone, MilestoneDependency, Project
from roadmap.schedule.window import extension_warning


def load_milestone(milestone_id) -> Milestone:
    """Return the milestone and everything its page shows, or answer 404."""
    # Loaded up front: the count of queries stays the same however many
    # dependencies, outcomes or links the milestone has.
    return db.get_or_404(
        Milestone,
        milestone_id,
        options=[
            joinedload(Milestone.workstream),
            joinedload(Milestone.pushed_by),
            joinedload(Milestone.post),
            joinedload(Milestone.workshop),
            selectinload(Milestone.outcomes),
            selectinload(Milestone.predecessor_links).joinedload(MilestoneDependency.predecessor),
            selectinload(Milestone.successor_links).joinedload(MilestoneDependency.successor),
        ],
    )


def show_milestone(item: Milestone, form: DependencyForm | None = None, status: int = 200):
    """Render a milestone's page; `form`, a refused dependency, shows its errors and input."""
    project = Project.current()
    form = form or DependencyForm(successor=item, formdata=None)
    # Only an editor sees the form, and its suggestions are a fixed few at any size.
    suggestions = predecessor_suggestions(item) if current_user.can_edit else []
    entries = db.session.scalars(history_query("milestone", item.id).limit(100)).all()
    return render_template(
        "schedule/milestone.html",
        milestone=item,
        health=item.health(today()),
        dependency_form=form,
        suggestions=suggestions,
        entries=entries,
        extension_due=bool(project and extension_warning(project.end_date, today())),
        project=project,
    ), status
