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
    ReferenceEntryCreateSchema,
    ReferenceEntrySchema,
    ReferenceEntryUpdateSchema,
    ReviewCreateSchema,
    ReviewSchema,
    ReviewUpdateSchema,
)
from registry.services import analysis, documents, inventory, management, reference

blp = Blueprint("api_management", __name__, url_prefix="/api/v1",
                description="Arsitektur manajemen TIK (management areas, audits, reviews)")


class AgencyArgsSchema(BaseSchema):
    """Which agency (default: the first)."""

    class Meta:
        unknown = EXCLUDE

    agency = Integer(allow_none=True)


def _view(key, name, record, fields, **extra):
    """Flatten a keyed record (or its absence) into what the API shows."""
    values = {"name": name, **extra}
    if record is not None:
        values |= {field: getattr(record, field) for field in (*fields, "version")}
    return values


def _area_view(key, name, indicator, record):
    view = _view(key, name, record, management.AREA_FIELDS, area=key, indicator=indicator,
                 status="none")
    if record is not None:
        view["status"] = record.status.value
    return view


def _document_view(key, name, record):
    return _view(key, name, record, documents.DOCUMENT_FIELDS, kind=key, domains=[],
                 complete=False, beyond_instansi=False)


def _keyed_resource(path, name, *, rows, save, view, input_schema, output_schema):
    """Add GET (every key of the catalogue) and PUT (one key) for records kept per key."""

    @blp.route(f"/{path}", endpoint=f"{name}_list")
    class KeyedList(MethodView):
        @blp.arguments(AgencyArgsSchema, location="query")
        @blp.response(200, output_schema(many=True))
        def get(self, args):
            """List every key of the catalogue with the agency's record of it."""
            agency = analysis.resolve_agency(args.get("agency"))
            return [view(*row) for row in rows(agency.id)]

    @blp.route(f"/{path}/<key>", endpoint=f"{name}_item")
    class KeyedItem(MethodView):
        @blp.arguments(AgencyArgsSchema, location="query")
        @blp.arguments(input_schema)
        @blp.response(200, output_schema)
        def put(self, args, data, key):
            """Record one key; ``version`` is required once its record exists."""
            agency = analysis.resolve_agency(args.get("agency"))
            version = data.pop("version", None)
            save(agency.id, key, data, actor=current_actor(), expected_version=version)
            return next(view(*row) for row in rows(agency.id) if row[0] == key)


_keyed_resource("management-areas", "area", rows=management.areas_of,
                save=management.save_area, view=_area_view, input_schema=AreaInputSchema,
                output_schema=AreaSchema)
_keyed_resource("architecture-documents", "document", rows=documents.documents_of,
                save=documents.save_document, view=_document_view,
                input_schema=DocumentInputSchema, output_schema=DocumentSchema)


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


@blp.route("/reviews/<int:review_id>")
class ReviewItem(MethodView):
    """One application review."""

    @blp.arguments(ReviewUpdateSchema(partial=tuple(ReviewCreateSchema().fields)))
    @blp.response(200, ReviewSchema)
    def patch(self, data, review_id):
        """Change a review; ``version`` must be the one you read (409 otherwise)."""
        version = data.pop("version")
        return management.update_review(review_id, data, actor=current_actor(),
                                        expected_version=version)

    @blp.response(204)
    def delete(self, review_id):
        """Delete a review recorded by mistake."""
        management.delete_review(review_id, actor=current_actor())


@blp.route("/reference-entries")
class ReferenceEntryList(MethodView):
    """The agency's catalogue of reference codes."""

    @blp.arguments(AgencyArgsSchema, location="query")
    @blp.response(200, ReferenceEntrySchema(many=True))
    def get(self, args):
        """List the catalogue, by code."""
        return reference.list_entries(analysis.resolve_agency(args.get("agency")).id)

    @blp.arguments(ReferenceEntryCreateSchema)
    @blp.response(201, ReferenceEntrySchema)
    def post(self, data):
        """Add a code (normalised on input, unique in the agency)."""
        return reference.create_entry(data, actor=current_actor())


@blp.route("/reference-entries/<int:entry_id>")
class ReferenceEntryItem(MethodView):
    """One catalogue entry."""

    @blp.arguments(ReferenceEntryUpdateSchema(partial=("code", "name", "description")))
    @blp.response(200, ReferenceEntrySchema)
    def patch(self, data, entry_id):
        """Change an entry; ``version`` must be the one you read (409 otherwise)."""
        version = data.pop("version")
        return reference.update_entry(entry_id, data, actor=current_actor(),
                                      expected_version=version)

    @blp.response(204)
    def delete(self, entry_id):
        """Remove an entry."""
        reference.delete_entry(entry_id, actor=current_actor())
