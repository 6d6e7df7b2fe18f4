"""Request pages: OPD requests for sub-domains, new applications and links; the inbox."""

from flask import Blueprint

bp = Blueprint("requests", __name__)

from registry.requests import routes  # noqa: E402,F401  (routes attach to bp)
