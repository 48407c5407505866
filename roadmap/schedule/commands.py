"""Command-line tools of the schedule feature."""

COMMANDS = []
