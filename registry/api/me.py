"""The signed-in user."""

from flask.views import MethodView
from flask_smorest import Blueprint

from registry.auth import current_actor
from registry.schemas.users import UserSchema

blp = Blueprint("api_me", __name__, url_prefix="/api/v1/me", description="Pengguna")


@blp.route("")
class Me(MethodView):
    """Who the token or session belongs to."""

    @blp.response(200, UserSchema)
    def get(self):
        """Return the signed-in user."""
        return current_actor()
