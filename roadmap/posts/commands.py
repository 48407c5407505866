"""Command-line tools of the posts feature."""

COMMANDS = []
