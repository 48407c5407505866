"""`flask init-project`: set up the installation's own project (instead of the demo)."""

import click
from flask import g
from flask.cli import with_appcontext

from roadmap.command_line import Command
from roadmap.project.commands import ORGANISATION_TYPES

DATE = click.DateTime(formats=["%Y-%m-%d"])
ORG_TYPE = click.Choice(sorted(ORGANISATION_TYPES))


def one_line(errors: dict) -> str:
    """Join a refusal's field errors into one line, naming each option."""
    return "; ".join(
        f"--{name.replace('_', '-')}: {' '.join(messages)}" for name, messages in errors.items()
    )


@click.command("init-project", cls=Command)
@click.option("--name", required=True, help="The project's full name.")
@click.option("--code", required=True, help="A short code, e.g. IOM-NE-CBM-2027.")
@click.option("--donor", required=True, help="The funding organisation's name.")
@click.option("--implementing-org", required=True, help="The implementing organisation's name.")
@click.option("--start", "start_date", type=DATE, required=True, help="First day, YYYY-MM-DD.")
@click.option("--end", "end_date", type=DATE, required=True, help="Last day, YYYY-MM-DD.")
@click.option(
    "--country", "countries", multiple=True, help="ISO 3166-1 alpha-3 code; repeat for several."
)
@click.option("--currency", default="USD", show_default=True, help="ISO 4217 code, e.g. XOF.")
@click.option("--budget", type=click.FloatRange(min=0), default=None, help="Total budget.")
@click.option("--iati-identifier", default=None, help="The activity's IATI identifier.")
@click.option("--reporting-org-ref", default=None, help="IATI identifier of the implementer.")
@click.option("--reporting-org-type", type=ORG_TYPE, default=None, help="IATI type code, e.g. 40.")
@click.option("--funding-org-ref", default=None, help="IATI identifier of the donor.")
@click.option("--funding-org-type", type=ORG_TYPE, default=None, help="IATI type code, e.g. 10.")
@click.option("--summary", default="", help="A paragraph on what the project does.")
@click.option(
    "--workstream",
    "workstreams",
    multiple=True,
    help="A group of milestones, in order; repeat for several (milestones need one).",
)
@with_appcontext
def init_project(workstreams, **options):
    """Create the installation's project; refuse when one is already set up."""
    from decimal import Decimal

    from roadmap.commands import Invalid, commit
    from roadmap.project import commands
    from roadmap.schedule.models import Project

    existing = Project.current()
    if existing is not None:
        raise click.ClickException(
            f"A project is already set up ({existing.code}); an administrator changes it on "
            "the Project settings page."
        )
    g.history_actor = "command line"
    values = dict(options)
    values["start_date"] = options["start_date"].date()
    values["end_date"] = options["end_date"].date()
    values["countries"] = [code.strip().upper() for code in options["countries"]]
    values["currency"] = options["currency"].strip().upper()
    if options["budget"] is not None:
        values["budget"] = Decimal(str(options["budget"])).quantize(Decimal("0.01"))
    try:
        project = commands.set_up_project(values, list(workstreams), by=None)
        commit(project)
    except Invalid as refused:
        raise click.ClickException(one_line(refused.errors)) from None
    click.echo(
        f"Created the project {project.code} ({project.start_date.isoformat()} to "
        f"{project.end_date.isoformat()}, {project.currency}, {len(workstreams)} workstreams). "
        "Next: `flask --app wsgi create-user EMAIL --role admin`, then sign in."
    )


COMMANDS = [init_project]
