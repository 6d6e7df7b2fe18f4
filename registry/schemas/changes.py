"""Schemas of the change log."""

from marshmallow import EXCLUDE, Schema, fields

from registry.models import ChangeAction
from registry.schemas.common import (
    Enum,
    Integer,
    Length,
    PaginationQuerySchema,
    String,
    page_schema,
)


class ChangeSchema(Schema):
    """One change as the API shows it."""

    id = fields.Integer()
    at = fields.DateTime()
    actor_id = fields.Integer(allow_none=True)
    actor_name = fields.String()
    action = fields.Enum(ChangeAction, by_value=True)
    object_type = fields.String()
    object_id = fields.Integer()
    object_repr = fields.String()
    before = fields.Dict(allow_none=True)
    after = fields.Dict(allow_none=True)
    changed_fields = fields.List(fields.String())


class ChangeQueryArgsSchema(PaginationQuerySchema):
    """Filters of the change feed."""

    class Meta:
        unknown = EXCLUDE

    object_type = String(allow_none=True, validate=Length(max=40))
    action = Enum(ChangeAction, allow_none=True)
    actor = Integer(allow_none=True)


#: a page of each list the API answers with
ChangePageSchema = page_schema("ChangePageSchema", ChangeSchema)
