"""Import and export of the posts file, shared by the web pages and the commands.

Nothing here commits: the caller (a view or a command) owns the transaction.
"""

from dataclasses import dataclass

from flask_babel import gettext as _
from sqlalchemy import select

from roadmap.clock import today
from roadmap.extensions import db
from roadmap.history import set_reason
from roadmap.posts import csvio, geo, rules
from roadmap.posts.models import BorderPost, PostUpdate

DEFAULTS = {"kind": "land", "priority": "medium", "stage": "identified", "progress": 0}
FIELDS = tuple(c for c in csvio.COLUMNS)


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0


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


def apply(parsed: csvio.ParsedFile, existing: dict, source: str, author=None) -> ImportResult:
    """Create or update a post per row; a stage or progress change writes a dated update."""
    if parsed.problems:
        raise ValueError("refusing to import a file with problems")
    result = ImportResult()
    set_reason(db.session, _("Imported from %(source)s", source=source))
    comment = _("Imported from %(source)s", source=source)
    for row in parsed.rows:
        values = {name: row[name] for name in FIELDS if name in row}
        post = existing.get((csvio.key(row["name"]), row["country"]))
        if post is None:
            post = BorderPost(**{**DEFAULTS, **values})
            db.session.add(post)
            existing[(csvio.key(post.name), post.country)] = post
            result.created += 1
        else:
            changed = {
                name: value for name, value in values.items() if getattr(post, name) != value
            }
            if not changed:
                result.unchanged += 1
                continue
            for name, value in changed.items():
                setattr(post, name, value)
            result.updated += 1
            if "stage" not in changed and "progress" not in changed:
                continue
        post.updates.append(
            PostUpdate(
                date=today(),
                stage=post.stage,
                progress=post.progress,
                comment=comment,
                author=author,
            )
        )
    return result


def export_text() -> str:
    """Return the CSV text of every post, ordered by country and name."""
    # The file's columns as plain rows: building a record per post costs more than the file.
    rows = db.session.execute(
        select(*(getattr(BorderPost, name) for name in FIELDS)).order_by(
            BorderPost.country, BorderPost.name
        )
    )
    return csvio.serialise(row._asdict() for row in rows)
