"""Infrastructure resources: data centres, intra networks, service buses."""

from flask.views import MethodView
from flask_smorest import Blueprint
from marshmallow import EXCLUDE

from registry import models
from registry.auth import current_actor
from registry.schemas import infrastructure as schemas
from registry.schemas.common import BaseSchema, Integer
from registry.services import infrastructure

blp = Blueprint(
    "api_infrastructure", __name__, url_prefix="/api/v1",
    description="Arsitektur infrastruktur (data centres, intra networks, service buses)",
)


class AgencyQueryArgsSchema(BaseSchema):
    """Narrow a list to one agency."""

    class Meta:
        unknown = EXCLUDE

    agency = Integer(allow_none=True)


def _register(path, model, name, lister, create_schema, update_schema, out_schema):
    """Add the list and item endpoints of one kind of infrastructure record."""

    @blp.route(f"/{path}", endpoint=f"{name}_list")
    class RecordList(MethodView):
        @blp.arguments(AgencyQueryArgsSchema, location="query")
        @blp.response(200, out_schema(many=True))
        def get(self, args):
            """List the records, optionally of one agency."""
            return lister(args.get("agency"))

        @blp.arguments(create_schema)
        @blp.response(201, out_schema)
        def post(self, data):
            """Create a record (admin, architect)."""
            return infrastructure.create_record(model, data, actor=current_actor())

    @blp.route(f"/{path}/<int:obj_id>", endpoint=f"{name}_item")
    class RecordItem(MethodView):
        @blp.response(200, out_schema)
        def get(self, obj_id):
            """Return one record."""
            return infrastructure.get_or_404(model, obj_id)

        @blp.arguments(update_schema(partial=tuple(create_schema().fields)))
        @blp.response(200, out_schema)
        def patch(self, data, obj_id):
            """Change a record; ``version`` must be the one you read (409 otherwise)."""
            version = data.pop("version")
            return infrastructure.update_record(model, obj_id, data, actor=current_actor(),
                                                expected_version=version)

        @blp.response(204)
        def delete(self, obj_id):
            """Delete a record nothing refers to (409 otherwise)."""
            infrastructure.delete_record(model, obj_id, actor=current_actor())

    RecordList.__name__ = f"{name.title().replace('_', '')}List"
    RecordItem.__name__ = f"{name.title().replace('_', '')}Item"


_register("data-centers", models.DataCenter, "data_center",
          lambda agency: [center for center, _count in infrastructure.list_data_centers(agency)],
          schemas.DataCenterCreateSchema, schemas.DataCenterUpdateSchema,
          schemas.DataCenterSchema)
_register("networks", models.Network, "network", infrastructure.list_networks,
          schemas.NetworkCreateSchema, schemas.NetworkUpdateSchema, schemas.NetworkSchema)
_register("service-buses", models.ServiceBus, "service_bus", infrastructure.list_service_buses,
          schemas.ServiceBusCreateSchema, schemas.ServiceBusUpdateSchema,
          schemas.ServiceBusSchema)
