"""Routes of the inventory: parse, call a service, render."""

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import format_date
from flask_babel import gettext as _
from marshmallow import ValidationError

from registry import models
from registry.auth import current_actor
from registry.changes import undo_message
from registry.forms import confirmation, filter_args, parse_form, run_service
from registry.i18n import N_
from registry.integrations.routes import diagram_urls
from registry.inventory import bp
from registry.labels import label
from registry.schemas.common import translate_errors
from registry.schemas.inventory import (
    ApplicationFormSchema,
    ApplicationQueryArgsSchema,
    UnitFormSchema,
)
from registry.schemas.management import ReviewFormSchema
from registry.services import analysis, changelog, inventory, management, organisation
from registry.services.permissions import (
    INVENTORY_MAINTAINERS,
    can_write_for_unit,
    require_application_creator,
)


def filters_from_args(args):
    """Turn list query arguments into filters and paging; bad arguments are a 400."""
    try:
        parsed = ApplicationQueryArgsSchema().load(args)
    except ValidationError as error:
        abort(400, description=str(translate_errors(error.messages)))
    hosting = parsed.get("hosting")
    filters = inventory.ApplicationFilters(
        q=parsed.get("q"),
        agency_id=parsed.get("agency"),
        unit_id=parsed.get("unit"),
        kind=parsed.get("kind"),
        lifecycle=parsed.get("lifecycle"),
        live=bool(parsed.get("live")),
        hosting_id=int(hosting) if hosting and hosting.isdigit() else None,
        no_hosting=hosting == "none",
        integrated=parsed.get("integrated"),
        missing=parsed.get("missing"),
        sort=parsed.get("sort") or "name",
    )
    return filters, parsed["page"], parsed["per_page"]


#: what each ``missing=`` filter of the list means, in words
MISSING_WORDS = {
    "reference_code": N_("tanpa kode referensi RAA"),
    "hosting": N_("tanpa hosting tercatat"),
    "outside_hosting": N_("di-hosting di luar pusat data instansi dan PDN"),
    "review": N_("belum pernah direviu"),
    "consultation": N_("tanpa konsultasi dengan unit TIK"),
    "services": N_("tanpa kode layanan RAL"),
}


def active_filters(filters, *, units=(), hostings=(), agencies=()):
    """Return (words, query argument) of each filter the list is narrowed by, to remove it."""
    names = {"unit": {u.id: u.name for u in units},
             "hosting": {h.id: h.name for h in hostings},
             "agency": {a.id: a.name for a in agencies}}
    chips = []
    if filters.q:
        chips.append((_("Cari: “%(q)s”", q=filters.q), "q"))
    if filters.agency_id and len(agencies) > 1:
        chips.append((_("Instansi: %(name)s", name=names["agency"].get(
            filters.agency_id, filters.agency_id)), "agency"))
    if filters.unit_id:
        chips.append((_("OPD: %(name)s", name=names["unit"].get(filters.unit_id,
                                                                 filters.unit_id)), "unit"))
    if filters.kind:
        chips.append((_("Jenis: %(v)s", v=label("kind", filters.kind)), "kind"))
    if filters.lifecycle:
        chips.append((_("Siklus hidup: %(v)s", v=label("lifecycle", filters.lifecycle)),
                      "lifecycle"))
    if filters.live:
        chips.append((_("Belum pensiun (direncanakan, dikembangkan atau beroperasi)"), "live"))
    if filters.no_hosting:
        chips.append((_("Hosting: belum tercatat"), "hosting"))
    elif filters.hosting_id:
        chips.append((_("Hosting: %(name)s", name=names["hosting"].get(
            filters.hosting_id, filters.hosting_id)), "hosting"))
    if filters.integrated is not None:
        chips.append((_("Terintegrasi SPLP") + ": " + (_("Ya") if filters.integrated
                                                       else _("Tidak")), "integrated"))
    if filters.missing in MISSING_WORDS:
        chips.append((_("Hanya aplikasi %(what)s", what=_(MISSING_WORDS[filters.missing])),
                      "missing"))
    return chips


