"""Self-assessment pages: the scorecard, an indicator's level and evidence, the printed report."""

from flask import Blueprint

bp = Blueprint("assessments", __name__, url_prefix="/assessments")

from registry.assessments import routes  # noqa: E402,F401  (routes attach to bp)
