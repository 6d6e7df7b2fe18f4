"""Schemas of management areas, audit records and application reviews."""

from marshmallow import Schema, fields

from arch_models.landscape import AuditorKind, AuditType
from arch_models.reference.documents import NATIONAL_DOMAINS
from registry.models import AreaStatus
from registry.schemas.common import (
    Boolean,
    Date,
    Enum,
    Integer,
    Length,
    OneOf,
    RecordSchema,
    String,
    save_schemas,
    write_schemas,
)


class AreaFields:
    """Fields a management area is recorded with."""

    status = Enum(AreaStatus, required=True)
    guideline_ref = String(allow_none=True, validate=Length(max=200))
    guideline_date = Date(allow_none=True)
    roadmap_ref = String(allow_none=True, validate=Length(max=200))
    last_review_on = Date(allow_none=True)
    note = String(allow_none=True, validate=Length(max=5000))


AreaInputSchema, AreaFormSchema = save_schemas(AreaFields, "Area")


class AreaSchema(Schema):
    """A management area as the API shows it."""

    area = fields.String()
    name = fields.String()
    indicator = fields.Integer()
    status = fields.String()
    guideline_ref = fields.String(allow_none=True)
    guideline_date = fields.Date(allow_none=True)
    roadmap_ref = fields.String(allow_none=True)
    last_review_on = fields.Date(allow_none=True)
    note = fields.String(allow_none=True)
    version = fields.Integer(allow_none=True)


class AuditFields:
    """Fields an audit record is written with."""

    type = Enum(AuditType, required=True)
    object_name = String(required=True, validate=Length(min=1, max=200))
    performed_on = Date(required=True)
    auditor_kind = Enum(AuditorKind, required=True)
    auditor_name = String(allow_none=True, validate=Length(max=200))
    conclusion = String(allow_none=True, validate=Length(max=5000))
    findings = String(allow_none=True, validate=Length(max=5000))
    follow_up = String(allow_none=True, validate=Length(max=5000))
    followed_up = Boolean(load_default=False)


AuditCreateSchema, AuditUpdateSchema, AuditFormSchema = write_schemas(
    AuditFields, "Audit", create={"agency_id": Integer(required=True)})


class AuditSchema(RecordSchema):
    """An audit record as the API shows it."""

    type = fields.Enum(AuditType, by_value=True)
    object_name = fields.String()
    performed_on = fields.Date()
    auditor_kind = fields.Enum(AuditorKind, by_value=True)
    auditor_name = fields.String(allow_none=True)
    conclusion = fields.String(allow_none=True)
    findings = fields.String(allow_none=True)
    follow_up = fields.String(allow_none=True)
    followed_up = fields.Boolean()


class ReviewFields:
    """Fields an application review is recorded with."""

    reviewed_on = Date(required=True)
    reviewer = String(required=True, validate=Length(min=1, max=200))
    outcome = String(allow_none=True, validate=Length(max=5000))
    followup_document = String(allow_none=True, validate=Length(max=300))


ReviewCreateSchema, ReviewUpdateSchema, ReviewFormSchema = write_schemas(ReviewFields, "Review")


class ReviewSchema(Schema):
    """A review as the API shows it."""

    id = fields.Integer()
    application_id = fields.Integer()
    reviewed_on = fields.Date()
    reviewer = fields.String()
    outcome = fields.String(allow_none=True)
    followup_document = fields.String(allow_none=True)
    version = fields.Integer()


class DocumentFields:
    """Fields an architecture document is recorded with."""

    number = String(allow_none=True, validate=Length(max=200))
    issued_on = Date(allow_none=True)
    enacted_by = String(allow_none=True, validate=Length(max=200))
    last_review_on = Date(allow_none=True)
    review_followup = String(allow_none=True, validate=Length(max=300))
    domains = fields.List(String(validate=OneOf(tuple(NATIONAL_DOMAINS))), load_default=list)
    complete = Boolean(load_default=False)
    beyond_instansi = Boolean(load_default=False)


DocumentInputSchema, DocumentFormSchema = save_schemas(DocumentFields, "Document")


class DocumentSchema(Schema):
    """An architecture document as the API shows it."""

    kind = fields.String()
    name = fields.String()
    number = fields.String(allow_none=True)
    issued_on = fields.Date(allow_none=True)
    enacted_by = fields.String(allow_none=True)
    last_review_on = fields.Date(allow_none=True)
    review_followup = fields.String(allow_none=True)
    domains = fields.List(fields.String())
    complete = fields.Boolean()
    beyond_instansi = fields.Boolean()
    version = fields.Integer(allow_none=True)


class ReferenceEntryFields:
    """Fields a catalogue entry is written with."""

    code = String(required=True, validate=Length(min=1, max=40))
    name = String(required=True, validate=Length(min=1, max=300))
    description = String(allow_none=True, validate=Length(max=5000))


ReferenceEntryCreateSchema, ReferenceEntryUpdateSchema, ReferenceEntryFormSchema = write_schemas(
    ReferenceEntryFields, "ReferenceEntry", create={"agency_id": Integer(required=True)})


class ReferenceEntrySchema(RecordSchema):
    """A catalogue entry as the API shows it."""

    code = fields.String()
    prefix = fields.String()
    name = fields.String()
    description = fields.String(allow_none=True)
