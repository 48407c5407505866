"""Command-line tools of the workshops feature."""

import click
from flask.cli import with_appcontext

from roadmap.clock import today
from roadmap.command_line import Command
from roadmap.workshops.summary import followup_summary


@click.command("followup", cls=Command)
@with_appcontext
def followup():
    """Print how the workshop outcomes stand and list the overdue ones."""
    summary = followup_summary(today())
    share = summary["implemented_percent"]
    click.echo(f"outcomes: {summary['total']}")
    for status, count in summary["by_status"].items():
        click.echo(f"  {status}: {count}")
    click.echo("implemented: " + ("n/a" if share is None else f"{share:.0f} %"))
    click.echo(f"overdue: {summary['overdue_count']}")
    for row in summary["overdue"]:
        click.echo(
            f"  #{row['id']} due {row['due_date'].isoformat()} ({row['days_overdue']} days late), "
            f"{row['responsible']}: {row['text'][:70]}"
        )


COMMANDS = [followup]
