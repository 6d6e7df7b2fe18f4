"""Schemas of data centres, intra networks and service buses."""

from marshmallow import Schema, fields

from arch_models.landscape import DataCenterKind
from registry.schemas.common import (
    CODE_PATTERN,
    BaseSchema,
    Boolean,
    Enum,
    FormSchema,
    Integer,
    Length,
    Range,
    String,
)


class _Code:
    code = String(required=True, validate=[Length(min=1, max=40), CODE_PATTERN])
    name = String(required=True, validate=Length(min=1, max=200))


class DataCenterFields(_Code):
    """Fields a data centre is written with."""

    kind = Enum(DataCenterKind, required=True)
    tier = Integer(allow_none=True, validate=Range(min=1, max=4))
    location = String(allow_none=True, validate=Length(max=200))
    uses_pdn = Boolean(load_default=False)
    sop_ref = String(allow_none=True, validate=Length(max=200))


class NetworkFields(_Code):
    """Fields an intra network is written with."""

    connected_to_jip = Boolean(load_default=False)
    unit_ids = fields.List(Integer(), load_default=list)


class ServiceBusFields(_Code):
    """Fields a service bus is written with."""

    connected_to_splp = Boolean(load_default=False)
    data_center_id = Integer(allow_none=True)


def _schemas(fields_class, name):
    """Make the create, update and form schemas of one kind of record."""
    create = type(f"{name}CreateSchema", (fields_class, BaseSchema),
                  {"agency_id": Integer(required=True)})
    update = type(f"{name}UpdateSchema", (fields_class, BaseSchema),
                  {"version": Integer(required=True)})
    form = type(f"{name}FormSchema", (fields_class, FormSchema),
                {"agency_id": Integer(allow_none=True), "version": Integer(allow_none=True)})
    return create, update, form


DataCenterCreateSchema, DataCenterUpdateSchema, DataCenterFormSchema = _schemas(
    DataCenterFields, "DataCenter")
NetworkCreateSchema, NetworkUpdateSchema, NetworkFormSchema = _schemas(NetworkFields, "Network")
ServiceBusCreateSchema, ServiceBusUpdateSchema, ServiceBusFormSchema = _schemas(
    ServiceBusFields, "ServiceBus")


class DataCenterSchema(Schema):
    """A data centre as the API shows it."""

    id = fields.Integer()
    agency_id = fields.Integer()
    code = fields.String()
    name = fields.String()
    kind = fields.Enum(DataCenterKind, by_value=True)
    tier = fields.Integer(allow_none=True)
    location = fields.String(allow_none=True)
    uses_pdn = fields.Boolean()
    sop_ref = fields.String(allow_none=True)
    version = fields.Integer()


class NetworkSchema(Schema):
    """An intra network as the API shows it."""

    id = fields.Integer()
    agency_id = fields.Integer()
    code = fields.String()
    name = fields.String()
    connected_to_jip = fields.Boolean()
    unit_ids = fields.Method("_unit_ids")
    version = fields.Integer()

    def _unit_ids(self, obj):
        return sorted(u.id for u in obj.units)


class ServiceBusSchema(Schema):
    """A service bus as the API shows it."""

    id = fields.Integer()
    agency_id = fields.Integer()
    code = fields.String()
    name = fields.String()
    connected_to_splp = fields.Boolean()
    data_center_id = fields.Integer(allow_none=True)
    version = fields.Integer()
