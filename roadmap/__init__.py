"""Roadmap: milestones, border posts, workshops and monthly reports of one project."""

from flask import Flask

from config import Config
from roadmap.logging_setup import configure_logging


def create_app(config_class=Config) -> Flask:
    """Create the application; nothing here touches the database or the network."""
    app = Flask(
        __name__,
        instance_relative_config=True,
        template_folder="../templates",
        static_folder=None,  # served by register_static_files (roadmap/assets.py)
    )
    app.config.from_object(config_class)
    skip_pre_ping_on_sqlite(app)
    configure_logging(app)
    check_configuration(app)
    register_proxy(app)
    register_extensions(app)
    register_job_queue(app)
    register_static_files(app)
    register_database_events(app)
    register_request_log(app)
    register_blueprints(app)
    register_request_hooks(app)
    register_access_rules(app)
    register_errorhandlers(app)
    register_template_helpers(app)
    register_commands(app)
    return app


def skip_pre_ping_on_sqlite(app: Flask) -> None:
    """Drop pool_pre_ping for SQLite: a file cannot drop the connection, the ping is pure cost."""
    if str(app.config.get("SQLALCHEMY_DATABASE_URI", "")).startswith("sqlite"):
        options = dict(app.config.get("SQLALCHEMY_ENGINE_OPTIONS", {}))
        options.pop("pool_pre_ping", None)
        app.config["SQLALCHEMY_ENGINE_OPTIONS"] = options


def check_configuration(app: Flask) -> None:
    from roadmap.settings_check import refuse_unsafe_configuration

    refuse_unsafe_configuration(app)


def register_proxy(app: Flask) -> None:
    from roadmap.proxy import register

    register(app)


def register_extensions(app: Flask) -> None:
    from roadmap import i18n
    from roadmap.auth import loader
    from roadmap.caching import init_cache
    from roadmap.extensions import babel, csrf, db, login_manager, migrate

    db.init_app(app)
    migrate.init_app(app, db, directory=str(app.root_path + "/../migrations"), render_as_batch=True)
    csrf.init_app(app)
    login_manager.init_app(app)
    loader.configure(login_manager)
    babel.init_app(app, locale_selector=i18n.select_locale)
    init_cache(app)


def register_job_queue(app: Flask) -> None:
    from roadmap import jobs

    jobs.init_app(app)


def register_static_files(app: Flask) -> None:
    from roadmap.assets import register

    register(app)


def register_database_events(app: Flask) -> None:
    from roadmap import history  # noqa: F401  (importing registers the listener)
    from roadmap.database import configure_engine
    from roadmap.extensions import db

    # Creating the engine opens no connection; it lets SQLite be set up first.
    with app.app_context():
        configure_engine(db.engine)


def register_request_log(app: Flask) -> None:
    from roadmap.request_log import register

    register(app)


def register_blueprints(app: Flask) -> None:
    from roadmap import models  # noqa: F401  (every table known before the first request)
    from roadmap.api import bp as api_bp
    from roadmap.auth import bp as auth_bp
    from roadmap.coordination import bp as coordination_bp
    from roadmap.dashboard import bp as dashboard_bp
    from roadmap.digest import bp as digest_bp
    from roadmap.history_views import bp as history_bp
    from roadmap.i18n import bp as i18n_bp
    from roadmap.months import MonthConverter
    from roadmap.offline import bp as offline_bp
    from roadmap.ops import bp as ops_bp
    from roadmap.photos import bp as photos_bp
    from roadmap.posts import bp as posts_bp
    from roadmap.project import bp as project_bp
    from roadmap.reports import bp as reports_bp
    from roadmap.results import bp as results_bp
    from roadmap.schedule import bp as schedule_bp
    from roadmap.workshops import bp as workshops_bp

    app.url_map.converters["month"] = MonthConverter
    for blueprint in (
        auth_bp,
        digest_bp,
        dashboard_bp,
        schedule_bp,
        posts_bp,
        photos_bp,
        workshops_bp,
        reports_bp,
        results_bp,
        coordination_bp,
        history_bp,
        project_bp,
        api_bp,
        i18n_bp,
        offline_bp,
        ops_bp,
    ):
        app.register_blueprint(blueprint)


def register_access_rules(app: Flask) -> None:
    from roadmap.auth.access import enforce_access

    app.before_request(enforce_access)


def register_errorhandlers(app: Flask) -> None:
    from roadmap.errors import register

    register(app)


def register_request_hooks(app: Flask) -> None:
    from roadmap.security import register

    register(app)


def register_template_helpers(app: Flask) -> None:
    from roadmap.templating import register

    register(app)


def register_commands(app: Flask) -> None:
    from roadmap.cli import register

    register(app)
