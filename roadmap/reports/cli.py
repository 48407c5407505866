"""Command-line tools of the reports feature."""

import click
from flask import current_app
from flask.cli import with_appcontext
from flask_babel import force_locale

from roadmap.clock import today
from roadmap.command_line import Command


@click.command("report", cls=Command)
@click.argument("month")
@click.option(
    "--format", "fmt", type=click.Choice(["pdf", "xlsx", "html"]), default="pdf", show_default=True
)
@click.option(
    "--output", type=click.Path(dir_okay=False, writable=True), required=True, help="File to write."
)
@click.option("--lang", type=click.Choice(["en", "fr"]), default="en", show_default=True)
@with_appcontext
def report(month, fmt, output, lang):
    """Write a month's report (YYYY-MM): the issued file once issued, else the draft."""
    from roadmap.months import Month
    from roadmap.reports import issuing
    from roadmap.reports.pdf import render_document
    from roadmap.schedule.models import Project

    project = Project.current()
    if project is None:
        raise click.ClickException("No project is set up.")
    try:
        month = Month.parse(month)
    except ValueError as error:
        raise click.ClickException(str(error)) from None
    if month not in Month.span(project.start_date, project.end_date):
        raise click.ClickException(f"{month} is not a YYYY-MM month of the project.")
    # Templates and forms expect a request; a blank one stands in for it. A command is
    # not a request: an issued file not built yet is made here, from the version's content.
    with current_app.test_request_context(f"/reports/{month}"), force_locale(lang):
        record = issuing.report_record(month)
        latest = record.latest if record else None
        if fmt == "html":
            data = render_document(
                issuing.build_report(month, today()),
                issuing.narrative_of(latest or record, lang),
                issuing.version_info(latest, lang),
                standalone=True,
            ).encode("utf-8")
        elif latest is not None:
            stored = issuing.file_of(latest, fmt, lang)
            data = stored.content if stored else issuing.version_bytes(latest, fmt, lang)
        else:
            data = issuing.draft_bytes(month, fmt, lang, today())
    with open(output, "wb") as handle:
        handle.write(data)
    click.echo(f"Wrote {output} ({len(data)} bytes).")


COMMANDS = [report]
