"""Workstreams, milestones, dependencies, baseline and the Gantt chart."""

from flask import Blueprint

from roadmap.schedule.window import extension_warning

bp = Blueprint("schedule", __name__)

__all__ = ["bp", "extension_warning"]

# The routes, imported last: their modules take `bp` from here.
from roadmap.schedule import exchange, moves, plan_views, views  # noqa: E402,F401
