"""Schemas of units (OPD) and applications, for the API and the forms."""

from marshmallow import fields

from arch_models.landscape import AppKind, Lifecycle
from registry.models import AgencyKind
from registry.schemas.common import (
    URL,
    BaseSchema,
    Boolean,
    CodeList,
    CodeNameFields,
    Date,
    Enum,
    FormSchema,
    Integer,
    Length,
    ListQuerySchema,
    OneOf,
    Range,
    RecordSchema,
    RefSchema,
    String,
    TimestampedRecordSchema,
    page_schema,
    write_schemas,
)


class UnitInputFields(CodeNameFields):
    """Fields an OPD is written with."""

    acronym = String(allow_none=True, validate=Length(max=40))
    is_ict_unit = Boolean(load_default=False)


UnitCreateSchema, UnitUpdateSchema, UnitFormSchema = write_schemas(
    UnitInputFields, "Unit", create={"agency_id": Integer(required=True)},
    form={"agency_id": Integer(required=True)})


class UnitSchema(RecordSchema):
    """An OPD as the API shows it."""

    code = fields.String()
    name = fields.String()
    acronym = fields.String(allow_none=True)
    is_ict_unit = fields.Boolean()


class ApplicationInputFields(CodeNameFields):
    """Fields an application is written with; every one names its rule in the message."""

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


#: an update (PATCH) changes only the fields sent
ApplicationCreateSchema, ApplicationUpdateSchema, ApplicationFormSchema = write_schemas(
    ApplicationInputFields, "Application")


class ApplicationSchema(TimestampedRecordSchema):
    """An application as the API shows it."""

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


class ApplicationQueryArgsSchema(ListQuerySchema):
    """Search, filters and sort of the application list."""

    kind = Enum(AppKind, allow_none=True)
    lifecycle = Enum(Lifecycle, allow_none=True)
    hosting = String(allow_none=True, validate=Length(max=20))
    integrated = Boolean(allow_none=True)
    live = Boolean(allow_none=True, metadata={"description": "true: only applications not retired"})
    built = Boolean(allow_none=True, metadata={
        "description": "true: only applications built or being built (in development or "
                       "production), those the blockers and the OPD scorecard judge"})
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


class AgencyFormSchema(CodeNameFields, FormSchema):
    """A new instansi and its OPD list (one a line), on the set-up and admin pages."""

    kind = Enum(AgencyKind, required=True)
    zone = String(allow_none=True, validate=Length(max=300))
    units = String(allow_none=True, validate=Length(max=200_000))


#: a page of each list the API answers with
ApplicationPageSchema = page_schema("ApplicationPageSchema", ApplicationSchema)
