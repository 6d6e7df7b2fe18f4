"""OPD requests, the domain register and the inbox, as JSON."""

from flask import request
from flask.views import MethodView
from flask_babel import gettext as _
from flask_smorest import Blueprint
from marshmallow import Schema, ValidationError, fields

from arch_models.requests import RequestKind
from registry.auth import current_actor
from registry.schemas.changes import ChangeSchema
from registry.schemas.common import translate_errors
from registry.schemas.requests import (
    CREATE_SCHEMAS,
    UPDATE_SCHEMAS,
    DomainCreateSchema,
    DomainPageSchema,
    DomainQueryArgsSchema,
    DomainSchema,
    DomainUpdateSchema,
    DuplicateSchema,
    LabelCheckArgsSchema,
    LabelCheckSchema,
    MarkReadSchema,
    NotificationPageSchema,
    RequestPageSchema,
    RequestQueryArgsSchema,
    RequestSchema,
    TransitionSchema,
)
from registry.services import changelog, domains, notifications, organisation
from registry.services import requests as service
from registry.web import DOMAIN_FILTERS

blp = Blueprint(
    "api_requests", __name__, url_prefix="/api/v1",
    description="Permintaan OPD, register domain dan kotak masuk (requests, domains, inbox)",
)


def _dump_request(req):
    req.overdue = service.overdue(req)
    return req


def _load(schema, payload):
    """Load a body with the schema of its kind, or answer 422 naming each field."""
    if not isinstance(payload, dict):
        raise _Unprocessable({"_schema": [_("Badan permintaan harus berupa objek JSON.")]})
    try:
        return schema.load(payload)
    except ValidationError as error:
        raise _Unprocessable(translate_errors(error.messages)) from None


class _Unprocessable(Exception):
    """A body that does not fit the schema of its kind."""

    def __init__(self, messages):
        super().__init__("unprocessable")
        self.messages = messages


@blp.errorhandler(_Unprocessable)
def _unprocessable(error):
    return {"errors": error.messages}, 422


@blp.route("/requests")
class RequestList(MethodView):
    """The requests the caller may see."""

    @blp.arguments(RequestQueryArgsSchema, location="query")
    @blp.response(200, RequestPageSchema)
    def get(self, args):
        """List requests: scope mine, queue (waiting for my decision) or all."""
        filters = service.RequestFilters(
            scope=args["scope"], state=args.get("state"), kind=args.get("kind"),
            agency_id=args.get("agency"), unit_id=args.get("unit"), q=args.get("q"),
            overdue=args.get("overdue", False))
        page = service.list_requests(filters, actor=current_actor(), page=args["page"],
                                     per_page=args["per_page"])
        for row in page.items:
            row.request.overdue = row.overdue
        return {"items": [row.request for row in page.items], "total": page.total,
                "page": page.page, "per_page": page.per_page}

    @blp.response(201, RequestSchema)
    def post(self):
        """Draft a request; the body's ``kind`` (subdomain, application, link) picks its fields."""
        body = request.get_json(silent=True)
        body = dict(body) if isinstance(body, dict) else None
        try:
            kind = RequestKind((body or {}).pop("kind", None))
        except ValueError:
            raise _Unprocessable({"kind": [_("Harus salah satu dari: %(choices)s.",
                                             choices=", ".join(k.value for k in RequestKind))]}
                                 ) from None
        data = _load(CREATE_SCHEMAS[kind](), body)
        return _dump_request(service.create_request(kind, data, actor=current_actor()))


@blp.route("/requests/<int:request_id>")
class RequestItem(MethodView):
    """One request."""

    @blp.response(200, RequestSchema)
    def get(self, request_id):
        """Show a request (another OPD's draft is not found)."""
        return _dump_request(service.get_request(request_id, actor=current_actor()))

    @blp.response(200, RequestSchema)
    def patch(self, request_id):
        """Change a draft; ``version`` is the one the editor read."""
        actor = current_actor()
        req = service.get_request(request_id, actor=actor)
        data = _load(UPDATE_SCHEMAS[req.kind](partial=True), request.get_json(silent=True))
        version = data.pop("version", None)  # a missing version is refused by the service
        return _dump_request(service.update_request(req.id, data, actor=actor,
                                                    expected_version=version))


