"""The history of a generated project, in the shape roadmap/history.py records it.

Pure: takes the loaded records (ids filled in) and returns history rows ready for one
bulk insert, oldest first so their ids follow time as the listener's do.
"""

from sqlalchemy import inspect

from roadmap.history import IGNORED_FIELDS, plain
from roadmap.posts.models import BorderPost, PostUpdate
from roadmap.schedule.models import Milestone, MilestoneDependency, Project, Workstream
from roadmap.workshops.models import Outcome, OutcomeNote, Participation, Workshop

MODELS = {
    model.__tablename__: model
    for model in (
        Project,
        Workstream,
        BorderPost,
        PostUpdate,
        Workshop,
        Participation,
        Milestone,
        MilestoneDependency,
        Outcome,
        OutcomeNote,
    )
}
ORDER = {table: number for number, table in enumerate(MODELS)}


def tracked_columns(model) -> list[str]:
    """Return the columns the history listener records for a model, in its order."""
    exclude = IGNORED_FIELDS | getattr(model, "__history_exclude__", frozenset()) | {"id"}
    return [attr.key for attr in inspect(model).column_attrs if attr.key not in exclude]


def label(table: str, record: dict) -> str:
    """Return what str() of the saved object gives, as the listener stores it."""
    if table in ("project", "workstream", "border_post"):
        text = record["name"]
    elif table in ("milestone", "workshop"):
        text = record["title"]
    elif table == "outcome":
        text = record["text"][:80]
    elif table == "milestone_dependency":
        text = f"{record['predecessor_id']} → {record['successor_id']}"
    else:  # models without __str__ show Flask-SQLAlchemy's representation
        text = f"<{MODELS[table].__name__} {record['id']}>"
    return text[:200]


def history_rows(records: dict[str, list[dict]], user_id, user_name: str) -> list[dict]:
    """Return one creation entry per record and one entry per later change."""
    rows = []
    for table, model in MODELS.items():
        columns = tracked_columns(model)
        for record in records.get(table, ()):
            initial = record.get("_initial", {})
            common = {
                "user_id": user_id,
                "user_name": user_name,
                "entity": table,
                "entity_id": record["id"],
                "label": label(table, record),
            }
            created = {name: [None, plain(initial.get(name, record[name]))] for name in columns}
            rows.append(
                {
                    **common,
                    "at": record["_created"],
                    "action": "create",
                    "changes": created,
                    "reason": "",
                }
            )
            for at, changes, reason in record.get("_updates", ()):
                rows.append(
                    {**common, "at": at, "action": "update", "changes": changes, "reason": reason}
                )
    rows.sort(
        key=lambda row: (
            row["at"],
            row["action"] != "create",
            ORDER[row["entity"]],
            row["entity_id"],
        )
    )
    return rows
