"""Who is asking: session sign-in for pages, bearer tokens for the API, and the sign-in gate."""

from flask import g, jsonify, redirect, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from registry.extensions import db

#: endpoints an anonymous visitor may reach: the login page and the files it needs
PUBLIC_ENDPOINTS = {"auth.login", "auth.set_language", "static", "bootstrap.static",
                    "catalogue.index"}


def init_login(app, login_manager):
    """Wire Flask-Login: users from the session or from an API token, and the sign-in gate."""
    from registry import models
    from registry.services import users

    login_manager.init_app(app)
    login_manager.login_view = "auth.login"
    login_manager.login_message = None  # the login page says it already

    @login_manager.user_loader
    def load_user(user_id):
        user = db.session.get(models.User, int(user_id))
        return user if user is not None and user.active else None

    @app.before_request
    def require_sign_in():
        header = request.headers.get("Authorization", "")
        if header.startswith("Bearer "):
            # A token names its user whatever session cookie came along; it carries no
            # CSRF token, so writes made with it skip that check.
            user = users.user_for_token(header[len("Bearer "):].strip())
            if user is None:
                message = _("Token API tidak sah atau dicabut.")
                return jsonify({"errors": {"_schema": [message]}}), 401
            g._login_user = user
            g.token_auth = True
            return None
        if request.endpoint in PUBLIC_ENDPOINTS or current_user.is_authenticated:
            return None
        if request.path.startswith("/api/"):
            return jsonify({"errors": {"_schema": [_("Silakan masuk atau kirim token API.")]}}), 401
        return redirect(url_for("auth.login", next=request.full_path.rstrip("?")))


def current_actor():
    """Return the signed-in user, the actor the services are called with."""
    return current_user._get_current_object() if current_user.is_authenticated else None