@blp.route("/requests/<int:request_id>/transitions")
class RequestTransition(MethodView):
    """A step of a request's life."""

    @blp.arguments(TransitionSchema)
    @blp.response(200, RequestSchema)
    def post(self, data, request_id):
        """Submit, withdraw, approve or reject (a reason is required to reject).

        Nobody approves or rejects a request they filed (403), architects and admins included.
        """
        req = service.transition(request_id, data["action"], actor=current_actor(),
                                 reason=data.get("reason"),
                                 justification=data.get("justification"),
                                 expected_version=data.get("version"))
        return _dump_request(req)


@blp.route("/requests/<int:request_id>/duplicates")
class RequestDuplicates(MethodView):
    """What may already do the job of a new application."""

    @blp.response(200, DuplicateSchema(many=True))
    def get(self, request_id):
        """Search the inventory and the Aplikasi Umum for applications like this one."""
        req = service.get_request(request_id, actor=current_actor())
        if req.kind != RequestKind.APPLICATION:
            return []
        return [service.match_record(m) for m in service.duplicate_candidates(req)]


@blp.route("/requests/check-label")
class LabelCheck(MethodView):
    """A sub-domain label, checked before asking."""

    @blp.arguments(LabelCheckArgsSchema, location="query")
    @blp.response(200, LabelCheckSchema)
    def get(self, args):
        """Check a label: DNS rules, reserved names, taken or already requested."""
        actor = current_actor()
        unit_id = args.get("unit") or (actor.unit_id if actor else None)
        agency = organisation.get_unit(unit_id).agency if unit_id \
            else organisation.default_agency()
        fqdn, problems = service.check_label(args["label"], agency=agency, unit_id=unit_id)
        return {"label": args["label"], "fqdn": fqdn, "available": not problems,
                "problems": problems}


@blp.route("/domains")
class DomainList(MethodView):
    """The domain register."""

    @blp.arguments(DomainQueryArgsSchema, location="query")
    @blp.response(200, DomainPageSchema)
    def get(self, args):
        """List domain names; ``flag`` narrows to no_application, tls_expiring, no_tls ..."""
        return DOMAIN_FILTERS.page(args)

    @blp.arguments(DomainCreateSchema)
    @blp.response(201, DomainSchema)
    def post(self, data):
        """Register a domain name (architects and admins)."""
        return domains.create_domain(data, actor=current_actor())


@blp.route("/domains/<int:domain_id>")
class DomainItem(MethodView):
    """One domain name."""

    @blp.response(200, DomainSchema)
    def get(self, domain_id):
        """Show a domain name."""
        return domains.get_domain(domain_id)

    @blp.arguments(DomainUpdateSchema(partial=True))
    @blp.response(200, DomainSchema)
    def patch(self, data, domain_id):
        """Change a domain name; ``version`` is the one the editor read.

        An OPD operator attaches its domain to its own OPD's applications only (403 otherwise).
        """
        version = data.pop("version", None)
        return domains.update_domain(domain_id, data, actor=current_actor(),
                                     expected_version=version)


@blp.route("/domains/<int:domain_id>/changes")
class DomainChanges(MethodView):
    """The history of a domain name."""

    @blp.response(200, ChangeSchema(many=True))
    def get(self, domain_id):
        """List the changes of a domain name, newest first."""
        domains.get_domain(domain_id)
        return changelog.history("domain_names", domain_id)


@blp.route("/notifications")
class NotificationList(MethodView):
    """The caller's inbox."""

    @blp.response(200, NotificationPageSchema)
    def get(self):
        """List my notifications, newest first (``unread=1`` for unread only)."""
        actor = current_actor()
        page = notifications.inbox(actor, unread_only=request.args.get("unread") == "1",
                                   page=max(request.args.get("page", 1, type=int) or 1, 1))
        items = [{"id": n.id, "event": n.event, "message": notifications.message_of(n),
                  "request_id": n.request_id, "created_at": n.created_at, "read_at": n.read_at}
                 for n in page.items]
        return {"items": items, "total": page.total, "page": page.page,
                "per_page": page.per_page}


@blp.route("/notifications/read")
class NotificationsRead(MethodView):
    """Mark notifications read."""

    @blp.arguments(MarkReadSchema)
    @blp.response(200, Schema.from_dict({"marked": fields.Integer()}, name="MarkedSchema"))
    def post(self, data):
        """Mark the given notifications read, or all when ``ids`` is left out."""
        return {"marked": notifications.mark_read(current_actor(), data.get("ids"))}
