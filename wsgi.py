"""WSGI entry point: `gunicorn wsgi:app`."""

import os

from sqlalchemy.exc import ArgumentError

from config import Config, DevelopmentConfig
from roadmap import create_app
from roadmap.settings_check import ConfigurationError, flask_command

try:
    app = create_app(
        DevelopmentConfig if os.environ.get("ROADMAP_ENV") == "development" else Config
    )
except ConfigurationError as error:
    if flask_command() is None:
        raise  # a server shows the whole story in its log
    raise SystemExit(f"Error: {error}") from None
except ArgumentError as error:  # a DATABASE_URL it cannot read, or an unknown driver
    if flask_command() is None:
        raise
    raise SystemExit(f"Error: DATABASE_URL cannot be used: {error}") from None
