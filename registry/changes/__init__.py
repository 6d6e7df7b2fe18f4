"""The change-log feed page."""

from flask import Blueprint, render_template, request

from registry.auth import current_actor
from registry.services import changelog

bp = Blueprint("changes", __name__, url_prefix="/changes")


@bp.get("/")
def feed():
    """List recent changes across the registry, newest first."""
    page = changelog.feed(
        object_type=request.args.get("object_type") or None,
        action=request.args.get("action") if request.args.get("action") in
        ("create", "update", "delete") else None,
        page=max(1, request.args.get("page", 1, type=int)),
        per_page=50, viewer=current_actor(),
    )
    return render_template("changes/feed.html", page=page)
