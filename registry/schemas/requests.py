"""Schemas of OPD requests, the domain register and the inbox."""

from marshmallow import EXCLUDE, Schema, fields

from arch_models.landscape import Channel
from arch_models.requests import RequestAction, RequestKind, RequestState
from registry.models import DomainStatus
from registry.schemas.common import (
    BaseSchema,
    Boolean,
    CodeList,
    Date,
    Enum,
    FormSchema,
    Integer,
    Length,
    ListQuerySchema,
    OneOf,
    Range,
    RefSchema,
    String,
    TimestampedRecordSchema,
    page_schema,
    write_schemas,
)


class _Common:
    """Fields every request has; ``unit_id`` is the operator's own OPD when left out."""

    unit_id = Integer(allow_none=True)
    purpose = String(allow_none=True, validate=Length(max=4000))
    justification = String(allow_none=True, validate=Length(max=4000))


class SubdomainFields(_Common):
    """A sub-domain request."""

    label = String(required=True, validate=Length(max=253))
    application_id = Integer(allow_none=True)
    technical_contact = String(allow_none=True, validate=Length(max=200))
    hosted_in_indonesia = Boolean(load_default=True)


class ApplicationFields(_Common):
    """A new-application request."""

    name = String(required=True, validate=Length(min=3, max=200))
    acronym = String(allow_none=True, validate=Length(max=40))
    business_process = String(allow_none=True, validate=Length(max=500))
    service_codes = CodeList(load_default=list)
    reference_code = String(allow_none=True, validate=Length(max=40))
    data_used = String(allow_none=True, validate=Length(max=1000))
    target_users = String(allow_none=True, validate=Length(max=500))
    proposed_hosting_id = Integer(allow_none=True)
    create_initiative = Boolean(load_default=False)
    initiative_year = Integer(allow_none=True, validate=Range(min=2000, max=2100))


class LinkFields(_Common):
    """An integration-link request."""

    provider_id = Integer(required=True)
    consumer_id = Integer(required=True)
    channel = Enum(Channel, required=True)
    data_exchanged = String(allow_none=True, validate=Length(max=300))
    protocol = String(allow_none=True, validate=Length(max=60))


FIELDS_OF_KIND = {
    RequestKind.SUBDOMAIN: SubdomainFields,
    RequestKind.APPLICATION: ApplicationFields,
    RequestKind.LINK: LinkFields,
}


def _schemas(base, extra=None):
    return {kind: type(f"{kind.value.title()}{base.__name__}", (fields_, base), dict(extra or {}))
            for kind, fields_ in FIELDS_OF_KIND.items()}


#: kind -> schema of the API's create body, the API's patch body and the HTML form
CREATE_SCHEMAS = _schemas(BaseSchema)
UPDATE_SCHEMAS = _schemas(BaseSchema, {"version": Integer(required=True)})
FORM_SCHEMAS = _schemas(FormSchema, {"version": Integer(allow_none=True)})


class TransitionSchema(BaseSchema):
    """A decision or a step of the requester: the reason is required to reject."""

    action = Enum(RequestAction, required=True)
    reason = String(allow_none=True, validate=Length(max=4000))
    justification = String(allow_none=True, validate=Length(max=4000))
    version = Integer(allow_none=True)


class TransitionFormSchema(TransitionSchema, FormSchema):
    """The buttons of the request page."""


class ReasonSchema(Schema):
    """Why a candidate looks like a duplicate."""

    kind = fields.String()
    detail = fields.String()


class DuplicateSchema(Schema):
    """An application that may already do the job."""

    application_id = fields.Integer(allow_none=True)
    name = fields.String()
    acronym = fields.String(allow_none=True)
    unit = fields.String(allow_none=True)
    aplikasi_umum = fields.Boolean()
    score = fields.Float()
    reasons = fields.List(fields.Nested(ReasonSchema))


class UserRefSchema(Schema):
    """Who did it."""

    id = fields.Integer()
    name = fields.String()