@bp.get("/applications")
def list_applications():
    """List applications with search, filters, sorting and pages."""
    filters, page, per_page = filters_from_args(filter_args(request.args))
    result = inventory.list_applications(filters, page=page, per_page=per_page)
    agency_id = filters.agency_id
    agencies = organisation.agency_choices()
    # Across many agencies the OPD and hosting lists are too long to choose from: pick an
    # agency first (and do not read thousands of rows nobody sees).
    narrow = agency_id is not None or len(agencies) <= 1
    units = organisation.unit_choices(agency_id) if narrow else []
    hostings = inventory.hosting_choices(agency_id) if narrow else []
    return render_template(
        "inventory/application_list.html",
        page=result,
        filters=filters,
        chips=active_filters(filters, units=units, hostings=hostings, agencies=agencies),
        agencies=agencies,
        units=units,
        hostings=hostings,
        can_create=current_actor().role in INVENTORY_MAINTAINERS,
        # an OPD proposes a new application; the request checks for look-alikes first
        can_propose=current_actor().role == models.Role.OPD_OPERATOR,
    )


@bp.get("/applications/<int:app_id>")
def show_application(app_id):
    """Show one application, its links and its history."""
    app = inventory.get_application(app_id)
    depth = 2 if request.args.get("depth") == "2" else 1
    dot = analysis.build_diagram(app.agency, "app", target=app.id, depth=depth,
                                 **diagram_urls())
    neighbourhood, diagram_note = analysis.svg_for_page(dot)
    return render_template(
        "inventory/application_detail.html",
        app=app,
        depth=depth,
        neighbourhood=neighbourhood, diagram_note=diagram_note,
        integrated=inventory.is_integrated(app.id),
        links=inventory.links_of(app.id),
        history=changelog.history("applications", app.id, limit=50),
        reviews=management.reviews_of(app.id),
        can_review=current_actor().role in INVENTORY_MAINTAINERS,
        review_errors={},
        can_edit=can_write_for_unit(current_actor(), app.owner_unit_id),
        can_delete=current_actor().role in INVENTORY_MAINTAINERS,
    )


def _form_context(agency_id):
    actor = current_actor()
    units = organisation.unit_choices(agency_id)
    if actor.role == models.Role.OPD_OPERATOR:
        units = [u for u in units if u.id == actor.unit_id]
    return {"units": units, "hostings": inventory.hosting_choices(agency_id)}


def _agency_for_new(actor):
    if request.args.get("agency", "").isdigit():
        return int(request.args["agency"])
    if actor.unit is not None:
        return actor.unit.agency_id
    agency = organisation.default_agency()
    return agency.id if agency else None


def _keep_publication_to_maintainers(actor, data):
    """An operator's form has no "published" box: its unticked value must not unpublish."""
    if actor.role not in INVENTORY_MAINTAINERS:
        data.pop("published", None)


@bp.route("/applications/new", methods=["GET", "POST"])
def create_application():
    """Show the new-application form and create the application."""
    actor = current_actor()
    if actor.role == models.Role.OPD_OPERATOR and request.method == "GET":
        flash(_("Aplikasi baru dari OPD diusulkan lewat permintaan aplikasi baru: isi formulir "
                "ini, registri mencari aplikasi serupa, lalu reviewer atau arsitek "
                "memutuskan."), "info")
        return redirect(url_for("requests.edit_request", kind="application"))
    require_application_creator(actor)  # a POST is refused, pointing to the request form
    agency_id = _agency_for_new(actor)
    errors, conflict = {}, None
    if request.method == "POST":
        data, errors = parse_form(ApplicationFormSchema(), request.form)
        if not errors:
            data.pop("version", None)
            _keep_publication_to_maintainers(actor, data)
            app, errors, conflict = run_service(
                lambda: inventory.create_application(data, actor=actor)
            )
            if app is not None:
                flash(_("Aplikasi %(name)s dibuat.", name=app.name), "success")
                return redirect(url_for("inventory.show_application", app_id=app.id))
    return render_template(
        "inventory/application_form.html",
        app=None,
        form=request.form,
        errors=errors,
        conflict=conflict,
        **_form_context(agency_id),
    ), (422 if errors else 200)


