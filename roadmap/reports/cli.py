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
    # Templates and forms expect a request; a blank one stands in for it.
    with current_app.test_request_context(f"/reports/{month}"), force_locale(lang):
        record = issuing.report_record(month)
        stored = issuing.stored_file(record, fmt, lang) if record and fmt != "html" else None
        if stored is not None:
            data = stored.content
        elif fmt == "html":
            latest = record.latest if record else None
            data = render_document(
                issuing.build_report(month, today()),
                issuing.narrative_of(latest or record),
                issuing.version_info(latest),
                standalone=True,
            ).encode("utf-8")
        else:
            data_report = issuing.build_report(month, today())
            data = issuing.render(fmt, data_report, issuing.narrative_of(record))
    with open(output, "wb") as handle:
        handle.write(data)
    click.echo(f"Wrote {output} ({len(data)} bytes).")


COMMANDS = [report]
