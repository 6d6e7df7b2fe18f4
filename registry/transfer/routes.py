"""Routes of import and export: parse, call a service, render or send the file."""

import io

from flask import Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from marshmallow import ValidationError

from registry.api.integrations import link_filters
from registry.auth import current_actor
from registry.domains.routes import domain_filters
from registry.errors import ValidationFailedError
from registry.forms import error_text, filter_args, run_service
from registry.inventory.routes import filters_from_args
from registry.schemas.common import translate_errors
from registry.schemas.integrations import LinkQueryArgsSchema
from registry.schemas.requests import DomainQueryArgsSchema
from registry.services import (
    exporting,
    import_mappings,
    importing,
    organisation,
    staged_uploads,
)
from registry.services.permissions import INVENTORY_MAINTAINERS
from registry.transfer import bp

MIMETYPES = {"xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
             "csv": "text/csv; charset=utf-8"}


def _attachment(body, name, fmt):
    return Response(body, mimetype=MIMETYPES[fmt],
                    headers={"Content-Disposition": f'attachment; filename="{name}"'})


def _maintainer():
    actor = current_actor()
    if actor is None or actor.role not in INVENTORY_MAINTAINERS:
        abort(403)
    return actor


def _gone():
    return {"file": [_("Berkas unggahan tidak ditemukan atau sudah kedaluwarsa; pilih "
                       "berkasnya lagi.")]}


def _render_import(*, report=None, errors=None, agency_id=None, token=None, dry_run=True,
                   domains_from_urls=False):
    agencies = organisation.list_agencies()
    if agency_id is None and agencies:
        agency_id = agencies[0].id
    status = 422 if errors or (report and not report.ok) else 200
    return render_template("transfer/import.html", report=report, errors=errors or {},
                           agencies=agencies, agency_id=agency_id, token=token,
                           dry_run=dry_run, domains_from_urls=domains_from_urls), status


def _run(actor, data, filename, *, agency_id, dry_run, domains_from_urls, token=None):
    """Import (or try) the bytes; keep them under a token while a next step may need them:
    "Import now" after a clean dry run, a check again after mapping words."""
    try:
        report = importing.import_file(io.BytesIO(data), filename, agency_id=agency_id,
                                       actor=actor, dry_run=dry_run,
                                       domains_from_urls=domains_from_urls)
    except ValidationFailedError as error:
        return _render_import(errors=error.errors or {"file": [error.message]},
                              agency_id=agency_id, dry_run=dry_run,
                              domains_from_urls=domains_from_urls)
    if report.written:
        if token:
            staged_uploads.discard(token)
        token = None
    elif token is None and (report.ok or report.unknown_words or report.unknown_headers):
        token = staged_uploads.stage(data, filename, user=actor, agency_id=agency_id)
    return _render_import(report=report, agency_id=agency_id, token=token, dry_run=dry_run,
                          domains_from_urls=domains_from_urls)


@bp.route("/import", methods=["GET", "POST"])
def import_page():
    """Upload a spreadsheet; a dry run reports every problem at once, a real run writes all or
    nothing; after a clean dry run, "Import now" imports the same upload (kept under a token)."""
    actor = _maintainer()
    dry_run = request.method == "GET" or request.form.get("dry_run") == "1"
    domains_from_urls = request.form.get("domains_from_urls") == "1"
    agency_id = (request.form.get("agency_id", type=int)
                 or request.args.get("agency_id", type=int) or request.args.get("agency", type=int))
    if request.method == "GET":
        return _render_import(agency_id=agency_id, dry_run=True)
    token = request.form.get("token")
    if token:
        staged = staged_uploads.load(token, user=actor)
        if staged is None:
            return _render_import(errors=_gone(), agency_id=agency_id, dry_run=dry_run)
        return _run(actor, staged.data, staged.filename, agency_id=staged.agency_id,
                    dry_run=dry_run, domains_from_urls=domains_from_urls, token=token)
    upload = request.files.get("file")
    if upload is None or not upload.filename:
        return _render_import(errors={"file": [_("Pilih berkas .xlsx atau .csv.")]},
                              agency_id=agency_id, dry_run=dry_run)
    return _run(actor, upload.read(), upload.filename, agency_id=agency_id, dry_run=dry_run,
                domains_from_urls=domains_from_urls)


