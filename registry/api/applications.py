"""Applications resource."""

from flask.views import MethodView
from flask_smorest import Blueprint

from registry.auth import current_actor
from registry.schemas.changes import ChangeSchema
from registry.schemas.inventory import (
    ApplicationCreateSchema,
    ApplicationPageSchema,
    ApplicationQueryArgsSchema,
    ApplicationSchema,
    ApplicationUpdateSchema,
    RetireSchema,
)
from registry.services import changelog, inventory
from registry.web import APPLICATION_FILTERS

blp = Blueprint(
    "api_applications", __name__, url_prefix="/api/v1/applications",
    description="Aplikasi (application inventory)",
)


def _view(app):
    return inventory.ApplicationRow(app, inventory.is_integrated(app.id))


@blp.route("")
class ApplicationList(MethodView):
    """The application list."""

    @blp.arguments(ApplicationQueryArgsSchema, location="query")
    @blp.response(200, ApplicationPageSchema)
    def get(self, args):
        """List applications with search, filters, sorting and pages."""
        return APPLICATION_FILTERS.page(args)

    @blp.arguments(ApplicationCreateSchema)
    @blp.response(201, ApplicationSchema)
    def post(self, data):
        """Create an application (architects and admins).

        An OPD operator proposes one with a new-application request instead (403 here).
        """
        return _view(inventory.create_application(data, actor=current_actor()))


@blp.route("/<int:app_id>")
class ApplicationItem(MethodView):
    """One application."""

    @blp.response(200, ApplicationSchema)
    def get(self, app_id):
        """Return one application."""
        return _view(inventory.get_application(app_id))

    @blp.arguments(ApplicationUpdateSchema(partial=tuple(ApplicationCreateSchema().fields)))
    @blp.response(200, ApplicationSchema)
    def patch(self, data, app_id):
        """Change an application; ``version`` must be the one you read (409 otherwise)."""
        version = data.pop("version")
        app = inventory.update_application(
            app_id, data, actor=current_actor(), expected_version=version
        )
        return _view(app)

    @blp.response(204)
    def delete(self, app_id):
        """Delete an application entered by mistake (one with links or domains: 409)."""
        inventory.delete_application(app_id, actor=current_actor())


@blp.route("/<int:app_id>/retire")
class ApplicationRetire(MethodView):
    """Retiring an application."""

    @blp.arguments(RetireSchema)
    @blp.response(200, ApplicationSchema)
    def post(self, data, app_id):
        """Retire an application and its links."""
        app = inventory.retire_application(
            app_id,
            actor=current_actor(),
            expected_version=data.get("version"),
            retired_on=data.get("retired_on"),
        )
        return _view(app)


@blp.route("/<int:app_id>/history")
class ApplicationHistory(MethodView):
    """The change history of one application."""

    @blp.response(200, ChangeSchema(many=True))
    def get(self, app_id):
        """Return the application's changes, newest first."""
        inventory.get_application(app_id)
        return changelog.history("applications", app_id)
