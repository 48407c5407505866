"""Reading and writing the posts file, shared by the web pages and the command line.

Reading checks every row and writes nothing: posts.commands.import_posts writes a
file once it is read and checked here.
"""

from flask_babel import gettext as _
from sqlalchemy import select

from roadmap.extensions import db
from roadmap.money import currency_digits
from roadmap.posts import csvio, geo, rules
from roadmap.posts.commands import DEFAULTS
from roadmap.posts.models import BorderPost
from roadmap.schedule.models import Project

FIELDS = tuple(c for c in csvio.COLUMNS)


def existing_posts() -> dict:
    """Return every post keyed by (normalised name, country)."""
    posts = db.session.scalars(select(BorderPost)).all()
    return {(csvio.key(post.name), post.country): post for post in posts}


def check_row(existing: dict):
    """Return the row check that needs the database: coordinates and the stage rules."""

    def check(row):
        problems = {}
        if row["country"] not in geo.BOXES:
            problems["country"] = _("Border posts can only be in the region's countries.")
            return problems
        coordinates = geo.coordinate_problem(row["country"], row["latitude"], row["longitude"])
        if coordinates:
            problems["latitude"] = coordinates
        post = existing.get((csvio.key(row["name"]), row["country"]))
        stage = row.get("stage", post.stage if post else DEFAULTS["stage"])
        progress = row.get("progress", post.progress if post else DEFAULTS["progress"])
        problems.update(rules.consistency_problems(stage, progress))
        return problems

    return check


def read(data: bytes, existing: dict) -> csvio.ParsedFile:
    """Parse and check the whole file; raise csvio.CsvError if it cannot be read."""
    return csvio.parse(data, check_row=check_row(existing))


def export_text() -> str:
    """Return the CSV text of every post, ordered by country and name."""
    # The file's columns as plain rows: building a record per post costs more than the file.
    rows = db.session.execute(
        select(*(getattr(BorderPost, name) for name in FIELDS)).order_by(
            BorderPost.country, BorderPost.name
        )
    )
    project = Project.current()
    digits = currency_digits(project.currency if project else None)
    return csvio.serialise((row._asdict() for row in rows), digits)
