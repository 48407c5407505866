"""Command-line tools of the api feature."""

COMMANDS = []
