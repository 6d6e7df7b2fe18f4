"""Administration pages: users and their roles."""

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from registry import models
from registry.auth import current_actor
from registry.forms import parse_form, run_service
from registry.schemas.users import UserFormSchema, UserRoleFormSchema
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
    return _users_page(form=request.form if errors else None, errors=errors), \
        (422 if errors else 200)


def _users_page(**context):
    return render_template("admin/users.html", users=users.list_users(),
                           units=organisation.unit_choices(), slowed=users.slowed_emails(),
                           **({"errors": {}, "form": None} | context))


def _refused(error, status):
    """Show the users page again with the reason a change was refused."""
    flash(error, "danger")
    return _users_page(), status


@bp.post("/users/<int:user_id>/role")
def change_role(user_id):
    """Give a user another role (and an OPD for an operator)."""
    data, errors = parse_form(UserRoleFormSchema(), request.form)
    if not errors:
        user, errors, conflict = run_service(
            lambda: users.change_role(user_id, data, actor=current_actor()))
        if conflict:
            return _refused(conflict, 409)
        if not errors:
            flash(_("Peran %(name)s diubah.", name=user.name), "success")
            return redirect(url_for("admin.list_users"))
    message = "; ".join(m for messages in errors.values() for m in messages)
    return _refused(message, 422)


@bp.post("/users/<int:user_id>/active")
def set_active(user_id):
    """Deactivate a user (their sessions and tokens stop at once) or activate them again."""
    active = request.form.get("active") == "1"
    user, _errors, conflict = run_service(
        lambda: users.set_active(user_id, active, actor=current_actor()))
    if conflict:
        return _refused(conflict, 409)
    flash(_("%(name)s diaktifkan.", name=user.name) if active else
          _("%(name)s dinonaktifkan; semua sesinya berakhir.", name=user.name), "success")
    return redirect(url_for("admin.list_users"))


@bp.post("/users/<int:user_id>/password")
def set_temporary_password(user_id):
    """Give a user a temporary password, shown once on a page nothing may cache."""
    user, password = users.set_temporary_password(user_id, actor=current_actor())
    page = render_template("admin/temporary_password.html", user=user, password=password)
    return page, 200, {"Cache-Control": "no-store", "Pragma": "no-cache"}


@bp.post("/users/<int:user_id>/unlock")
def unlock_sign_in(user_id):
    """Let a user whose sign-in is slowed down try again at once."""
    user = users.unlock_sign_in(user_id, actor=current_actor())
    flash(_("Masuk untuk %(name)s dibuka kembali.", name=user.name), "success")
    return redirect(url_for("admin.list_users"))
