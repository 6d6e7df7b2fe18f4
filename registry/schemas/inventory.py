"""Schemas of units (OPD) and applications, for the API and the forms."""

from marshmallow import EXCLUDE, Schema, fields

from arch_models.landscape import AppKind, Lifecycle
from registry.models import AgencyKind
from registry.schemas.common import (
    CODE_PATTERN,
    URL,
    BaseSchema,
    Boolean,
    CodeList,
    Date,
    Enum,
    FormSchema,
    Integer,
    Length,
    OneOf,
    PaginationQuerySchema,
    Range,
    RefSchema,
    String,
)


class UnitInputFields:
    """Fields an OPD is written with."""

    code = String(required=True, validate=[Length(min=1, max=40), CODE_PATTERN])
    name = String(required=True, validate=Length(min=1, max=200))
    acronym = String(allow_none=True, validate=Length(max=40))
    is_ict_unit = Boolean(load_default=False)


class UnitCreateSchema(UnitInputFields, BaseSchema):
    """A new OPD."""

    agency_id = Integer(required=True)


class UnitUpdateSchema(UnitInputFields, BaseSchema):
    """Changes to an OPD; ``version`` is the one the editor read."""

    version = Integer(required=True)


class UnitFormSchema(UnitInputFields, FormSchema):
    """The OPD form."""

    agency_id = Integer(required=True)
    version = Integer(allow_none=True)


class UnitSchema(Schema):
    """An OPD as the API shows it."""

    id = fields.Integer()
    agency_id = fields.Integer()
    code = fields.String()
    name = fields.String()
    acronym = fields.String(allow_none=True)
    is_ict_unit = fields.Boolean()
    version = fields.Integer()


class ApplicationInputFields:
    """Fields an application is written with; every one names its rule in the message."""

    code = String(required=True, validate=[Length(min=1, max=40), CODE_PATTERN])
    name = String(required=True, validate=Length(min=1, max=200))
    acronym = String(allow_none=True, validate=Length(max=40))
    description = String(allow_none=True, validate=Length(max=5000))
    kind = Enum(AppKind, load_default=AppKind.KHUSUS)
    owner_unit_id = Integer(required=True)
    lifecycle = Enum(Lifecycle, load_default=Lifecycle.PLANNED)
    started_on = Date(allow_none=True)
    retired_on = Date(allow_none=True)
    reference_code = String(allow_none=True, validate=Length(max=40))
    hosting_id = Integer(allow_none=True)
    backup_hosting_id = Integer(allow_none=True)
    service_codes = CodeList(load_default=list)
    data_codes = CodeList(load_default=list)
    url = String(allow_none=True, validate=[Length(max=500),
                                            URL(relative=False, schemes={"http", "https"})])
    consulted_ict_unit_on = Date(allow_none=True)
    ict_controlled = Boolean(load_default=False)
    #: shown in the public catalogue; architects and admins decide
    published = Boolean(load_default=False)
    last_review_on = Date(allow_none=True)
    review_followup = String(allow_none=True, validate=Length(max=300))
    service_indicator = Integer(allow_none=True, validate=Range(min=32, max=47))


class ApplicationCreateSchema(ApplicationInputFields, BaseSchema):
    """A new application."""


class ApplicationUpdateSchema(ApplicationInputFields, BaseSchema):
    """Changes to an application (PATCH): only the fields sent change; ``version`` is required."""

    version = Integer(required=True)


class ApplicationFormSchema(ApplicationInputFields, FormSchema):
    """The application form; ``version`` travels in a hidden field."""

    version = Integer(allow_none=True)


class ApplicationSchema(Schema):
    """An application as the API shows it."""

    id = fields.Integer()
    agency_id = fields.Integer()
    code = fields.String()
    name = fields.String()
    acronym = fields.String(allow_none=True)
    description = fields.String(allow_none=True)
    kind = fields.Enum(AppKind, by_value=True)
    owner_unit = fields.Nested(RefSchema)
    lifecycle = fields.Enum(Lifecycle, by_value=True)
    started_on = fields.Date(allow_none=True)
    retired_on = fields.Date(allow_none=True)
    reference_code = fields.String(allow_none=True)
    hosting = fields.Nested(RefSchema, allow_none=True)
    backup_hosting = fields.Nested(RefSchema, allow_none=True)
    service_codes = fields.List(fields.String())
    data_codes = fields.List(fields.String())
    url = fields.String(allow_none=True)
    consulted_ict_unit_on = fields.Date(allow_none=True)
    ict_controlled = fields.Boolean()
    published = fields.Boolean()
    last_review_on = fields.Date(allow_none=True)
    review_followup = fields.String(allow_none=True)
    service_indicator = fields.Integer(allow_none=True)
    integrated = fields.Boolean(
        metadata={"description": "Has an active link through the service bus (SPLP)."}
    )
    version = fields.Integer()
    created_at = fields.DateTime()
    updated_at = fields.DateTime()


class ApplicationQueryArgsSchema(PaginationQuerySchema):
    """Search, filters and sort of the application list."""

    class Meta:
        unknown = EXCLUDE

    q = String(allow_none=True, validate=Length(max=200))
    agency = Integer(allow_none=True)
    unit = Integer(allow_none=True)
    kind = Enum(AppKind, allow_none=True)
    lifecycle = Enum(Lifecycle, allow_none=True)
    hosting = String(allow_none=True, validate=Length(max=20))
    integrated = Boolean(allow_none=True)
    live = Boolean(allow_none=True, metadata={"description": "true: only applications not retired"})
    missing = String(allow_none=True, validate=OneOf((
        "reference_code", "hosting", "outside_hosting", "review", "consultation", "services")))
    sort = String(
        load_default="name",
        validate=Length(max=20),
        metadata={"description": "name, code, lifecycle, unit or updated; '-' reverses"},
    )


class RetireSchema(BaseSchema):
    """Retiring an application."""

    version = Integer(allow_none=True)
    retired_on = Date(allow_none=True)


class AgencyFormSchema(FormSchema):
    """A new instansi and its OPD list (one a line), on the set-up and admin pages."""

    code = String(required=True, validate=[Length(min=1, max=40), CODE_PATTERN])
    name = String(required=True, validate=Length(min=1, max=200))
    kind = Enum(AgencyKind, required=True)
    zone = String(allow_none=True, validate=Length(max=300))
    units = String(allow_none=True, validate=Length(max=200_000))
