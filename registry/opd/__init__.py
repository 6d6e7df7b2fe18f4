"""Per-OPD pages: the OPD scorecard with targets, the monitoring desk, the talent register."""

from flask import Blueprint

bp = Blueprint("opd", __name__)

from registry.opd import routes  # noqa: E402,F401  (routes attach to bp)
