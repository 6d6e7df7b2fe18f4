"""Change-log feed resource."""

from flask.views import MethodView
from flask_smorest import Blueprint

from registry.auth import current_actor
from registry.schemas.changes import ChangePageSchema, ChangeQueryArgsSchema
from registry.services import changelog

blp = Blueprint("api_changes", __name__, url_prefix="/api/v1/changes", description="Riwayat")


@blp.route("")
class ChangeFeed(MethodView):
    """Recent changes across the registry."""

    @blp.arguments(ChangeQueryArgsSchema, location="query")
    @blp.response(200, ChangePageSchema)
    def get(self, args):
        """List recent changes, newest first."""
        return changelog.feed(
            object_type=args.get("object_type"),
            action=args["action"].value if args.get("action") else None,
            actor_id=args.get("actor"),
            page=args["page"],
            per_page=args["per_page"],
            viewer=current_actor(),
        )
