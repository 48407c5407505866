"""`flask seed-demo` loads the demo project; `flask seed-scale` a large generated one."""

from datetime import date

import click
from flask import g
from flask.cli import with_appcontext

from roadmap.command_line import Command


@click.command("seed-demo", cls=Command)
@click.option(
    "--start",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default=None,
    help="Shift the whole demo so the project starts on this date (default 2026-03-01).",
)
@click.option(
    "--if-empty",
    is_flag=True,
    help="Into a database holding its own project data, say so and succeed (`make run`).",
)
@with_appcontext
def seed_demo(start, if_empty):
    """Load the demo project into an empty database; print the demo accounts.

    A database holding anything else (its own project, imported posts) is refused and
    left as it was: the demo would mix into it.
    """
    from sqlalchemy.exc import SQLAlchemyError

    from roadmap.demo.seed import DEMO_START, holds_other_data, load_demo

    other = holds_other_data()
    if other and if_empty:
        click.echo(f"The database holds {other}; the demo is not loaded.")
        return
    if other:
        raise click.ClickException(
            f"The database holds {other}; seed-demo loads the demo into an empty database "
            "only, and changed nothing. Point DATABASE_URL at a new database to try the demo."
        )
    g.history_actor = "demo loader"
    start_date = start.date() if start else DEMO_START
    try:
        created, accounts = load_demo(start_date)
    except SQLAlchemyError as error:  # load_demo rolled back: nothing of it was written
        reason = str(error.orig if hasattr(error, "orig") else error).splitlines()[0]
        raise click.ClickException(
            f"The demo could not be loaded ({reason}); nothing changed."
        ) from None
    if created:
        click.echo(f"Loaded the demo project starting {start_date.isoformat()}.")
    else:
        click.echo("The demo project is already loaded; nothing changed.")
    click.echo("Demo accounts (e-mail / password / role):")
    for email, password, role in accounts:
        click.echo(f"  {email} / {password} / {role}")


@click.command("seed-scale", cls=Command)
@click.option(
    "--milestones",
    type=click.IntRange(1, 100_000),
    default=5000,
    show_default=True,
    help="How many milestones to generate.",
)
@click.option(
    "--posts",
    type=click.IntRange(0, 50_000),
    default=1000,
    show_default=True,
    help="How many border posts to generate.",
)
@click.option(
    "--workshops",
    type=click.IntRange(0, 5000),
    default=50,
    show_default=True,
    help="How many workshops to generate.",
)
@click.option(
    "--months",
    type=click.IntRange(1, 240),
    default=36,
    show_default=True,
    help="The project's length in months.",
)
@click.option(
    "--start",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default=None,
    help="The project's first day (default: so that today falls mid-project).",
)
@click.option(
    "--seed",
    type=int,
    default=1,
    show_default=True,
    help="The same seed generates the same project.",
)
@with_appcontext
def seed_scale(milestones, posts, workshops, months, start, seed):
    """Fill an empty database with a large generated project, to measure performance."""
    from roadmap.clock import today
    from roadmap.demo.scale import generate, history_size
    from roadmap.demo.scale_clock import default_start
    from roadmap.demo.scale_load import date_accounts_history, has_project_data, load_scale
    from roadmap.demo.seed import accounts_with_manager
    from roadmap.extensions import db
    from roadmap.history import HistoryEntry

    if has_project_data():
        raise click.ClickException(
            "This database already holds project data; seed-scale fills an empty database "
            "only. Point DATABASE_URL at a new database (and run `flask db upgrade`)."
        )
    day = today()
    start_date = start.date() if start else default_start(day, months)
    if start_date > day:
        raise click.BadParameter("the project must have started by today.", param_hint="--start")
    g.history_actor = "scale loader"
    first_entry = (db.session.scalar(db.select(db.func.max(HistoryEntry.id))) or 0) + 1
    try:
        accounts, manager = accounts_with_manager()
        db.session.flush()
        date_accounts_history(first_entry, start_date)
        click.echo(
            f"Generating {milestones} milestones, {posts} posts and {workshops} "
            f"workshops over {months} months from {start_date.isoformat()}…"
        )
        records = generate(
            milestones=milestones,
            posts=posts,
            workshops=workshops,
            months=months,
            start=start_date,
            today=day,
            seed=seed,
            authors=_editors(),
        )
        total = sum(len(rows) for rows in records.values()) + history_size(records)
        with click.progressbar(length=total, label="Writing rows") as bar:
            counts = load_scale(records, manager, bar.update)
        db.session.commit()
    except Exception:
        db.session.rollback()
        raise
    click.echo(", ".join(f"{count} {table}" for table, count in counts.items()))
    click.echo("Accounts (e-mail / password / role):")
    for email, password, role in accounts:
        click.echo(f"  {email} / {password} / {role}")


def _editors() -> list[int]:
    """Return the ids of the managers, who sign the generated updates and notes."""
    from roadmap.auth.models import User
    from roadmap.extensions import db

    return list(
        db.session.scalars(
            db.select(User.id).where(User.role == "manager", User.active).order_by(User.id)
        )
    )


__all__ = ["seed_demo", "seed_scale", "date"]
