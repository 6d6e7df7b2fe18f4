"""Integration links resource."""

from flask.views import MethodView
from flask_smorest import Blueprint

from registry.auth import current_actor
from registry.schemas.changes import ChangeSchema
from registry.schemas.integrations import (
    LinkCreateSchema,
    LinkPageSchema,
    LinkQueryArgsSchema,
    LinkSchema,
    LinkUpdateSchema,
)
from registry.services import changelog, integrations
from registry.web import LINK_FILTERS

blp = Blueprint(
    "api_links", __name__, url_prefix="/api/v1/integration-links",
    description="Tautan integrasi (integration links)",
)


@blp.route("")
class LinkList(MethodView):
    """The link list."""

    @blp.arguments(LinkQueryArgsSchema, location="query")
    @blp.response(200, LinkPageSchema)
    def get(self, args):
        """List integration links with filters and pages."""
        return LINK_FILTERS.page(args)

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