@bp.route("/applications/<int:app_id>/edit", methods=["GET", "POST"])
def edit_application(app_id):
    """Show the edit form and save it, refusing a stale edit but keeping the input."""
    actor = current_actor()
    app = inventory.get_application(app_id)
    if not can_write_for_unit(actor, app.owner_unit_id):
        abort(403)
    errors, conflict, form = {}, None, None
    if request.method == "POST":
        form = request.form
        data, errors = parse_form(ApplicationFormSchema(), form)
        if not errors:
            version = data.pop("version", None)
            _keep_publication_to_maintainers(actor, data)
            saved, errors, conflict = run_service(
                lambda: inventory.update_application(
                    app_id, data, actor=actor, expected_version=version
                )
            )
            if saved is not None:
                flash(_("Perubahan disimpan."), "success")
                return redirect(url_for("inventory.show_application", app_id=app_id))
            if conflict:
                app = inventory.get_application(app_id)
    status = 409 if conflict else (422 if errors else 200)
    return render_template(
        "inventory/application_form.html",
        app=app,
        form=form,
        errors=errors,
        conflict=conflict,
        **_form_context(app.agency_id),
    ), status


@bp.route("/applications/<int:app_id>/retire", methods=["GET", "POST"])
def retire_application(app_id):
    """Ask first, naming the links that end with it; then retire the application."""
    actor = current_actor()
    if request.method == "GET":
        app, links = inventory.check_retire_application(app_id, actor=actor)
        return confirmation(
            title=_("Pensiunkan aplikasi ini?"), record=f"{app.name} ({app.code})",
            action_label=_("Ya, pensiunkan"), danger=False,
            cancel_url=url_for("inventory.show_application", app_id=app.id),
            consequences=[
                _("Aplikasi ini tidak lagi dihitung sebagai aplikasi yang berjalan."),
                _("%(n)s tautan integrasi ikut dihentikan:", n=len(links)) if links else
                _("Tidak ada tautan integrasi yang ikut dihentikan."),
            ],
            touched=[(f"{link} · {label('channel', link.channel)} · "
                      f"{label('link_status', link.status)}",
                      url_for("integrations.show_link", link_id=link.id)) for link in links],
            hidden={"version": app.version})
    version = request.form.get("version", type=int)
    inventory.retire_application(app_id, actor=actor, expected_version=version)
    flash(undo_message(_("Aplikasi dipensiunkan; tautan integrasinya ikut dihentikan."),
                       "applications", app_id), "success")
    return redirect(url_for("inventory.show_application", app_id=app_id))


@bp.route("/applications/<int:app_id>/delete", methods=["GET", "POST"])
def delete_application(app_id):
    """Ask first; then delete an application entered by mistake."""
    actor = current_actor()
    if request.method == "GET":
        app = inventory.check_delete_application(app_id, actor=actor)
        return confirmation(
            title=_("Hapus aplikasi ini?"), record=f"{app.name} ({app.code})",
            action_label=_("Ya, hapus"),
            cancel_url=url_for("inventory.show_application", app_id=app.id),
            consequences=[_("Aplikasi ini tidak punya tautan integrasi, domain atau reviu; "
                            "tidak ada data lain yang ikut terhapus.")])
    name = inventory.get_application(app_id).name
    inventory.delete_application(app_id, actor=actor)
    flash(undo_message(_("Aplikasi %(name)s dihapus.", name=name), "applications", app_id),
          "success")
    return redirect(url_for("inventory.list_applications"))


@bp.get("/units")
def list_units():
    """List OPDs with their application counts."""
    agency_id = request.args.get("agency", type=int)
    return render_template(
        "inventory/unit_list.html",
        rows=organisation.list_units(agency_id=agency_id, q=request.args.get("q")),
        agencies=organisation.list_agencies(),
        agency_id=agency_id,
        can_edit=current_actor().role in INVENTORY_MAINTAINERS,
    )


@bp.get("/units/<int:unit_id>")
def show_unit(unit_id):
    """Show one OPD, its applications and its history."""
    unit = organisation.get_unit(unit_id)
    apps = inventory.list_applications(
        inventory.ApplicationFilters(unit_id=unit.id), page=1, per_page=200
    )
    return render_template(
        "inventory/unit_detail.html",
        unit=unit,
        apps=apps,
        history=changelog.history("units", unit.id, limit=50),
        can_edit=current_actor().role in INVENTORY_MAINTAINERS,
    )


