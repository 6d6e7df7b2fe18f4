"""Routes of the OPD pages: parse, call a service, render."""

from functools import partial

from flask import Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from marshmallow import ValidationError

from arch_models.opd_scorecard import COMPONENTS
from registry.auth import current_actor
from registry.changes import undo_message
from registry.clock import local_today
from registry.forms import (
    confirmation,
    create_or_update,
    error_text,
    filter_args,
    form_page,
    parse_form,
    run_service,
)
from registry.opd import bp
from registry.schemas.common import translate_errors
from registry.schemas.opd import (
    CertificateFormSchema,
    ConfirmFormSchema,
    ScorecardArgsSchema,
    TalentQueryArgsSchema,
    TargetFormSchema,
)
from registry.services import (
    changelog,
    desk,
    exporting,
    instruments,
    opd_scorecard,
    organisation,
    talent,
)
from registry.services.permissions import (
    can_write_for_unit,
    can_write_inventory,
    is_maintainer,
    is_operator,
)


def _args(schema, args):
    try:
        return schema.load(args)
    except ValidationError as error:
        abort(400, description=str(translate_errors(error.messages)))


def _year_and_agency(args):
    parsed = _args(ScorecardArgsSchema(), args)
    agency_id = parsed.get("agency")
    if agency_id is None and (default := organisation.default_agency()) is not None:
        agency_id = default.id
    return parsed.get("year") or local_today().year, agency_id


@bp.get("/opd-scorecard")
def scorecard():
    """Every OPD's score, target, progress and rank, with the facts behind them."""
    year, agency_id = _year_and_agency(filter_args(request.args))
    scores = opd_scorecard.scorecards(year, agency_id)
    used = instruments.for_agency_year(agency_id, year)
    # the blockers per indicator come from the blockers page's own report: one definition
    blockers = opd_scorecard.blocker_counts(scores, year) if agency_id is not None else {}
    return render_template(
        "opd/scorecard.html", scores=scores, year=year, agency_id=agency_id, instrument=used,
        blockers=blockers,
        components=COMPONENTS, audit_gaps=opd_scorecard.audit_gaps(agency_id),
        can_set_targets=is_maintainer(current_actor()),
        errors={},
    )


@bp.get("/opd-scorecard.xlsx")
def scorecard_xlsx():
    """Send the scorecard as XLSX, for the performance-allowance process."""
    year, agency_id = _year_and_agency(filter_args(request.args))
    scores = opd_scorecard.scorecards(year, agency_id)
    body = exporting.scorecard_xlsx(scores, year, instruments.for_agency_year(agency_id, year),
                                    opd_scorecard.blocker_counts(scores, year))
    return Response(body, mimetype="application/vnd.openxmlformats-officedocument."
                                    "spreadsheetml.sheet",
                    headers={"Content-Disposition":
                             f'attachment; filename="skor-opd-{year}.xlsx"'})


@bp.post("/opd-scorecard/targets")
def set_target():
    """Set an OPD's target for the year (architects and admins)."""
    actor = current_actor()
    if not is_maintainer(actor):
        abort(403)
    data, errors = parse_form(TargetFormSchema(), request.form)
    if not errors:
        _saved, errors, _conflict = run_service(lambda: opd_scorecard.set_target(
            data["unit_id"], data["year"], data["target"], note=data.get("note"), actor=actor))
    if errors:
        year = request.form.get("year", type=int) or local_today().year
        flash(_("Target tidak disimpan: %(why)s",
                why=error_text(errors)), "danger")
        return redirect(url_for("opd.scorecard", year=year)), 303
    flash(_("Target disimpan."), "success")
    return redirect(url_for("opd.scorecard", year=data["year"]))


#: the desk's paged lists; ``<name>_page`` in the query string picks the page of each
DESK_LISTS = ("stale_applications", "stale_domains", "evidence")


@bp.get("/units/<int:unit_id>/desk")
def show_desk(unit_id):
    """Show the monitoring desk of one OPD."""
    actor = current_actor()
    year = request.args.get("year", type=int)
    pages = {name: request.args.get(f"{name}_page", 1, type=int) for name in DESK_LISTS}
    found = desk.desk(unit_id, year=year, pages=pages)
    return render_template(
        "opd/desk.html", desk=found, components=COMPONENTS,
        can_confirm=can_write_for_unit(actor, unit_id),
    )


