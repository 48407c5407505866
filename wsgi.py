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
except (ConfigurationError, ArgumentError) as error:  # ArgumentError: a DATABASE_URL it cannot read
    if flask_command() is None:
        raise  # a server shows the whole story in its log
    raise SystemExit(f"Error: {error}") from None
