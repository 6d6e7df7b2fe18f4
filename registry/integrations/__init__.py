"""Integration pages: links, the integration graph and the level-5 blockers."""

from flask import Blueprint

bp = Blueprint("integrations", __name__, url_prefix="/integrations")

from registry.integrations import routes  # noqa: E402,F401  (routes attach to bp)
