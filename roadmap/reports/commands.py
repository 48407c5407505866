"""Command-line tools of the reports feature."""

COMMANDS = []
