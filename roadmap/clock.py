"""The one place the application reads the clock."""

from datetime import UTC, date, datetime

from flask import current_app, has_app_context


def now_utc() -> datetime:
    """Return the current time as an aware UTC datetime."""
    return datetime.now(UTC)


def today() -> date:
    """Return the date pages treat as today (pinned by ROADMAP_TODAY)."""
    if has_app_context():
        pinned = current_app.config.get("ROADMAP_TODAY")
        if pinned:
            return date.fromisoformat(str(pinned))
    return now_utc().date()
