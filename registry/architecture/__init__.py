"""Architecture pages: infrastructure (data centres, networks, service bus) and ICT management."""

from flask import Blueprint

bp = Blueprint("architecture", __name__, url_prefix="/architecture")

from registry.architecture import routes  # noqa: E402,F401  (routes attach to bp)
