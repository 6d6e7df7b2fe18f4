"""Import and export pages: spreadsheets in (with a dry run) and every list out."""

from flask import Blueprint

bp = Blueprint("transfer", __name__)

from registry.transfer import routes  # noqa: E402,F401  (routes attach to bp)
