"""Who is asking: session sign-in for pages, bearer tokens for the API, and the sign-in gate."""

import time

from flask import current_app, flash, g, jsonify, redirect, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, logout_user

from registry.extensions import db

#: endpoints an anonymous visitor may reach: the login page and the files it needs
PUBLIC_ENDPOINTS = {"auth.login", "auth.set_language", "static", "bootstrap.static",
                    "catalogue.index", "catalogue.show"}
#: what a user with a temporary password may still reach: choosing a new one, or leaving
PASSWORD_CHANGE_ENDPOINTS = {"auth.change_password", "auth.logout", "auth.set_language", "static",
                             "bootstrap.static"}
#: the session's last request is written back at most this often (seconds)
_SEEN_RESOLUTION = 60


def init_login(app, login_manager):
    """Wire Flask-Login: users from the session or from an API token, and the sign-in gate."""
    from registry import models
    from registry.services import users

    login_manager.init_app(app)
    login_manager.login_view = "auth.login"
    login_manager.login_message = None  # the login page says it already

    @login_manager.user_loader
    def load_user(session_id):
        # "<id>.<generation>": a session from before a logout, a deactivation or a new
        # password names an older generation and is refused
        user_id, _dot, generation = str(session_id).partition(".")
        if not (user_id.isdigit() and generation.isdigit()):
            return None
        user = db.session.get(models.User, int(user_id))
        if user is None or not user.active or user.session_generation != int(generation):
            return None
        return user

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
        if current_user.is_authenticated:
            return _session_checks()
        if request.endpoint in PUBLIC_ENDPOINTS:
            return None
        if request.path.startswith("/api/"):
            return jsonify({"errors": {"_schema": [_("Silakan masuk atau kirim token API.")]}}), 401
        return redirect(url_for("auth.login", next=request.full_path.rstrip("?")))


def _session_checks():
    """End an idle session; keep a user with a temporary password on the password page."""
    now, seen = int(time.time()), session.get("seen")
    idle = current_app.config["REGISTRY_SESSION_IDLE_MINUTES"] * 60
    if seen is not None and now - seen > idle:
        logout_user()
        session.clear()
        flash(_("Sesi Anda berakhir karena tidak aktif terlalu lama. Silakan masuk lagi."), "info")
        if request.path.startswith("/api/"):
            return jsonify({"errors": {"_schema": [_("Sesi berakhir; silakan masuk lagi.")]}}), 401
        return redirect(url_for("auth.login", next=request.full_path.rstrip("?")))
    if seen is None or now - seen >= _SEEN_RESOLUTION:
        session["seen"] = now
    if current_user.must_change_password and request.endpoint not in PASSWORD_CHANGE_ENDPOINTS:
        message = _("Ganti dulu kata sandi sementara Anda.")
        if request.path.startswith("/api/"):
            return jsonify({"errors": {"_schema": [message]}}), 403
        return redirect(url_for("auth.change_password"))
    return None


def current_actor():
    """Return the signed-in user, the actor the services are called with."""
    return current_user._get_current_object() if current_user.is_authenticated else None
