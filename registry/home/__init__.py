"""Where each person lands: the operator's desk, the reviewer's queue, the architect's overview."""

from flask import Blueprint

bp = Blueprint("home", __name__)

from registry.home import routes  # noqa: E402,F401  (routes attach to bp)
