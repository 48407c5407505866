"""The change history: one listener records every change to project data.

Models opt in with ``__history__ = True``. The listener runs after each flush,
while the session still knows what changed, and inserts the records on the
same connection, so they commit or roll back with the change itself.
"""

from datetime import UTC, date, datetime, time
from decimal import Decimal

from flask import g, has_app_context, has_request_context
from flask_login import current_user
from sqlalchemy import JSON, Date, ForeignKey, Index, String, Text, event, inspect, select
from sqlalchemy.orm import Mapped, Mapper, Session, mapped_column

from roadmap.clock import now_utc
from roadmap.dbtypes import UTCDateTime
from roadmap.extensions import db

ACTIONS = ("create", "update", "delete")
# Bookkeeping columns whose changes tell a reader nothing.
IGNORED_FIELDS = frozenset({"version", "updated_at", "created_at"})
# A fact entered more than this many days after it happened is marked "late entry".
LATE_ENTRY_DAYS = 7


class HistoryEntry(db.Model):
    """An append-only record of one change: who, when, what, old → new."""

    __tablename__ = "history_entry"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=now_utc)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="SET NULL"))
    user_name: Mapped[str] = mapped_column(String(120), default="")
    entity: Mapped[str] = mapped_column(String(40))
    entity_id: Mapped[int]
    label: Mapped[str] = mapped_column(String(200), default="")
    action: Mapped[str] = mapped_column(String(10))
    # {field: [old, new]} with JSON-friendly values (dates as ISO strings).
    changes: Mapped[dict] = mapped_column(JSON, default=dict)
    reason: Mapped[str] = mapped_column(Text, default="")
    # The day the fact happened, when it was entered on a later day; None: the day entered.
    effective_on: Mapped[date | None] = mapped_column(Date)

    __table_args__ = (Index("ix_history_entity", "entity", "entity_id", "at"),)

    @property
    def effective_day(self) -> date:
        """Return the day the change took effect."""
        return effective_day(self.at, self.effective_on)

    @property
    def late(self) -> bool:
        """Tell whether the change was entered more than LATE_ENTRY_DAYS after it happened."""
        return is_late(self.at, self.effective_on)


def effective_day(at: datetime, effective_on: date | None) -> date:
    """Return the day a change took effect: its effective date, else the day it was entered."""
    return effective_on if effective_on is not None else at.date()


def effective_instant(at: datetime, effective_on: date | None) -> datetime:
    """Return the instant a change counts from in reports and charts of a past day.

    A change entered on the day it happened counts from when it was entered; one
    entered later counts from the end of the day it happened, so it lands in that
    day's month whenever it was typed in.
    """
    if effective_on is None or effective_on >= at.date():
        return at
    return datetime.combine(effective_on, time.max, tzinfo=UTC)


def is_late(at: datetime, effective_on: date | None) -> bool:
    """Tell whether a change was entered more than LATE_ENTRY_DAYS after its effective day."""
    return effective_on is not None and (at.date() - effective_on).days > LATE_ENTRY_DAYS


def plain(value):
    """Return a JSON-friendly copy of a column value."""
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def set_reason(session: Session, reason: str) -> None:
    """Attach a reason (re-baseline, stage moved back…) to the next recorded changes."""
    session.info["history_reason"] = reason


def record_update(session: Session, obj, changes: dict) -> None:
    """Record a change the listener cannot see (rows of a link table) as an update of obj."""
    user_id, user_name = _actor()
    session.add(
        HistoryEntry(
            user_id=user_id,
            user_name=user_name,
            entity=obj.__tablename__,
            entity_id=obj.id,
            label=_label(obj),
            action="update",
            changes=changes,
            reason=session.info.get("history_reason", ""),
        )
    )


def set_effective(session: Session, day: date | None) -> None:
    """Date the next recorded changes: the day they happened (None: the day entered)."""
    session.info["history_effective"] = day


def _actor():
    """Return (user id, name) of whoever is making the change."""
    if not has_app_context():
        return None, "system"
    user = g.get("api_user")
    if user is None and has_request_context():
        user = current_user
    if user is not None and getattr(user, "is_authenticated", False):
        return user.id, user.name
    return None, g.get("history_actor", "system")


