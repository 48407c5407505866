"""`flask send-digest`: queue this week's digests and deliver them."""

from datetime import date

import click
from flask import g
from flask.cli import with_appcontext

from roadmap.clock import today as pinned_today
from roadmap.command_line import Command


def _day(_ctx, _param, value):
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a day written YYYY-MM-DD.") from None


@click.command("send-digest", cls=Command)
@click.option("--dry-run", is_flag=True, help="Say who would get what; send and change nothing.")
@click.option("--today", "day", callback=_day, metavar="YYYY-MM-DD", help="Default: today.")
@with_appcontext
def send_digest(dry_run, day):
    """Send this week's digest to each user who wants it and has not had it this week."""
    from roadmap.digest.commands import plan_digests
    from roadmap.digest.jobs import send_digests
    from roadmap.mail.settings import MailSettingsError

    g.history_actor = "command line"
    day = day or pinned_today()
    try:
        if dry_run:
            planned = plan_digests(day)
        else:
            planned, delivered = send_digests(day)
    except MailSettingsError as error:
        raise click.ClickException(str(error)) from None
    for each in planned:
        verb = "would get" if dry_run else "queued for"
        click.echo(
            f"{each.user.email} ({each.rendered.language}) {verb} {each.digest.count} items: "
            f"{each.rendered.subject}"
        )
    if dry_run and planned:
        digest = planned[0].digest  # the same items for everyone, each in their language
        for item in (*digest.overdue, *digest.due_soon, *digest.outcomes, *digest.quiet_posts):
            click.echo(f"  - {item.title[:80]} {item.url}")
        if digest.report is not None:
            click.echo(f"  - report {digest.report.title} {digest.report.url}")
    if dry_run:
        click.echo(f"Dry run: {len(planned)} digests for the week of {day}; nothing was sent.")
        return
    click.echo(
        f"{len(planned)} digests queued for the week of {day}; {delivered['sent']} mails sent, "
        f"{delivered['deferred']} left for a later try, {delivered['failed']} failed."
    )
    if delivered["deferred"] or delivered["failed"]:
        click.echo("Some mails were not delivered: see the log for why.", err=True)


COMMANDS = [send_digest]
