"""Schemas of integration links."""

from marshmallow import fields

from arch_models.landscape import Channel, LinkDirection, LinkStatus
from registry.schemas.common import (
    Boolean,
    Enum,
    Integer,
    Length,
    ListQuerySchema,
    RefSchema,
    String,
    TimestampedRecordSchema,
    page_schema,
    write_schemas,
)


class LinkInputFields:
    """Fields a link is written with."""

    provider_id = Integer(required=True)
    consumer_id = Integer(required=True)
    direction = Enum(LinkDirection, load_default=LinkDirection.PROVIDER_TO_CONSUMER)
    channel = Enum(Channel, required=True)
    data_exchanged = String(allow_none=True, validate=Length(max=300))
    protocol = String(allow_none=True, validate=Length(max=60))
    status = Enum(LinkStatus, load_default=LinkStatus.PROPOSED)
    agreement_ref = String(allow_none=True, validate=Length(max=200))


LinkCreateSchema, LinkUpdateSchema, LinkFormSchema = write_schemas(LinkInputFields, "Link")


class LinkSchema(TimestampedRecordSchema):
    """A link as the API shows it."""

    provider = fields.Nested(RefSchema)
    consumer = fields.Nested(RefSchema)
    direction = fields.Enum(LinkDirection, by_value=True)
    channel = fields.Enum(Channel, by_value=True)
    data_exchanged = fields.String(allow_none=True)
    protocol = fields.String(allow_none=True)
    status = fields.Enum(LinkStatus, by_value=True)
    agreement_ref = fields.String(allow_none=True)


class LinkQueryArgsSchema(ListQuerySchema):
    """Filters of the link list."""

    application = Integer(allow_none=True)
    channel = Enum(Channel, allow_none=True)
    status = Enum(LinkStatus, allow_none=True)
    point_to_point = Boolean(allow_none=True, metadata={
        "description": "true: only links that exchange data without the service bus"})


#: a page of each list the API answers with
LinkPageSchema = page_schema("LinkPageSchema", LinkSchema)