def _columns(obj):
    mapper = inspect(obj).mapper
    exclude = IGNORED_FIELDS | getattr(obj, "__history_exclude__", frozenset())
    return [(attr.key, attr) for attr in mapper.column_attrs if attr.key not in exclude]


def _changes(obj, action):
    state = inspect(obj)
    changes = {}
    for key, _attr in _columns(obj):
        if key == "id":
            continue
        if action == "update":
            hist = state.attrs[key].history
            if not hist.has_changes():
                continue
            old = hist.deleted[0] if hist.deleted else None
            new = hist.added[0] if hist.added else None
            if plain(old) == plain(new):
                continue
            changes[key] = [plain(old), plain(new)]
        elif action == "create":
            changes[key] = [None, plain(getattr(obj, key))]
        else:
            changes[key] = [plain(state.attrs[key].loaded_value), None]
    return changes


def _label(obj):
    try:
        return str(obj)[:200]
    except Exception:  # a label is a courtesy; never fail a save for it
        return ""


def _remember_old_value(target, value, oldvalue, initiator):
    return value


@event.listens_for(Mapper, "mapper_configured")
def _load_old_values(mapper, class_):
    """Make tracked columns load their stored value before a change.

    Without this, a column assigned before it was ever read reports no old
    value, and the history (and every snapshot rebuilt from it) would say None.
    """
    if not getattr(class_, "__history__", False):
        return
    for attr in mapper.column_attrs:
        event.listen(
            getattr(class_, attr.key), "set", _remember_old_value, retval=True, active_history=True
        )


@event.listens_for(Session, "after_flush")
def record_history(session, flush_context):
    """Insert one history row per created, updated or deleted tracked object."""
    rows = []
    user_id, user_name = _actor()
    reason = session.info.get("history_reason", "")
    effective = session.info.get("history_effective")
    at = now_utc()
    for action, objects in (
        ("create", session.new),
        ("update", session.dirty),
        ("delete", session.deleted),
    ):
        for obj in objects:
            if not getattr(obj, "__history__", False):
                continue
            if action == "update" and not session.is_modified(obj, include_collections=False):
                continue
            changes = _changes(obj, action)
            if action == "update" and not changes:
                continue
            rows.append(
                {
                    "at": at,
                    "user_id": user_id,
                    "user_name": user_name,
                    "entity": obj.__tablename__,
                    "entity_id": inspect(obj).identity[0] if inspect(obj).identity else obj.id,
                    "label": _label(obj),
                    "action": action,
                    "changes": changes,
                    "reason": reason,
                    "effective_on": _effective_on(obj, effective, at),
                }
            )
    if rows:
        session.connection().execute(HistoryEntry.__table__.insert(), rows)


def _effective_on(obj, effective: date | None, at: datetime) -> date | None:
    """Return the effective date to store: a dated fact's own date (``__effective__`` names
    the column, e.g. a post update's date), else the one set for the session; None when it
    is the day of entry."""
    column = getattr(obj, "__effective__", None)
    day = getattr(obj, column, None) if column else None
    day = day if isinstance(day, date) else effective
    return day if day is not None and day < at.date() else None


@event.listens_for(Session, "after_commit")
@event.listens_for(Session, "after_rollback")
def _forget_reason(session):
    session.info.pop("history_reason", None)
    session.info.pop("history_effective", None)


def changed_since(record, version: int) -> list[str]:
    """Return the fields changed since the record stood at `version`, as its history says.

    Each stored change of a versioned record moves its version by one and writes one
    history row: the record's last (version now - `version`) updates are those made
    since. Nothing is known of a version the record never had.
    """
    behind = record.version - version
    if behind <= 0 or version < 1:
        return []
    rows = db.session.scalars(
        select(HistoryEntry.changes)
        .where(HistoryEntry.entity == record.__tablename__, HistoryEntry.entity_id == record.id)
        .where(HistoryEntry.action == "update")
        .order_by(HistoryEntry.id.desc())
        .limit(behind)
    ).all()
    return sorted({name for changes in rows for name in (changes or {})} - IGNORED_FIELDS)