class RequestSchema(TimestampedRecordSchema):
    """A request as the API shows it."""

    kind = fields.Enum(RequestKind, by_value=True)
    state = fields.Enum(RequestState, by_value=True)
    unit = fields.Nested(RefSchema)
    counterpart_unit = fields.Nested(RefSchema, allow_none=True)
    requester = fields.Nested(UserRefSchema, allow_none=True)
    title = fields.String()
    key = fields.String(allow_none=True)
    purpose = fields.String(allow_none=True)
    payload = fields.Dict()
    duplicates = fields.List(fields.Nested(DuplicateSchema))
    justification = fields.String(allow_none=True)
    submitted_at = fields.DateTime(allow_none=True)
    decided_at = fields.DateTime(allow_none=True)
    decider = fields.Nested(UserRefSchema, allow_none=True)
    decision_reason = fields.String(allow_none=True)
    result_type = fields.String(allow_none=True)
    result_id = fields.Integer(allow_none=True)
    overdue = fields.Boolean()


class RequestQueryArgsSchema(ListQuerySchema):
    """Filters of the request lists."""

    scope = String(load_default="all", validate=OneOf(("mine", "queue", "all")))
    state = Enum(RequestState, allow_none=True)
    kind = Enum(RequestKind, allow_none=True)
    overdue = Boolean(load_default=False)


class LabelCheckArgsSchema(BaseSchema):
    """A label to check before asking."""

    class Meta:
        unknown = EXCLUDE

    label = String(required=True, validate=Length(max=253))
    unit = Integer(allow_none=True)


class LabelCheckSchema(Schema):
    """The outcome of a label check."""

    label = fields.String()
    fqdn = fields.String(allow_none=True)
    available = fields.Boolean()
    problems = fields.List(fields.String())


class DomainFields:
    """Fields a domain name is written with."""

    fqdn = String(required=True, validate=Length(min=3, max=253))
    unit_id = Integer(required=True)
    application_id = Integer(allow_none=True)
    status = Enum(DomainStatus, load_default=DomainStatus.ACTIVE)
    technical_contact = String(allow_none=True, validate=Length(max=200))
    hosted_in_indonesia = Boolean(load_default=True)
    tls_expires_on = Date(allow_none=True)


DomainCreateSchema, DomainUpdateSchema, DomainFormSchema = write_schemas(DomainFields, "Domain")


class DomainSchema(TimestampedRecordSchema):
    """A domain name as the API shows it."""

    fqdn = fields.String()
    unit = fields.Nested(RefSchema)
    application = fields.Nested(RefSchema, allow_none=True)
    status = fields.Enum(DomainStatus, by_value=True)
    technical_contact = fields.String(allow_none=True)
    hosted_in_indonesia = fields.Boolean()
    tls_expires_on = fields.Date(allow_none=True)


DOMAIN_FLAGS = ("no_application", "tls_expiring", "no_tls", "outside_indonesia")


class DomainQueryArgsSchema(ListQuerySchema):
    """Filters of the domain register."""

    status = Enum(DomainStatus, allow_none=True)
    flag = String(allow_none=True, validate=OneOf(DOMAIN_FLAGS))


class NotificationSchema(Schema):
    """One entry of the inbox, in the reader's language."""

    id = fields.Integer()
    event = fields.String()
    message = fields.String()
    request_id = fields.Integer(allow_none=True)
    created_at = fields.DateTime()
    read_at = fields.DateTime(allow_none=True)


class MarkReadSchema(BaseSchema):
    """Which notifications to mark read; all when ``ids`` is left out."""

    ids = fields.List(Integer(), allow_none=True, load_default=None)


#: a page of each list the API answers with
RequestPageSchema = page_schema("RequestPageSchema", RequestSchema)
DomainPageSchema = page_schema("DomainPageSchema", DomainSchema)
NotificationPageSchema = page_schema("NotificationPageSchema", NotificationSchema)
