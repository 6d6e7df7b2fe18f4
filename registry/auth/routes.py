"""Sign in and out, the language switch, and the user's own API tokens."""

import time
from urllib.parse import urlsplit

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import gettext as _
from flask_login import login_required, login_user, logout_user
from marshmallow import ValidationError

from registry.auth import current_actor
from registry.extensions import limiter
from registry.forms import parse_form, run_service
from registry.schemas.common import translate_errors
from registry.schemas.users import PasswordChangeFormSchema, TokenFormSchema
from registry.services import organisation, users
from registry.services.permissions import is_admin

bp = Blueprint("auth", __name__, url_prefix="/auth")


def _safe_next(target):
    """Follow ``next`` only within this site, so the login page cannot redirect elsewhere."""
    # "//host" and "/\\host" are other sites to a browser, though they start with a slash
    if (target and not urlsplit(target).netloc and target.startswith("/")
            and not target.startswith("//") and "\\" not in target):
        return target
    return url_for("home.index")


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit(lambda: current_app.config["REGISTRY_RATELIMIT_SIGN_IN"], methods=["POST"])
def login():
    """Show the sign-in form and sign the user in."""
    error, status = None, 200
    if request.method == "POST":
        email, address = request.form.get("email"), request.remote_addr
        turn = users.claim_sign_in(email, address)
        if not turn.allowed:
            error = _("Terlalu banyak percobaan masuk yang gagal. Coba lagi dalam %(n)s detik.",
                      n=turn.wait_seconds)
            return render_template("auth/login.html", error=error), 429, \
                {"Retry-After": str(turn.wait_seconds)}
        user = users.authenticate(email, request.form.get("password"))
        if user is not None:
            users.sign_in_succeeded(email, address)
            session.clear()
            login_user(user)
            session["seen"] = int(time.time())
            if is_admin(user) and not organisation.has_agency():
                return redirect(url_for("admin.new_agency"))  # an empty registry: set it up
            return redirect(_safe_next(request.args.get("next")))
        error, status = _failure_message(email), 401
    return render_template("auth/login.html", error=error), status


def _failure_message(email):
    """Say the sign-in failed, and warn when the next failure starts the delays."""
    left = users.tries_left(email)
    if left == 1:
        return _("Surel atau kata sandi salah. Satu percobaan lagi; setelah itu masuk ditunda "
                 "sebentar, makin lama setiap kali gagal.")
    if left == 0:
        return _("Surel atau kata sandi salah. Masuk ditunda sebentar sebelum percobaan "
                 "berikutnya.")
    return _("Surel atau kata sandi salah.")


@bp.post("/logout")
def logout():
    """Sign the user out of this and every other session."""
    actor = current_actor()
    if actor is not None:
        users.end_sessions(actor)
    logout_user()
    session.clear()
    flash(_("Anda telah keluar."), "info")
    return redirect(url_for("auth.login"))


@bp.get("/language/<code>")
def set_language(code):
    """Switch the interface language for this session."""
    if code not in current_app.config["LANGUAGES"]:
        abort(404)
    session["locale"] = code
    return redirect(_safe_next(request.args.get("next")))


@bp.route("/account", methods=["GET", "POST"])
@login_required
def account():
    """Show the user's profile and API tokens, and create a token."""
    actor = current_actor()
    new_token, errors = None, {}
    if request.method == "POST":
        try:
            data = TokenFormSchema().load(request.form)
        except ValidationError as error:
            errors = translate_errors(error.messages)
        else:
            _row, new_token = users.create_token(actor, data["name"], actor=actor)
    status = 422 if errors else 200
    page = render_template(
        "auth/account.html", tokens=users.tokens_of(actor), new_token=new_token, errors=errors
    )
    # the page may show a new token once: no cache, proxy or back button may keep it
    return page, status, {"Cache-Control": "no-store", "Pragma": "no-cache"}


@bp.route("/password", methods=["GET", "POST"])
@login_required
def change_password():
    """Let the user choose a new password (required after a temporary one)."""
    actor, errors = current_actor(), {}
    if request.method == "POST":
        data, errors = parse_form(PasswordChangeFormSchema(), request.form)
        if not errors:
            _user, errors, _conflict = run_service(lambda: users.change_own_password(actor, data))
        if not errors:
            # the other sessions ended with the old password; this one goes on under the new
            login_user(actor)
            session["seen"] = int(time.time())
            flash(_("Kata sandi diganti. Sesi lain akun ini telah diakhiri."), "success")
            return redirect(url_for("auth.account"))
    page = render_template("auth/password.html", errors=errors)
    return page, (422 if errors else 200), {"Cache-Control": "no-store"}


@bp.post("/account/tokens/<int:token_id>/revoke")
@login_required
def revoke_token(token_id):
    """Revoke one of the user's tokens."""
    users.revoke_token(token_id, actor=current_actor())
    flash(_("Token dicabut."), "success")
    return redirect(url_for("auth.account"))
