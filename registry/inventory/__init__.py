"""Inventory pages: applications and OPD master data."""

from flask import Blueprint

bp = Blueprint("inventory", __name__, url_prefix="/inventory")

from registry.inventory import routes  # noqa: E402,F401  (routes attach to bp)