@bp.route("/units/new", methods=["GET", "POST"])
@bp.route("/units/<int:unit_id>/edit", methods=["GET", "POST"])
def edit_unit(unit_id=None):
    """Create or edit an OPD."""
    actor = current_actor()
    if actor.role not in INVENTORY_MAINTAINERS:
        abort(403)
    unit = organisation.get_unit(unit_id) if unit_id else None
    errors, conflict = {}, None
    if request.method == "POST":
        data, errors = parse_form(UnitFormSchema(), request.form)
        if not errors:
            version = data.pop("version", None)
            if unit is None:
                call = lambda: organisation.create_unit(data, actor=actor)  # noqa: E731
            else:
                data.pop("agency_id", None)
                call = lambda: organisation.update_unit(  # noqa: E731
                    unit.id, data, actor=actor, expected_version=version
                )
            saved, errors, conflict = run_service(call)
            if saved is not None:
                flash(_("OPD %(name)s disimpan.", name=saved.name), "success")
                return redirect(url_for("inventory.show_unit", unit_id=saved.id))
    status = 409 if conflict else (422 if errors else 200)
    return render_template(
        "inventory/unit_form.html",
        unit=unit,
        form=request.form if request.method == "POST" else None,
        errors=errors,
        conflict=conflict,
        agencies=organisation.list_agencies(),
    ), status


@bp.post("/applications/<int:app_id>/reviews")
def record_review(app_id):
    """Record a review of the application."""
    inventory.get_application(app_id)
    data, errors = parse_form(ReviewFormSchema(), request.form)
    if not errors:
        _review, errors, _conflict = run_service(
            lambda: management.record_review(app_id, data, actor=current_actor()))
    if errors:
        for field, messages in errors.items():
            flash(f"{field}: {' '.join(messages)}", "danger")
    else:
        flash(_("Reviu dicatat."), "success")
    return redirect(url_for("inventory.show_application", app_id=app_id))


@bp.route("/applications/<int:app_id>/reviews/<int:review_id>/delete", methods=["GET", "POST"])
def delete_review(app_id, review_id):
    """Ask first, saying what the application's last review becomes; then delete the review."""
    actor = current_actor()
    review, last = management.check_delete_review(review_id, actor=actor)
    if review.application_id != app_id:
        abort(404)
    if request.method == "GET":
        app = review.application
        if last is None:
            effect = _("Aplikasi ini menjadi belum pernah direviu.")
        elif last.reviewed_on == app.last_review_on:
            effect = _("Reviu terakhir aplikasi ini tetap %(date)s.",
                       date=format_date(last.reviewed_on))
        else:
            effect = _("Reviu terakhir aplikasi ini kembali ke %(date)s (%(doc)s).",
                       date=format_date(last.reviewed_on), doc=last.followup_document or "—")
        return confirmation(
            title=_("Hapus reviu ini?"),
            record=_("Reviu %(app)s tanggal %(date)s oleh %(who)s", app=app.name,
                     date=format_date(review.reviewed_on), who=review.reviewer),
            action_label=_("Ya, hapus"), consequences=[effect],
            cancel_url=url_for("inventory.show_application", app_id=app_id))
    management.delete_review(review_id, actor=actor)
    flash(undo_message(_("Reviu dihapus."), "application_reviews", review_id), "success")
    return redirect(url_for("inventory.show_application", app_id=app_id))


@bp.route("/applications/<int:app_id>/reviews/<int:review_id>/edit", methods=["GET", "POST"])
def edit_review(app_id, review_id):
    """Change a recorded review."""
    if current_actor().role not in INVENTORY_MAINTAINERS:
        abort(403)
    app = inventory.get_application(app_id)
    review = next((r for r in management.reviews_of(app_id) if r.id == review_id), None)
    if review is None:
        abort(404)
    errors, conflict = {}, None
    if request.method == "POST":
        data, errors = parse_form(ReviewFormSchema(), request.form)
        if not errors:
            saved, errors, conflict = run_service(lambda: management.update_review(
                review_id, data, actor=current_actor(),
                expected_version=request.form.get("version", type=int)))
            if saved is not None:
                flash(_("Reviu disimpan."), "success")
                return redirect(url_for("inventory.show_application", app_id=app_id))
    return render_template(
        "inventory/review_form.html", app=app, review=review,
        form=request.form if request.method == "POST" else None, errors=errors,
        conflict=conflict,
    ), (409 if conflict else 422 if errors else 200)
