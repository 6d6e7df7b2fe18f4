"""SPBE Registry: the Flask application."""

import logging
from pathlib import Path

from flask import Flask

from registry.config import Config, ensure_secret_key, load_env_config, normalise_database_url
from registry.converters import register_converters
from registry.security import init_security

ROOT = Path(__file__).resolve().parent.parent


def create_app(test_config=None):
    """Create and configure the registry application."""
    app = Flask(
        __name__,
        instance_relative_config=True,
        template_folder=str(ROOT / "templates"),
        static_folder="static",
    )
    app.config.from_object(Config)
    load_env_config(app.config)
    if test_config:
        app.config.update(test_config)
    app.config["SQLALCHEMY_DATABASE_URI"] = normalise_database_url(
        app.config["SQLALCHEMY_DATABASE_URI"]
    )
    # the rate limits count where the servers share state: Redis when configured, else memory
    app.config["RATELIMIT_STORAGE_URI"] = (app.config.get("RATELIMIT_STORAGE_URI")
                                           or app.config.get("REGISTRY_REDIS_URL")
                                           or "memory://")
    app.config["BABEL_TRANSLATION_DIRECTORIES"] = str(ROOT / "translations")
    register_converters(app)
    Path(app.instance_path).mkdir(parents=True, exist_ok=True)
    ensure_secret_key(app.config, app.instance_path)
    logging.getLogger("registry").setLevel(logging.INFO)
    load_instruments(app)

    register_extensions(app)
    init_security(app)
    register_blueprints(app)
    register_error_handlers(app)
    register_commands(app)
    register_template_helpers(app)
    return app


def load_instruments(app):
    """Load the evaluation instruments once: the built-in ones and, if configured, a file's.

    The file is ``REGISTRY_INSTRUMENT_FILE``; a bad instrument file stops the start with why.
    """
    from registry.services.instruments import load_catalogue

    app.extensions["registry_instruments"] = load_catalogue(
        app.config.get("REGISTRY_INSTRUMENT_FILE"))


def register_extensions(app):
    """Bind the extensions to this app."""
    from registry import auth
    from registry.extensions import babel, bootstrap, csrf, db, limiter, login_manager, migrate
    from registry.i18n import select_locale
    from registry.models.text_match import in_declared_schema
    from registry.services import diagram_cache

    db.init_app(app)
    migrate.init_app(app, db, directory=str(ROOT / "migrations"), render_as_batch=True,
                     include_name=in_declared_schema)
    csrf.init_app(app)
    babel.init_app(app, locale_selector=select_locale)
    bootstrap.init_app(app)
    limiter.init_app(app)
    diagram_cache.init_app(app)
    auth.init_login(app, login_manager)


def register_blueprints(app):
    """Register the HTML areas and the JSON API."""
    from registry import api
    from registry.admin import bp as admin_bp
    from registry.architecture import bp as architecture_bp
    from registry.assessments import bp as assessments_bp
    from registry.auth.routes import bp as auth_bp
    from registry.catalogue import bp as catalogue_bp
    from registry.changes import bp as changes_bp
    from registry.domains import bp as domains_bp
    from registry.home import bp as home_bp
    from registry.integrations import bp as integrations_bp
    from registry.inventory import bp as inventory_bp
    from registry.jobs import bp as jobs_bp
    from registry.opd import bp as opd_bp
    from registry.requests import bp as requests_bp
    from registry.transfer import bp as transfer_bp

    for blueprint in (
        auth_bp, inventory_bp, integrations_bp, architecture_bp, assessments_bp, requests_bp,
        domains_bp, transfer_bp, opd_bp, changes_bp, admin_bp, catalogue_bp, home_bp, jobs_bp,
    ):
        app.register_blueprint(blueprint)
    api.init_api(app)


def register_error_handlers(app):
    """Install the one error table."""
    from registry.errors import register_error_handlers as register

    register(app)


def register_commands(app):
    """Add the registry's flask commands: the one list in ``registry.cli.COMMANDS``."""
    from registry.cli import COMMANDS

    for command in COMMANDS:
        app.cli.add_command(command)


def register_template_helpers(app):
    """Give templates the labels of enum values, a query-string helper and the permissions.

    Templates ask ``permissions.is_maintainer(current_user)`` and the like instead of comparing
    role names.
    """
    from flask_babel import get_locale

    from registry import labels, web
    from registry.changes import restorable_changes
    from registry.localized import TEMPLATE_HELPERS
    from registry.services import permissions
    from registry.services.history_view import describe

    app.jinja_env.globals.update(
        label=labels.label, labels=labels, url_with=web.url_with, get_locale=get_locale,
        describe_changes=describe, restorable_changes=restorable_changes,
        permissions=permissions.for_templates(),
    )
    # the instrument's criteria, explanations and blocker reasons in the reader's language
    app.jinja_env.globals.update(TEMPLATE_HELPERS)