@bp.post("/import/mappings")
def save_import_mappings():
    """Remember what the architect mapped the unknown words and headers to, then check the
    same upload again."""
    actor = _maintainer()
    domains_from_urls = request.form.get("domains_from_urls") == "1"
    token = request.form.get("token")
    staged = staged_uploads.load(token, user=actor)
    if staged is None:
        return _render_import(errors=_gone(), dry_run=True)
    items = [(group, word, value) for group, word, value in zip(
        request.form.getlist("group"), request.form.getlist("word"),
        request.form.getlist("value"), strict=False) if value]
    try:
        import_mappings.save_mappings(staged.agency_id, items, actor=actor)
    except ValidationFailedError as error:
        return _render_import(errors=error.errors or {"file": [error.message]},
                              agency_id=staged.agency_id, token=token, dry_run=True,
                              domains_from_urls=domains_from_urls)
    return _run(actor, staged.data, staged.filename, agency_id=staged.agency_id, dry_run=True,
                domains_from_urls=domains_from_urls, token=token)


@bp.get("/import/mappings")
def list_import_mappings():
    """The words and headers the instansi taught the import, to change or forget."""
    _maintainer()
    agencies = organisation.list_agencies()
    agency_id = request.args.get("agency_id", type=int) or (agencies[0].id if agencies else None)
    mappings = import_mappings.list_mappings(agency_id) if agency_id else []
    choices = {m.group: import_mappings.options(agency_id, m.group) for m in mappings}
    return render_template("transfer/mappings.html", agencies=agencies, agency_id=agency_id,
                           mappings=mappings, choices=choices,
                           group_labels=import_mappings.GROUP_LABELS)


@bp.post("/import/mappings/<int:mapping_id>")
def edit_import_mapping(mapping_id):
    """Change what a remembered word or header means."""
    actor = _maintainer()
    mapping, errors, _conflict = run_service(lambda: import_mappings.update_mapping(
        mapping_id, request.form.get("value", ""), actor=actor))
    if mapping is None:
        flash(error_text(errors), "danger")
        return redirect(url_for("transfer.list_import_mappings"))
    flash(_("Pemetaan disimpan."), "success")
    return redirect(url_for("transfer.list_import_mappings", agency_id=mapping.agency_id))


@bp.post("/import/mappings/<int:mapping_id>/delete")
def delete_import_mapping(mapping_id):
    """Forget a remembered word or header: the next import asks about it again."""
    actor = _maintainer()
    agency_id = import_mappings.get_mapping(mapping_id).agency_id
    import_mappings.delete_mapping(mapping_id, actor=actor)
    flash(_("Pemetaan dihapus."), "success")
    return redirect(url_for("transfer.list_import_mappings", agency_id=agency_id))


@bp.get("/import/template.xlsx")
def import_template():
    """The import template with Indonesian headers and instructions."""
    return _attachment(exporting.template_xlsx(), "templat-impor-registri-spbe.xlsx", "xlsx")


def _filters(kind, args):
    try:
        if kind == "applications":
            return filters_from_args(args)[0]
        if kind == "links":
            return link_filters(LinkQueryArgsSchema().load(args))
        if kind == "domains":
            parsed = DomainQueryArgsSchema().load(args)
            return domain_filters(parsed)
    except ValidationError as error:
        abort(400, description=str(translate_errors(error.messages)))
    return {"agency_id": request.args.get("agency", type=int), "q": request.args.get("q")}


@bp.get("/export/<list_name>.<fmt>")
def export_list(list_name, fmt):
    """Download a list as XLSX or CSV, narrowed by the same filters as its page."""
    if list_name not in exporting.KINDS or fmt not in MIMETYPES:
        abort(404)
    args = {k: v for k, v in filter_args(request.args).items() if k not in ("page", "per_page")}
    body = exporting.export_list(list_name, _filters(list_name, args), fmt)
    return _attachment(body, f"{list_name}.{fmt}", fmt)
