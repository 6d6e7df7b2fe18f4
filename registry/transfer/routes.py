"""Routes of import and export: parse, call a service, render or send the file."""

import io

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from registry.auth import current_actor
from registry.errors import NotFoundError, ValidationFailedError
from registry.forms import error_text, filter_args, run_service
from registry.jobs import result_view
from registry.jobs.queue import current_queue, export_limit
from registry.services import (
    exporting,
    import_mappings,
    importing,
    jobs,
    organisation,
    staged_uploads,
)
from registry.services.import_report import report_from_json
from registry.services.permissions import is_maintainer
from registry.transfer import bp
from registry.web import LIST_FILTERS, attachment


def _maintainer():
    actor = current_actor()
    if actor is None or not is_maintainer(actor):
        abort(403)
    return actor


def _gone():
    return {"file": [_("Berkas unggahan tidak ditemukan atau sudah kedaluwarsa; pilih "
                       "berkasnya lagi.")]}


def _render_import(*, report=None, errors=None, agency_id=None, token=None, dry_run=True,
                   domains_from_urls=False, job=None):
    agencies = organisation.list_agencies()
    if agency_id is None and agencies:
        agency_id = agencies[0].id
    status = 422 if errors or (report and not report.ok) else 200
    return render_template("transfer/import.html", report=report, errors=errors or {},
                           agencies=agencies, agency_id=agency_id, token=token,
                           dry_run=dry_run, domains_from_urls=domains_from_urls,
                           job=job), status


def _run(actor, data, filename, *, agency_id, dry_run, domains_from_urls, token=None):
    """Import (or try) the bytes; keep them under a token while a next step may need them.

    The next steps: "Import now" after a clean dry run, a check again after mapping words.
    """
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


def _start(actor, data, filename, *, agency_id, dry_run, domains_from_urls, token=None):
    """Start the import: on a worker with a job queue, else here.

    With a job queue (REGISTRY_REDIS_URL), hand the import to a worker and show its job page at
    once; without one, import here, as on one machine (``_run``).
    """
    queue = current_queue()
    if queue is None:
        return _run(actor, data, filename, agency_id=agency_id, dry_run=dry_run,
                    domains_from_urls=domains_from_urls, token=token)
    fresh = token is None
    if fresh:
        try:
            organisation.get_agency(agency_id or 0)  # 0: no agency has it
        except NotFoundError:
            message = _("Instansi tidak dikenal.")
            return _render_import(errors={"agency_id": [message]}, dry_run=dry_run,
                                  domains_from_urls=domains_from_urls)
        token = staged_uploads.stage(data, filename, user=actor, agency_id=agency_id)
    job = jobs.submit("import", jobs.import_params(token, fresh=fresh, dry_run=dry_run,
                                                   domains_from_urls=domains_from_urls),
                      owner=actor, agency_id=agency_id, queue=queue)
    return redirect(url_for("jobs.show", job_id=job.id), code=303)


@result_view("import")
def import_job_result(job):
    """Show a finished import job: the import page with its report, as an inline import shows it."""
    result = job.result
    page, _status = _render_import(report=report_from_json(result["report"]),
                                   agency_id=result["agency_id"], token=result["token"],
                                   dry_run=result["dry_run"],
                                   domains_from_urls=result["domains_from_urls"], job=job)
    return page


@bp.route("/import", methods=["GET", "POST"])
def import_page():
    """Upload a spreadsheet and import it, or try it.

    A dry run reports every problem at once, a real run writes all or nothing; after a clean dry
    run, "Import now" imports the same upload (kept under a token).
    """
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
        return _start(actor, staged.data, staged.filename, agency_id=staged.agency_id,
                      dry_run=dry_run, domains_from_urls=domains_from_urls, token=token)
    upload = request.files.get("file")
    if upload is None or not upload.filename:
        return _render_import(errors={"file": [_("Pilih berkas .xlsx atau .csv.")]},
                              agency_id=agency_id, dry_run=dry_run)
    return _start(actor, upload.read(), upload.filename, agency_id=agency_id, dry_run=dry_run,
                  domains_from_urls=domains_from_urls)


@bp.post("/import/mappings")
def save_import_mappings():
    """Remember what the architect mapped the unknown words and headers to.

    Then check the same upload again.
    """
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
    return _start(actor, staged.data, staged.filename, agency_id=staged.agency_id, dry_run=True,
                  domains_from_urls=domains_from_urls, token=token)


@bp.get("/import/mappings")
def list_import_mappings():
    """List the words and headers the instansi taught the import, to change or forget."""
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
    """Send the import template with Indonesian headers and instructions."""
    return attachment(exporting.template_xlsx(), "templat-impor-registri-spbe.xlsx", "xlsx")


def _filters(kind, args):
    if kind in LIST_FILTERS:
        return LIST_FILTERS[kind].from_args(args)[0]
    return {"agency_id": request.args.get("agency", type=int), "q": request.args.get("q")}


@bp.get("/export/<list_name>.<fmt>")
def export_list(list_name, fmt):
    """Download a list as XLSX or CSV, narrowed by the same filters as its page.

    With a job queue, a list of more rows than REGISTRY_JOB_EXPORT_ROWS is written by a worker:
    the answer is the job's page, which offers the file when it is written.
    """
    if list_name not in exporting.KINDS or fmt not in exporting.FORMATS:
        abort(404)
    args = {k: v for k, v in filter_args(request.args).items() if k not in ("page", "per_page")}
    filters = _filters(list_name, args)
    queue = current_queue()
    if queue is not None and exporting.count_rows(list_name, filters) > export_limit():
        job = jobs.submit("export", jobs.export_params(list_name, fmt, filters),
                          owner=current_actor(), queue=queue)
        return redirect(url_for("jobs.show", job_id=job.id), code=303)
    body = exporting.export_list(list_name, filters, fmt)
    return attachment(body, f"{list_name}.{fmt}", fmt)
