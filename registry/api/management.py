"""ICT management resources: management areas, audit records, application reviews."""

from flask.views import MethodView
from flask_smorest import Blueprint
from marshmallow import EXCLUDE

from registry.auth import current_actor
from registry.schemas.common import BaseSchema, Integer
from registry.schemas.management import (
    AreaInputSchema,
    AreaSchema,
    AuditCreateSchema,
    AuditSchema,
    AuditUpdateSchema,
    DocumentInputSchema,
    DocumentSchema,
    ReviewCreateSchema,
    ReviewSchema,
)
from registry.services import analysis, documents, inventory, management

blp = Blueprint("api_management", __name__, url_prefix="/api/v1",
                description="Arsitektur manajemen TIK (management areas, audits, reviews)")


class AgencyArgsSchema(BaseSchema):
    """Which agency (default: the first)."""

    class Meta:
        unknown = EXCLUDE

    agency = Integer(allow_none=True)


def _area_view(key, name, indicator, record):
    values = {"area": key, "name": name, "indicator": indicator, "status": "none"}
    if record is not None:
        values |= {field: getattr(record, field) for field in (
            "guideline_ref", "guideline_date", "roadmap_ref", "last_review_on", "note",
            "version")} | {"status": record.status.value}
    return values


@blp.route("/management-areas")
class AreaList(MethodView):
    """The eight management areas and three audits of an agency."""

    @blp.arguments(AgencyArgsSchema, location="query")
    @blp.response(200, AreaSchema(many=True))
    def get(self, args):
        """List every area of the catalogue with the agency's record of it."""
        agency = analysis.resolve_agency(args.get("agency"))
        return [_area_view(*row) for row in management.areas_of(agency.id)]


@blp.route("/management-areas/<area>")
class AreaItem(MethodView):
    """One management area."""

    @blp.arguments(AgencyArgsSchema, location="query")
    @blp.arguments(AreaInputSchema)
    @blp.response(200, AreaSchema)
    def put(self, args, data, area):
        """Record the state of an area; ``version`` is required once a record exists."""
        agency = analysis.resolve_agency(args.get("agency"))
        version = data.pop("version", None)
        management.save_area(agency.id, area, data, actor=current_actor(),
                             expected_version=version)
        return next(_area_view(*row) for row in management.areas_of(agency.id)
                    if row[0] == area)


@blp.route("/audits")
class AuditList(MethodView):
    """Audit records."""

    @blp.arguments(AgencyArgsSchema, location="query")
    @blp.response(200, AuditSchema(many=True))
    def get(self, args):
        """List audit records, newest first."""
        return management.list_audits(args.get("agency"))

    @blp.arguments(AuditCreateSchema)
    @blp.response(201, AuditSchema)
    def post(self, data):
        """Record an audit."""
        return management.create_audit(data, actor=current_actor())


@blp.route("/audits/<int:audit_id>")
class AuditItem(MethodView):
    """One audit record."""

    @blp.arguments(AuditUpdateSchema(partial=tuple(AuditCreateSchema().fields)))
    @blp.response(200, AuditSchema)
    def patch(self, data, audit_id):
        """Change an audit; ``version`` must be the one you read (409 otherwise)."""
        version = data.pop("version")
        return management.update_audit(audit_id, data, actor=current_actor(),
                                       expected_version=version)

    @blp.response(204)
    def delete(self, audit_id):
        """Delete an audit record entered by mistake."""
        management.delete_audit(audit_id, actor=current_actor())


@blp.route("/applications/<int:app_id>/reviews")
class ReviewList(MethodView):
    """The reviews of one application."""

    @blp.response(200, ReviewSchema(many=True))
    def get(self, app_id):
        """List the application's reviews, newest first."""
        inventory.get_application(app_id)
        return management.reviews_of(app_id)

    @blp.arguments(ReviewCreateSchema)
    @blp.response(201, ReviewSchema)
    def post(self, data, app_id):
        """Record a review; the newest review becomes the application's last review."""
        return management.record_review(app_id, data, actor=current_actor())


def _document_view(kind, name, record):
    values = {"kind": kind, "name": name, "domains": []}
    if record is not None:
        values |= {field: getattr(record, field) for field in (
            "number", "issued_on", "enacted_by", "last_review_on", "review_followup", "domains",
            "version")}
    return values


@blp.route("/architecture-documents")
class DocumentList(MethodView):
    """The formal documents of the architecture and the Peta Rencana."""

    @blp.arguments(AgencyArgsSchema, location="query")
    @blp.response(200, DocumentSchema(many=True))
    def get(self, args):
        """List every document kind with the agency's record of it."""
        agency = analysis.resolve_agency(args.get("agency"))
        return [_document_view(*row) for row in documents.documents_of(agency.id)]


@blp.route("/architecture-documents/<kind>")
class DocumentItem(MethodView):
    """One architecture document."""

    @blp.arguments(AgencyArgsSchema, location="query")
    @blp.arguments(DocumentInputSchema)
    @blp.response(200, DocumentSchema)
    def put(self, args, data, kind):
        """Record a document; ``version`` is required once a record exists."""
        agency = analysis.resolve_agency(args.get("agency"))
        version = data.pop("version", None)
        documents.save_document(agency.id, kind, data, actor=current_actor(),
                                expected_version=version)
        return next(_document_view(*row) for row in documents.documents_of(agency.id)
                    if row[0] == kind)
