"""Architecture pages: the infrastructure architecture (data centres, networks, service bus)."""

from flask import Blueprint

bp = Blueprint("architecture", __name__, url_prefix="/architecture")

from registry.architecture import routes  # noqa: E402,F401  (routes attach to bp)
