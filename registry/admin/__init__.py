"""Administration pages: users and their roles."""

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from registry import models
from registry.auth import current_actor
from registry.forms import parse_form, run_service
from registry.schemas.users import UserFormSchema
from registry.services import organisation, users

bp = Blueprint("admin", __name__, url_prefix="/admin")


@bp.before_request
def require_admin():
    """Keep every admin page to admins (the services check again on write)."""
    if current_actor() is None or current_actor().role != models.Role.ADMIN:
        abort(403)


@bp.route("/users", methods=["GET", "POST"])
def list_users():
    """List users and create a new one."""
    errors = {}
    if request.method == "POST":
        data, errors = parse_form(UserFormSchema(), request.form)
        if not errors:
            user, errors, _conflict = run_service(
                lambda: users.create_user(data, actor=current_actor())
            )
            if user is not None:
                flash(_("Pengguna %(name)s dibuat.", name=user.name), "success")
                return redirect(url_for("admin.list_users"))
    return render_template(
        "admin/users.html",
        users=users.list_users(),
        units=organisation.unit_choices(),
        form=request.form if errors else None,
        errors=errors,
    ), (422 if errors else 200)
