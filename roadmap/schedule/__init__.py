"""Workstreams, milestones, dependencies, baseline and the Gantt chart."""

from roadmap.schedule.window import extension_warning

__all__ = ["extension_warning"]
