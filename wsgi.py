"""WSGI entry point: `gunicorn wsgi:app`."""

import os

from config import Config, DevelopmentConfig
from roadmap import create_app

app = create_app(DevelopmentConfig if os.environ.get("ROADMAP_ENV") == "development" else Config)
