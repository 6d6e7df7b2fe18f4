"""Units (OPD) resource."""

from flask.views import MethodView
from flask_smorest import Blueprint
from marshmallow import EXCLUDE

from registry.auth import current_actor
from registry.schemas.changes import ChangeSchema
from registry.schemas.common import BaseSchema, Integer, Length, String
from registry.schemas.inventory import UnitCreateSchema, UnitSchema, UnitUpdateSchema
from registry.services import changelog, organisation

blp = Blueprint("api_units", __name__, url_prefix="/api/v1/units", description="OPD")


class UnitQueryArgsSchema(BaseSchema):
    """Filters of the unit list."""

    class Meta:
        unknown = EXCLUDE

    agency = Integer(allow_none=True)
    q = String(allow_none=True, validate=Length(max=200))


@blp.route("")
class UnitList(MethodView):
    """The OPD list."""

    @blp.arguments(UnitQueryArgsSchema, location="query")
    @blp.response(200, UnitSchema(many=True))
    def get(self, args):
        """List OPDs."""
        rows = organisation.list_units(agency_id=args.get("agency"), q=args.get("q"))
        return [unit for unit, _count in rows]

    @blp.arguments(UnitCreateSchema)
    @blp.response(201, UnitSchema)
    def post(self, data):
        """Create an OPD (admin, architect)."""
        return organisation.create_unit(data, actor=current_actor())


@blp.route("/<int:unit_id>")
class UnitItem(MethodView):
    """One OPD."""

    @blp.response(200, UnitSchema)
    def get(self, unit_id):
        """Return one OPD."""
        return organisation.get_unit(unit_id)

    @blp.arguments(UnitUpdateSchema(partial=("code", "name", "acronym", "is_ict_unit")))
    @blp.response(200, UnitSchema)
    def patch(self, data, unit_id):
        """Change an OPD; ``version`` must be the one you read (409 otherwise)."""
        version = data.pop("version")
        return organisation.update_unit(
            unit_id, data, actor=current_actor(), expected_version=version
        )


@blp.route("/<int:unit_id>/history")
class UnitHistory(MethodView):
    """The change history of one OPD."""

    @blp.response(200, ChangeSchema(many=True))
    def get(self, unit_id):
        """Return the OPD's changes, newest first."""
        organisation.get_unit(unit_id)
        return changelog.history("units", unit_id)
