"""The change-log feed page, and the restore of a delete or a retirement from it."""

from dataclasses import replace

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from markupsafe import Markup

from registry.auth import current_actor
from registry.errors import ConflictError, ValidationFailedError
from registry.services import changelog, restore

bp = Blueprint("changes", __name__, url_prefix="/changes")

#: where a restored record is shown, by its table
_ARCHITECTURE_KINDS = {"data_centers": "data-centers", "networks": "networks",
                       "service_buses": "service-buses"}


@bp.get("/")
def feed():
    """List recent changes across the registry, newest first."""
    page = changelog.feed(
        object_type=request.args.get("object_type") or None,
        action=request.args.get("action") if request.args.get("action") in
        ("create", "update", "delete") else None,
        page=max(1, request.args.get("page", 1, type=int)),
        per_page=50, viewer=current_actor(),
    )
    return render_template("changes/feed.html", page=page)


@bp.route("/<int:entry_id>/restore", methods=["GET", "POST"])
def restore_change(entry_id):
    """Show what a restore brings back (or why it cannot); restore it, with a reason."""
    actor = current_actor()
    plan = restore.plan_restore(entry_id, actor=actor)
    errors = {}
    if request.method == "POST" and plan.refusal is None:
        try:
            record = restore.restore_change(entry_id, actor=actor,
                                            reason=request.form.get("reason"))
        except ConflictError as error:
            plan = replace(plan, refusal=error.message)
        except ValidationFailedError as error:
            errors = error.errors
        else:
            flash(_("%(name)s dipulihkan seperti sebelum perubahan itu.", name=str(record)),
                  "success")
            return redirect(record_url(plan.entry.object_type, record))
    status = 409 if plan.refusal else (422 if errors else 200)
    return render_template("changes/restore.html", plan=plan, errors=errors,
                           reason=request.form.get("reason", "")), status


#: object type -> (the page that shows a record, its URL argument, the record's attribute)
_RECORD_PAGES = {
    "applications": ("inventory.show_application", "app_id", "id"),
    "application_reviews": ("inventory.show_application", "app_id", "application_id"),
    "integration_links": ("integrations.show_link", "link_id", "id"),
    "audit_records": ("architecture.edit_audit", "audit_id", "id"),
    "reference_entries": ("architecture.reference_catalogue", "agency", "agency_id"),
    "staff_certificates": ("opd.edit_certificate", "cert_id", "id"),
}


def record_url(object_type, record):
    """Return the page that shows a restored record."""
    if object_type in _ARCHITECTURE_KINDS:
        return url_for("architecture.edit_record", kind=_ARCHITECTURE_KINDS[object_type],
                       obj_id=record.id)
    if object_type in _RECORD_PAGES:
        endpoint, argument, attribute = _RECORD_PAGES[object_type]
        return url_for(endpoint, **{argument: getattr(record, attribute)})
    return url_for("changes.feed")


def undo_message(text, object_type, object_id):
    """Return a flash message followed by the link that restores the change just made."""
    newest = changelog.history(object_type, object_id, limit=1)
    if not newest or restore.kind_of(newest[0]) is None:
        return text
    link = url_for("changes.restore_change", entry_id=newest[0].id)
    return Markup('{} <a class="alert-link" href="{}">{}</a>').format(text, link, _("Pulihkan"))


def restorable_changes(entries):
    """Return the ids of the entries the signed-in user may restore (for the history tables)."""
    return restore.restorable_ids(entries, current_actor())
