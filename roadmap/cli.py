"""Command-line tools: `flask --app wsgi <command>`."""

import sys
from pathlib import Path

import click
from flask import g
from flask.cli import with_appcontext
from sqlalchemy import select

from roadmap.auth.models import ROLES, User
from roadmap.auth.passwords import password_problem
from roadmap.command_line import Command
from roadmap.extensions import db


@click.command("create-user", cls=Command)
@click.argument("email")
@click.option("--name", default=None, help="Display name (defaults to the e-mail).")
@click.option("--role", type=click.Choice(ROLES), default="viewer", show_default=True)
@click.option("--language", type=click.Choice(["en", "fr"]), default=None)
@with_appcontext
def create_user(email, name, role, language):
    """Create an account; the password is read from standard input or prompted for."""
    from email_validator import EmailNotValidError, validate_email

    g.history_actor = "command line"
    email = email.strip().lower()
    try:
        validate_email(email, check_deliverability=False)
    except EmailNotValidError as error:
        raise click.ClickException(f"{email!r} is not an e-mail address: {error}") from None
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


@click.command("check", cls=Command)
@with_appcontext
def check():
    """Report weak configuration and missing dependencies; exit 1 if any."""
    from flask import current_app

    from roadmap.jobs import queue_problems
    from roadmap.mail.settings import problems as mail_problems
    from roadmap.settings_check import weaknesses
    from roadmap.system_check import dependency_problems

    config = current_app.config
    problems = (
        weaknesses(config)
        + dependency_problems(config)
        + queue_problems(config, current_app.instance_path)
        + mail_problems(config)
    )
    for problem in problems:
        click.echo(f"problem: {problem}")
    if problems:
        sys.exit(1)
    click.echo("ok: configuration and dependencies look sound")


@click.command("backup", cls=Command)
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
@with_appcontext
def backup_command(path):
    """Write a consistent copy of the SQLite database to PATH and check it."""
    from roadmap.backup import BackupError, backup

    try:
        counts = backup(db.engine, path)
    except BackupError as error:
        raise click.ClickException(str(error)) from None
    click.echo(
        f"Backed up {sum(counts.values())} rows in {len(counts)} tables to {path}; "
        "integrity check: ok."
    )


@click.command("restore", cls=Command)
@click.argument("path", type=click.Path(dir_okay=False, exists=True, path_type=Path))
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
@with_appcontext
def restore_command(path, yes):
    """Replace every row of the database with the backup at PATH (after checking it)."""
    from roadmap.backup import BackupError, integrity_problems, is_sqlite, restore

    if is_sqlite(db.engine):
        problems = integrity_problems(path)
        if problems:
            raise click.ClickException("Nothing was restored: " + "; ".join(problems))
    if not yes:
        click.confirm(
            f"This replaces ALL current data with the content of {path}. Continue?", abort=True
        )
    db.session.remove()
    try:
        counts = restore(db.engine, path)
    except BackupError as error:
        raise click.ClickException(str(error)) from None
    click.echo(f"Restored {sum(counts.values())} rows in {len(counts)} tables from {path}.")


def register(app) -> None:
    from roadmap.demo.cli import seed_demo, seed_scale
    from roadmap.digest.cli import COMMANDS as digest_commands
    from roadmap.jobs import worker
    from roadmap.posts.cli import COMMANDS as posts_commands
    from roadmap.project.cli import COMMANDS as project_commands
    from roadmap.reports.cli import COMMANDS as reports_commands
    from roadmap.workshops.cli import COMMANDS as workshops_commands

    for command in (
        create_user,
        check,
        backup_command,
        restore_command,
        seed_demo,
        seed_scale,
        worker,
        *project_commands,
        *posts_commands,
        *workshops_commands,
        *reports_commands,
        *digest_commands,
    ):
        app.cli.add_command(command)
