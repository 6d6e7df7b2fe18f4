"""Integration links resource."""

from flask.views import MethodView
from flask_smorest import Blueprint
from marshmallow import Schema, fields

from registry.auth import current_actor
from registry.schemas.changes import ChangeSchema
from registry.schemas.integrations import (
    LinkCreateSchema,
    LinkQueryArgsSchema,
    LinkSchema,
    LinkUpdateSchema,
)
from registry.services import changelog, integrations

blp = Blueprint(
    "api_links", __name__, url_prefix="/api/v1/integration-links",
    description="Tautan integrasi (integration links)",
)


class LinkPageSchema(Schema):
    """A page of links."""

    items = fields.List(fields.Nested(LinkSchema))
    total = fields.Integer()
    page = fields.Integer()
    per_page = fields.Integer()


def link_filters(args):
    """Turn parsed query arguments into link filters."""
    return integrations.LinkFilters(
        q=args.get("q"), agency_id=args.get("agency"), unit_id=args.get("unit"),
        application_id=args.get("application"), channel=args.get("channel"),
        status=args.get("status"),
    )


@blp.route("")
class LinkList(MethodView):
    """The link list."""

    @blp.arguments(LinkQueryArgsSchema, location="query")
    @blp.response(200, LinkPageSchema)
    def get(self, args):
        """List integration links with filters and pages."""
        return integrations.list_links(link_filters(args), page=args["page"],
                                       per_page=args["per_page"])

    @blp.arguments(LinkCreateSchema)
    @blp.response(201, LinkSchema)
    def post(self, data):
        """Create a link (no self-link, no duplicate active link, no retired application).

        An OPD operator links its own OPD's applications; a link to another OPD's application
        is refused (403) and asked for with a link request (``POST /api/v1/requests``).
        """
        return integrations.create_link(data, actor=current_actor())


@blp.route("/<int:link_id>")
class LinkItem(MethodView):
    """One link."""

    @blp.response(200, LinkSchema)
    def get(self, link_id):
        """Return one link."""
        return integrations.get_link(link_id)

    @blp.arguments(LinkUpdateSchema(partial=tuple(LinkCreateSchema().fields)))
    @blp.response(200, LinkSchema)
    def patch(self, data, link_id):
        """Change a link; ``version`` must be the one you read (409 otherwise).

        An OPD operator changes only links wholly inside its OPD (403 otherwise).
        """
        version = data.pop("version")
        return integrations.update_link(link_id, data, actor=current_actor(),
                                        expected_version=version)


@blp.route("/<int:link_id>/history")
class LinkHistory(MethodView):
    """The change history of one link."""

    @blp.response(200, ChangeSchema(many=True))
    def get(self, link_id):
        """Return the link's changes, newest first."""
        integrations.get_link(link_id)
        return changelog.history("integration_links", link_id)
