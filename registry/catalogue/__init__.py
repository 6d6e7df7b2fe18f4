"""The public application catalogue (landing page), open without signing in."""

from flask import Blueprint

bp = Blueprint("catalogue", __name__)

from registry.catalogue import routes  # noqa: E402,F401  (routes attach to bp)