@bp.post("/units/<int:unit_id>/desk/confirm")
def confirm(unit_id):
    """Confirm the ticked records are still true: stamps who and when on each."""
    actor = current_actor()
    if not can_write_for_unit(actor, unit_id):
        abort(403)
    data, errors = parse_form(ConfirmFormSchema(), request.form)
    if not errors and not (data["application_ids"] or data["domain_ids"]):
        flash(_("Belum ada data yang dicentang: centang data yang masih benar, lalu "
                "konfirmasi."), "warning")
        return redirect(url_for("opd.show_desk", unit_id=unit_id))
    if not errors:
        count, errors, _conflict = run_service(lambda: desk.confirm(
            unit_id, application_ids=data["application_ids"], domain_ids=data["domain_ids"],
            actor=actor))
    if errors:
        abort(422, description=error_text(errors))
    flash(_("%(n)s data dikonfirmasi masih benar.", n=count), "success")
    return redirect(url_for("opd.show_desk", unit_id=unit_id))


@bp.get("/talent")
def list_talent():
    """List the digital talent register."""
    args = _args(TalentQueryArgsSchema(), filter_args(request.args))
    agency_id = args.get("agency")
    page = talent.list_certificates(
        talent.TalentFilters(agency_id=agency_id, unit_id=args.get("unit"), q=args.get("q"),
                             status=args.get("status")),
        page=args["page"], per_page=args["per_page"])
    actor = current_actor()
    return render_template(
        "opd/talent_list.html", page=page, args=args, today=local_today(),
        units=organisation.unit_choices(agency_id),
        warning_days=talent.EXPIRY_WARNING_DAYS,
        can_create=can_write_inventory(actor))


@bp.route("/talent/new", methods=["GET", "POST"])
@bp.route("/talent/<int:cert_id>/edit", methods=["GET", "POST"])
def edit_certificate(cert_id=None):
    """Record a certificate or change one; its history below."""
    actor = current_actor()
    if not can_write_inventory(actor):
        abort(403)
    cert = talent.get_certificate(cert_id) if cert_id else None
    if cert is not None and not can_write_for_unit(actor, cert.unit_id):
        abort(403)
    values = request.form.copy()
    if is_operator(actor):
        values["unit_id"] = str(actor.unit_id)  # an operator records for its own OPD only
    save = create_or_update(cert, partial(talent.create_certificate, actor=actor),
                            partial(talent.update_certificate, actor=actor))
    return form_page("opd/certificate_form.html", CertificateFormSchema(), save,
                     _certificate_saved, lambda: _certificate_context(actor, cert),
                     values=values)


def _certificate_saved(cert):
    flash(_("Sertifikat %(name)s disimpan.", name=cert.person_name), "success")
    return redirect(url_for("opd.list_talent"))


def _certificate_context(actor, cert):
    agency_id = cert.agency_id if cert else (actor.unit.agency_id if actor.unit else None)
    return {"cert": cert, "units": organisation.unit_choices(agency_id),
            "history": changelog.history("staff_certificates", cert.id, limit=50)
            if cert else []}


@bp.route("/talent/<int:cert_id>/delete", methods=["GET", "POST"])
def delete_certificate(cert_id):
    """Ask first; then remove a certificate recorded by mistake."""
    actor = current_actor()
    if not can_write_inventory(actor):
        abort(403)
    cert = talent.check_delete_certificate(cert_id, actor=actor)
    if request.method == "GET":
        return confirmation(
            title=_("Hapus sertifikat ini?"),
            record=f"{cert.person_name} · {cert.certificate} ({cert.issuer})",
            action_label=_("Ya, hapus"),
            cancel_url=url_for("opd.edit_certificate", cert_id=cert.id),
            consequences=[_("Tidak ada data lain yang ikut terhapus.")])
    talent.delete_certificate(cert_id, actor=actor)
    flash(undo_message(_("Sertifikat dihapus."), "staff_certificates", cert_id), "success")
    return redirect(url_for("opd.list_talent"))
