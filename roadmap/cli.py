"""Command-line tools: `flask --app wsgi <command>`."""

import sys

import click
from flask import g
from flask.cli import with_appcontext
from sqlalchemy import select

from roadmap.auth.models import ROLES, User
from roadmap.auth.passwords import password_problem
from roadmap.extensions import db


@click.command("create-user")
@click.argument("email")
@click.option("--name", default=None, help="Display name (defaults to the e-mail).")
@click.option("--role", type=click.Choice(ROLES), default="viewer", show_default=True)
@click.option("--language", type=click.Choice(["en", "fr"]), default=None)
@with_appcontext
def create_user(email, name, role, language):
    """Create an account; the password is read from standard input or prompted for."""
    g.history_actor = "command line"
    email = email.strip().lower()
    if db.session.scalar(select(User).where(User.email == email)):
        raise click.ClickException(f"An account for {email} already exists.")
    if sys.stdin.isatty():
        password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
    else:
        password = sys.stdin.readline().rstrip("\r\n")
    problem = password_problem(password)
    if problem:
        raise click.ClickException(problem)
    user = User(email=email, name=name or email, role=role, language=language)
    user.set_password(password)
    db.session.add(user)
    db.session.commit()
    click.echo(f"Created {role} account {email}.")


@click.command("check")
@with_appcontext
def check():
    """Report weak configuration and missing dependencies; exit 1 if any."""
    from flask import current_app

    from roadmap.settings_check import weaknesses
    from roadmap.system_check import dependency_problems

    problems = weaknesses(current_app.config) + dependency_problems(current_app.config)
    for problem in problems:
        click.echo(f"problem: {problem}")
    if problems:
        sys.exit(1)
    click.echo("ok: configuration and dependencies look sound")


def register(app) -> None:
    from roadmap.api.commands import COMMANDS as api_commands
    from roadmap.demo.commands import seed_demo
    from roadmap.posts.commands import COMMANDS as posts_commands
    from roadmap.reports.commands import COMMANDS as reports_commands
    from roadmap.schedule.commands import COMMANDS as schedule_commands
    from roadmap.workshops.commands import COMMANDS as workshops_commands

    for command in (
        create_user,
        check,
        seed_demo,
        *schedule_commands,
        *posts_commands,
        *workshops_commands,
        *reports_commands,
        *api_commands,
    ):
        app.cli.add_command(command)
