"""Schemas of data centres, intra networks and service buses."""

from marshmallow import fields

from arch_models.landscape import DataCenterKind
from registry.schemas.common import (
    Boolean,
    CodeNameFields,
    Enum,
    Integer,
    Length,
    Range,
    RecordSchema,
    String,
    write_schemas,
)


class DataCenterFields(CodeNameFields):
    """Fields a data centre is written with."""

    kind = Enum(DataCenterKind, required=True)
    tier = Integer(allow_none=True, validate=Range(min=1, max=4))
    location = String(allow_none=True, validate=Length(max=200))
    uses_pdn = Boolean(load_default=False)
    sop_ref = String(allow_none=True, validate=Length(max=200))


class NetworkFields(CodeNameFields):
    """Fields an intra network is written with."""

    connected_to_jip = Boolean(load_default=False)
    unit_ids = fields.List(Integer(), load_default=list)


class ServiceBusFields(CodeNameFields):
    """Fields a service bus is written with."""

    connected_to_splp = Boolean(load_default=False)
    data_center_id = Integer(allow_none=True)


def _schemas(fields_class, name):
    """Make the create, update and form schemas of one kind of record, its agency's too."""
    return write_schemas(fields_class, name, create={"agency_id": Integer(required=True)},
                         form={"agency_id": Integer(allow_none=True)})


DataCenterCreateSchema, DataCenterUpdateSchema, DataCenterFormSchema = _schemas(
    DataCenterFields, "DataCenter")
NetworkCreateSchema, NetworkUpdateSchema, NetworkFormSchema = _schemas(NetworkFields, "Network")
ServiceBusCreateSchema, ServiceBusUpdateSchema, ServiceBusFormSchema = _schemas(
    ServiceBusFields, "ServiceBus")


class DataCenterSchema(RecordSchema):
    """A data centre as the API shows it."""

    code = fields.String()
    name = fields.String()
    kind = fields.Enum(DataCenterKind, by_value=True)
    tier = fields.Integer(allow_none=True)
    location = fields.String(allow_none=True)
    uses_pdn = fields.Boolean()
    sop_ref = fields.String(allow_none=True)


class NetworkSchema(RecordSchema):
    """An intra network as the API shows it."""

    code = fields.String()
    name = fields.String()
    connected_to_jip = fields.Boolean()
    unit_ids = fields.Method("_unit_ids")

    def _unit_ids(self, obj):
        return sorted(u.id for u in obj.units)


class ServiceBusSchema(RecordSchema):
    """A service bus as the API shows it."""

    code = fields.String()
    name = fields.String()
    connected_to_splp = fields.Boolean()
    data_center_id = fields.Integer(allow_none=True)
