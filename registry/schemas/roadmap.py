"""Schemas of the Peta Rencana: initiatives and their yearly lines."""

from marshmallow import Schema, fields

from arch_models.roadmap import CONTENT_AREAS
from registry.models import InitiativeStatus
from registry.schemas.common import (
    CODE_PATTERN,
    BaseSchema,
    Enum,
    FormSchema,
    Integer,
    Length,
    Money,
    OneOf,
    PaginationQuerySchema,
    Range,
    RecordSchema,
    String,
)

YEAR = Range(min=2000, max=2100)
CONTENT_AREA = OneOf(CONTENT_AREAS)


class YearLineSchema(BaseSchema):
    """One year's target and budget line."""

    year = Integer(required=True, validate=YEAR)
    target = String(allow_none=True, validate=Length(max=500))
    program_code = String(allow_none=True, validate=Length(max=40))
    activity_code = String(allow_none=True, validate=Length(max=40))
    sub_activity_code = String(allow_none=True, validate=Length(max=40))
    amount = Money(allow_none=True)


class ElementSchema(BaseSchema):
    """An application the initiative builds, changes or retires."""

    application_id = Integer(required=True)
    action = String(required=True, validate=OneOf(("build", "change", "retire")))


class InitiativeFields:
    """Fields an initiative is written with."""

    code = String(required=True, validate=[Length(min=1, max=40), CODE_PATTERN])
    title = String(required=True, validate=Length(min=1, max=300))
    content_area = String(required=True, validate=CONTENT_AREA)
    owner_unit_id = Integer(required=True)
    indicators = fields.List(Integer(), load_default=list)
    start_year = Integer(required=True, validate=YEAR)
    end_year = Integer(required=True, validate=YEAR)
    status = Enum(InitiativeStatus, load_default=InitiativeStatus.PLANNED)
    description = String(allow_none=True, validate=Length(max=5000))
    years = fields.List(fields.Nested(YearLineSchema), load_default=list)
    elements = fields.List(fields.Nested(ElementSchema), load_default=list)


class InitiativeCreateSchema(InitiativeFields, BaseSchema):
    """A new initiative."""


class InitiativeUpdateSchema(InitiativeFields, BaseSchema):
    """Changes to an initiative; ``version`` is the one the editor read."""

    version = Integer(required=True)


class YearLineFormSchema(YearLineSchema, FormSchema):
    """A yearly line in the initiative form."""


class InitiativeFormSchema(InitiativeFields, FormSchema):
    """The initiative form; years arrive as ``years-N-field`` and are gathered first."""

    years = fields.List(fields.Nested(YearLineFormSchema), load_default=list)
    version = Integer(allow_none=True)


class YearLineOutSchema(Schema):
    """A yearly line as the API shows it."""

    year = fields.Integer()
    target = fields.String(allow_none=True)
    program_code = fields.String(allow_none=True)
    activity_code = fields.String(allow_none=True)
    sub_activity_code = fields.String(allow_none=True)
    amount = fields.Float(allow_none=True)  # rupiah amounts stay exact well below 2**53


class InitiativeSchema(RecordSchema):
    """An initiative as the API shows it."""

    code = fields.String()
    title = fields.String()
    content_area = fields.String()
    owner_unit_id = fields.Integer()
    indicators = fields.List(fields.Integer())
    start_year = fields.Integer()
    end_year = fields.Integer()
    status = fields.Enum(InitiativeStatus, by_value=True)
    description = fields.String(allow_none=True)
    years = fields.List(fields.Nested(YearLineOutSchema))
    elements = fields.List(fields.Dict())


class InitiativeQueryArgsSchema(PaginationQuerySchema):
    """Filters of the initiative list."""

    agency = Integer(allow_none=True)
    year = Integer(allow_none=True, validate=YEAR)
    content_area = String(allow_none=True, validate=CONTENT_AREA)
    status = Enum(InitiativeStatus, allow_none=True)
    unit = Integer(allow_none=True)
