"""Administration pages: users and the instansi.

Users: roles, deactivation, temporary passwords, sign-in unlock; the instansi: set-up of the first,
adding more.
"""

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from registry import models
from registry.auth import current_actor
from registry.forms import error_text, parse_form, run_service
from registry.schemas.inventory import AgencyFormSchema
from registry.schemas.users import UserFormSchema, UserRoleFormSchema
from registry.services import organisation, users
from registry.services.permissions import is_admin

bp = Blueprint("admin", __name__, url_prefix="/admin")


@bp.before_request
def require_admin():
    """Keep every admin page to admins (the services check again on write)."""
    if current_actor() is None or not is_admin(current_actor()):
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
    message = error_text(errors)
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


#: the largest OPD list file read on the set-up page (a list of names, not a workbook)
MAX_UNIT_LIST_BYTES = 1024 * 1024


@bp.get("/agencies")
def list_agencies():
    """List the instansi with their OPD and application counts."""
    return render_template("admin/agencies.html", rows=organisation.agency_summaries())


@bp.route("/agencies/new", methods=["GET", "POST"])
def new_agency():
    """Set up an instansi and its OPD list; the first admin of an empty registry lands here."""
    errors, first = {}, not organisation.has_agency()
    if request.method == "POST":
        data, errors = parse_form(AgencyFormSchema(), request.form)
        if not errors:
            units_text, errors = _unit_list(data.pop("units", None))
        if not errors:
            result, errors, conflict = run_service(
                lambda: organisation.set_up_agency(data, units_text, actor=current_actor()))
            if conflict:
                errors = {"_schema": [conflict]}
            if not errors:
                agency, units = result
                flash(_("Instansi %(name)s dibuat dengan %(n)s OPD. Langkah berikutnya: impor "
                        "inventaris aplikasinya.", name=agency.name, n=len(units)), "success")
                return redirect(url_for("transfer.import_page", agency=agency.id))
    return render_template("admin/agency_form.html", errors=errors, first=first,
                           form=request.form, kinds=models.AgencyKind), (422 if errors else 200)


def _unit_list(pasted):
    """Return (the OPD list text: pasted lines, then an uploaded file's), errors)."""
    upload = request.files.get("units_file")
    if upload is None or not upload.filename:
        return pasted or "", {}
    raw = upload.stream.read(MAX_UNIT_LIST_BYTES + 1)
    if len(raw) > MAX_UNIT_LIST_BYTES or b"\0" in raw:
        return None, {"units_file": [_("Berkas daftar OPD harus teks (.txt atau .csv) sampai "
                                       "1 MB; buku kerja XLSX diimpor setelah instansi dibuat.")]}
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp1252", errors="replace")
    return "\n".join(filter(None, (pasted, text))), {}
