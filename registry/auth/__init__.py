"""Who is asking: session sign-in for pages, bearer tokens for the API, and the sign-in gate."""

from flask import g, jsonify, redirect, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from registry.extensions import db

#: endpoints an anonymous visitor may reach: the login page and the files it needs
PUBLIC_ENDPOINTS = {"auth.login", "auth.set_language", "static", "bootstrap.static"}


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

    @login_manager.request_loader
    def load_user_from_token(req):
        header = req.headers.get("Authorization", "")
        if not header.startswith("Bearer "):
            return None
        user = users.user_for_token(header[len("Bearer "):].strip())
        if user is not None:
            g.token_auth = True  # token requests carry no cookie, so no CSRF token either
        return user

    @app.before_request
    def require_sign_in():
        if request.endpoint in PUBLIC_ENDPOINTS or current_user.is_authenticated:
            return None
        if request.path.startswith("/api/"):
            return jsonify({"errors": {"_schema": [_("Silakan masuk atau kirim token API.")]}}), 401
        return redirect(url_for("auth.login", next=request.full_path.rstrip("?")))


def current_actor():
    """Return the signed-in user, the actor the services are called with."""
    return current_user._get_current_object() if current_user.is_authenticated else None
