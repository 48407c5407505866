"""Command-line tools of the workshops feature."""

COMMANDS = []
