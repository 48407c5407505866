"""Command-line tools of the posts feature: import and export the posts file."""

from pathlib import Path

import click
from flask import g
from flask.cli import with_appcontext

from roadmap.command_line import Command
from roadmap.extensions import db


@click.command("import-posts", cls=Command)
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@with_appcontext
def import_posts(path):
    """Import border posts from a CSV file: every row, or none if any row is wrong."""
    from flask import current_app

    from roadmap.clock import today
    from roadmap.posts import commands, csvio, importing

    g.history_actor = "command line"
    limit = current_app.config.get("MAX_CONTENT_LENGTH")
    if limit and path.stat().st_size > limit:
        raise click.ClickException(
            f"{path.name} is larger than the {limit // (1024 * 1024)} MiB limit."
        )
    existing = importing.existing_posts()
    try:
        parsed = importing.read(path.read_bytes(), existing)
    except csvio.CsvError as error:
        raise click.ClickException(str(error)) from None
    if parsed.problems:
        for problem in parsed.problems:
            column = f" column {problem.column}" if problem.column else ""
            click.echo(f"line {problem.line}{column}: {problem.message}", err=True)
        raise click.ClickException(
            f"{len(parsed.problems)} problem(s) found; nothing was imported."
        )
    result = commands.import_posts(parsed, existing, source=path.name, by=None, today=today())
    db.session.commit()
    click.echo(
        f"Imported {path.name} ({parsed.encoding}, delimiter {parsed.delimiter!r}): "
        f"{result.created} created, {result.updated} updated, {result.unchanged} unchanged."
    )


@click.command("export-posts", cls=Command)
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Write to this file instead of standard output.",
)
@with_appcontext
def export_posts(output):
    """Write every border post as CSV, in the form import-posts reads back."""
    from roadmap.posts import csvio, importing

    data = csvio.encode(importing.export_text())
    if output is None:
        click.echo(data, nl=False)
    else:
        output.write_bytes(data)
        click.echo(f"Wrote {output}.", err=True)


COMMANDS = [import_posts, export_posts]
