"""Sign in and out, the language switch, and the user's own API tokens."""

from urllib.parse import urlsplit

from flask import Blueprint, abort, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import login_required, login_user, logout_user
from marshmallow import ValidationError

from registry.auth import current_actor
from registry.schemas.common import translate_errors
from registry.schemas.users import TokenFormSchema
from registry.services import users

bp = Blueprint("auth", __name__, url_prefix="/auth")


def _safe_next(target):
    """Follow ``next`` only within this site, so the login page cannot redirect elsewhere."""
    if target and not urlsplit(target).netloc and target.startswith("/"):
        return target
    return url_for("index")


@bp.route("/login", methods=["GET", "POST"])
def login():
    """Show the sign-in form and sign the user in."""
    error, status = None, 200
    if request.method == "POST":
        email, address = request.form.get("email"), request.remote_addr
        wait = users.sign_in_wait(email, address)
        if wait:
            error = _("Terlalu banyak percobaan masuk yang gagal. Coba lagi dalam %(n)s menit.",
                      n=wait)
            return render_template("auth/login.html", error=error), 429
        user = users.authenticate(email, request.form.get("password"))
        if user is not None:
            users.clear_failed_sign_ins(email)
            session.clear()
            login_user(user)
            return redirect(_safe_next(request.args.get("next")))
        users.record_failed_sign_in(email, address)
        error, status = _("Surel atau kata sandi salah."), 401
    return render_template("auth/login.html", error=error), status


@bp.post("/logout")
def logout():
    """Sign the user out."""
    logout_user()
    session.clear()
    flash(_("Anda telah keluar."), "info")
    return redirect(url_for("auth.login"))


@bp.get("/language/<code>")
def set_language(code):
    """Switch the interface language for this session."""
    from flask import current_app

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


@bp.post("/account/tokens/<int:token_id>/revoke")
@login_required
def revoke_token(token_id):
    """Revoke one of the user's tokens."""
    users.revoke_token(token_id, actor=current_actor())
    flash(_("Token dicabut."), "success")
    return redirect(url_for("auth.account"))
