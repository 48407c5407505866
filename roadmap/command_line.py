"""Commands that answer bad input with one line and exit code 1, never a traceback.

Every `flask` command of the app is made with `cls=Command`. Click itself would answer a
usage mistake with the usage, a hint and exit code 2; a database that is not there or not
migrated, or a file that cannot be written, would end in a traceback.
"""

import click
from sqlalchemy.exc import SQLAlchemyError


def database_reason(error: SQLAlchemyError) -> str:
    """Say in one line why the database refused, as start-up and /healthz would."""
    from flask import current_app

    from roadmap.extensions import db
    from roadmap.readiness import database_problem

    db.session.rollback()
    migrate = current_app.extensions["migrate"]
    problem = database_problem(db.engine, migrate.directory)
    if problem:
        return problem
    detail = str(getattr(error, "orig", None) or error).strip().splitlines()
    return f"The database refused the change: {detail[0] if detail else error.__class__.__name__}"


def file_reason(error: OSError) -> str:
    where = f": {error.filename}" if error.filename else ""
    return f"{error.strerror or error}{where}"


class Command(click.Command):
    """A click command whose every failure is one line naming the problem, and exit code 1."""

    def parse_args(self, ctx, args):
        try:
            return super().parse_args(ctx, args)
        except click.UsageError as error:
            raise click.ClickException(error.format_message()) from None

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except click.UsageError as error:  # a BadParameter raised by the command itself
            raise click.ClickException(error.format_message()) from None
        except SQLAlchemyError as error:
            raise click.ClickException(database_reason(error)) from None
        except OSError as error:
            raise click.ClickException(file_reason(error)) from None
