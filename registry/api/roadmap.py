"""Peta Rencana resources: initiatives."""

from flask.views import MethodView
from flask_smorest import Blueprint

from registry.auth import current_actor
from registry.schemas.roadmap import (
    InitiativeCreateSchema,
    InitiativeQueryArgsSchema,
    InitiativeSchema,
    InitiativeUpdateSchema,
)
from registry.services import roadmap
from registry.web import INITIATIVE_FILTERS

blp = Blueprint("api_roadmap", __name__, url_prefix="/api/v1/initiatives",
                description="Peta Rencana SPBE (roadmap initiatives)")


@blp.route("")
class InitiativeList(MethodView):
    """The initiatives of the Peta Rencana."""

    @blp.arguments(InitiativeQueryArgsSchema, location="query")
    @blp.response(200, InitiativeSchema(many=True))
    def get(self, args):
        """List initiatives, optionally of one year, content area, status or OPD."""
        return roadmap.list_initiatives(INITIATIVE_FILTERS.build(args))

    @blp.arguments(InitiativeCreateSchema)
    @blp.response(201, InitiativeSchema)
    def post(self, data):
        """Create an initiative with its yearly targets and budget lines."""
        return roadmap.create_initiative(data, actor=current_actor())


@blp.route("/<int:initiative_id>")
class InitiativeItem(MethodView):
    """One initiative."""

    @blp.response(200, InitiativeSchema)
    def get(self, initiative_id):
        """Return one initiative."""
        return roadmap.get_initiative(initiative_id)

    @blp.arguments(InitiativeUpdateSchema(partial=tuple(InitiativeCreateSchema().fields)))
    @blp.response(200, InitiativeSchema)
    def patch(self, data, initiative_id):
        """Change an initiative; ``years`` replaces the yearly lines; ``version`` is required."""
        version = data.pop("version")
        return roadmap.update_initiative(initiative_id, data, actor=current_actor(),
                                         expected_version=version)
