"""Schemas of the OPD scorecard, targets, bulk confirmation and the talent register."""

from marshmallow import EXCLUDE, Schema, fields

from registry.schemas.common import (
    BaseSchema,
    Date,
    Float,
    FormSchema,
    Integer,
    Length,
    ListQuerySchema,
    OneOf,
    Range,
    RecordSchema,
    RefSchema,
    String,
    page_schema,
    write_schemas,
)


class ScorecardArgsSchema(BaseSchema):
    """Which year's targets, and which agency."""

    class Meta:
        unknown = EXCLUDE

    year = Integer(allow_none=True, validate=Range(min=2000, max=2100))
    agency = Integer(allow_none=True)


class TargetSchema(BaseSchema):
    """An OPD's target score for a year."""

    unit_id = Integer(required=True)
    year = Integer(required=True, validate=Range(min=2000, max=2100))
    target = Float(required=True, validate=Range(min=1, max=100))
    note = String(allow_none=True, validate=Length(max=1000))


class TargetFormSchema(TargetSchema, FormSchema):
    """The target form of the scorecard page."""


class ConfirmSchema(BaseSchema):
    """Records an operator confirms are still true."""

    application_ids = fields.List(Integer(), load_default=list)
    domain_ids = fields.List(Integer(), load_default=list)


class ConfirmFormSchema(ConfirmSchema, FormSchema):
    """The check boxes of the desk."""


class CertificateFields:
    """Fields a certificate is written with."""

    unit_id = Integer(required=True)
    person_name = String(required=True, validate=Length(min=2, max=200))
    employee_number = String(allow_none=True, validate=Length(max=40))
    position = String(allow_none=True, validate=Length(max=200))
    competence = String(required=True, validate=Length(min=2, max=200))
    certificate = String(required=True, validate=Length(min=2, max=200))
    issuer = String(required=True, validate=Length(min=2, max=200))
    number = String(allow_none=True, validate=Length(max=100))
    issued_on = Date(allow_none=True)
    expires_on = Date(allow_none=True)


CertificateCreateSchema, CertificateUpdateSchema, CertificateFormSchema = write_schemas(
    CertificateFields, "Certificate")


class CertificateSchema(RecordSchema):
    """A certificate as the API shows it."""

    unit = fields.Nested(RefSchema)
    person_name = fields.String()
    employee_number = fields.String(allow_none=True)
    position = fields.String(allow_none=True)
    competence = fields.String()
    certificate = fields.String()
    issuer = fields.String()
    number = fields.String(allow_none=True)
    issued_on = fields.Date(allow_none=True)
    expires_on = fields.Date(allow_none=True)


class TalentQueryArgsSchema(ListQuerySchema):
    """Filters of the talent register."""

    status = String(allow_none=True, validate=OneOf(("valid", "expiring", "expired")))


class OpdScoreSchema(Schema):
    """One OPD's scorecard row."""

    unit_id = fields.Integer()
    code = fields.String()
    name = fields.String()
    agency_id = fields.Integer()
    score = fields.Float(allow_none=True)
    rank = fields.Integer(allow_none=True)
    target = fields.Float(allow_none=True)
    progress = fields.Float(allow_none=True)
    target_met = fields.Boolean(allow_none=True)
    components = fields.Dict(keys=fields.String(), values=fields.Float(allow_none=True))
    applications = fields.Dict(keys=fields.String(), values=fields.Integer())
    facts = fields.Dict(keys=fields.String(), values=fields.Raw())
    instrument = fields.String(metadata={"description": "the instrument of the year, whose "
                                                       "indicators the blockers count"})
    blockers = fields.Dict(keys=fields.String(), values=fields.Integer(), metadata={
        "description": "records capping each indicator of the instrument, by number"})


#: a page of each list the API answers with
CertificatePageSchema = page_schema("CertificatePageSchema", CertificateSchema)
