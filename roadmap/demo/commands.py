"""`flask seed-demo`: load the demo project."""

from datetime import date

import click
from flask import g
from flask.cli import with_appcontext


@click.command("seed-demo")
@click.option(
    "--start",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default=None,
    help="Shift the whole demo so the project starts on this date (default 2026-03-01).",
)
@with_appcontext
def seed_demo(start):
    """Load the demo project unless it is already there; print the demo accounts."""
    from roadmap.demo.seed import DEMO_START, load_demo

    g.history_actor = "demo loader"
    start_date = start.date() if start else DEMO_START
    created, accounts = load_demo(start_date)
    if created:
        click.echo(f"Loaded the demo project starting {start_date.isoformat()}.")
    else:
        click.echo("The demo project is already loaded; nothing changed.")
    click.echo("Demo accounts (e-mail / password / role):")
    for email, password, role in accounts:
        click.echo(f"  {email} / {password} / {role}")


__all__ = ["seed_demo", "date"]
