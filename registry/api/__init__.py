"""The JSON API (flask-smorest): token or session auth, one module per resource."""

from flask import current_app, g, render_template, request
from flask_smorest import Api

from registry.extensions import csrf
from registry.schemas.common import ErrorSchema

SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}


class RegistryApi(Api):
    """flask-smorest's Api, documenting our error body ``{"errors": {...}}``."""

    ERROR_SCHEMA = ErrorSchema


def init_api(app):
    """Create the API, register its resources, and serve the OpenAPI document and its page."""
    from registry.api import (
        analysis,
        applications,
        assessments,
        changes,
        infrastructure,
        integrations,
        management,
        me,
        opd,
        requests,
        roadmap,
        units,
    )

    app.config.setdefault(
        "API_SPEC_OPTIONS",
        {
            "security": [{"bearerAuth": []}],
            "components": {
                "securitySchemes": {"bearerAuth": {"type": "http", "scheme": "bearer"}}
            },
        },
    )
    api = RegistryApi(app)
    for module in (applications, units, integrations, infrastructure, management, roadmap,
                   analysis, assessments, requests, opd, changes, me):
        csrf.exempt(module.blp)
        api.register_blueprint(module.blp)
    app.before_request(_protect_session_writes)

    @app.get("/docs/api")
    def api_docs():
        return render_template("api/docs.html", spec=api.spec.to_dict())

    app.extensions["registry_api"] = api
    return api


def _protect_session_writes():
    """Ask a CSRF token of cookie-authenticated writes; token clients send no cookie."""
    if (
        request.path.startswith("/api/")
        and request.method not in SAFE_METHODS
        and not g.get("token_auth")
        and current_app.config.get("WTF_CSRF_ENABLED", True)
    ):
        csrf.protect()
