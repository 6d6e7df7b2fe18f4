"""Schemas of integration links."""

from marshmallow import EXCLUDE, Schema, fields

from arch_models.landscape import Channel, LinkDirection, LinkStatus
from registry.schemas.common import (
    BaseSchema,
    Enum,
    FormSchema,
    Integer,
    Length,
    PaginationQuerySchema,
    RefSchema,
    String,
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


class LinkCreateSchema(LinkInputFields, BaseSchema):
    """A new link."""


class LinkUpdateSchema(LinkInputFields, BaseSchema):
    """Changes to a link; ``version`` is the one the editor read."""

    version = Integer(required=True)


class LinkFormSchema(LinkInputFields, FormSchema):
    """The link form."""

    version = Integer(allow_none=True)


class LinkSchema(Schema):
    """A link as the API shows it."""

    id = fields.Integer()
    agency_id = fields.Integer()
    provider = fields.Nested(RefSchema)
    consumer = fields.Nested(RefSchema)
    direction = fields.Enum(LinkDirection, by_value=True)
    channel = fields.Enum(Channel, by_value=True)
    data_exchanged = fields.String(allow_none=True)
    protocol = fields.String(allow_none=True)
    status = fields.Enum(LinkStatus, by_value=True)
    agreement_ref = fields.String(allow_none=True)
    version = fields.Integer()
    created_at = fields.DateTime()
    updated_at = fields.DateTime()


class LinkQueryArgsSchema(PaginationQuerySchema):
    """Filters of the link list."""

    class Meta:
        unknown = EXCLUDE

    q = String(allow_none=True, validate=Length(max=200))
    agency = Integer(allow_none=True)
    unit = Integer(allow_none=True)
    application = Integer(allow_none=True)
    channel = Enum(Channel, allow_none=True)
    status = Enum(LinkStatus, allow_none=True)
