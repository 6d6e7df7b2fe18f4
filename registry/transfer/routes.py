"""Routes of import and export: parse, call a service, render or send the file."""

from flask import Response, abort, render_template, request
from flask_babel import gettext as _
from marshmallow import ValidationError

from registry.api.integrations import link_filters
from registry.auth import current_actor
from registry.domains.routes import domain_filters
from registry.errors import ValidationFailedError
from registry.forms import filter_args
from registry.inventory.routes import filters_from_args
from registry.schemas.common import translate_errors
from registry.schemas.integrations import LinkQueryArgsSchema
from registry.schemas.requests import DomainQueryArgsSchema
from registry.services import exporting, importing, organisation
from registry.services.permissions import INVENTORY_MAINTAINERS
from registry.transfer import bp

MIMETYPES = {"xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
             "csv": "text/csv; charset=utf-8"}


def _attachment(body, name, fmt):
    return Response(body, mimetype=MIMETYPES[fmt],
                    headers={"Content-Disposition": f'attachment; filename="{name}"'})


@bp.route("/import", methods=["GET", "POST"])
def import_page():
    """Upload a spreadsheet; a dry run reports every bad row, a real run writes all or nothing."""
    actor = current_actor()
    if actor.role not in INVENTORY_MAINTAINERS:
        abort(403)
    agencies = organisation.list_agencies()
    report, errors, status = None, {}, 200
    agency_id = request.form.get("agency_id", type=int) or (agencies[0].id if agencies else None)
    if request.method == "POST":
        upload = request.files.get("file")
        if upload is None or not upload.filename:
            errors = {"file": [_("Pilih berkas .xlsx atau .csv.")]}
        else:
            try:
                report = importing.import_file(
                    upload.stream, upload.filename, agency_id=agency_id, actor=actor,
                    dry_run=request.form.get("dry_run") == "1")
            except ValidationFailedError as error:
                errors = error.errors or {"file": [error.message]}
        status = 422 if errors or (report and not report.ok) else 200
    return render_template("transfer/import.html", report=report, errors=errors,
                           agencies=agencies, agency_id=agency_id,
                           dry_run=request.method == "GET" or request.form.get("dry_run") == "1",
                           ), status


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
