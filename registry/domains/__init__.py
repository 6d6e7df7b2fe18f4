"""Domain register pages: the FQDNs under the agency's zone and their flags."""

from flask import Blueprint

bp = Blueprint("domains", __name__, url_prefix="/domains")

from registry.domains import routes  # noqa: E402,F401  (routes attach to bp)
