"""Routes of the inventory: parse, call a service, render."""

from functools import partial

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import format_date
from flask_babel import gettext as _

from registry.auth import current_actor
from registry.changes import undo_message
from registry.forms import (
    confirmation,
    create_or_update,
    form_page,
    parse_form,
    run_service,
)
from registry.i18n import N_
from registry.inventory import bp
from registry.labels import label
from registry.schemas.inventory import (
    ApplicationFormSchema,
    UnitFormSchema,
)
from registry.schemas.management import ReviewFormSchema
from registry.services import analysis, changelog, inventory, management, organisation
from registry.services.permissions import (
    can_write_for_unit,
    is_maintainer,
    is_operator,
    require_application_creator,
)
from registry.web import APPLICATION_FILTERS, diagram_urls

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
    if filters.built:
        chips.append((_("Dibangun (dikembangkan atau beroperasi)"), "built"))
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
    filters, args = APPLICATION_FILTERS.from_args(request.args)
    result = APPLICATION_FILTERS.page(args)
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
        can_create=is_maintainer(current_actor()),
        # an OPD proposes a new application; the request checks for look-alikes first
        can_propose=is_operator(current_actor()),
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
        can_review=is_maintainer(current_actor()),
        review_errors={},
        can_edit=can_write_for_unit(current_actor(), app.owner_unit_id),
        can_delete=is_maintainer(current_actor()),
    )


def _form_context(agency_id):
    actor = current_actor()
    units = organisation.unit_choices(agency_id)
    if is_operator(actor):
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
    """Keep the publication as it is for an operator, whose form has no "published" box.

    Its unticked value must not unpublish. Return ``data``.
    """
    if not is_maintainer(actor):
        data.pop("published", None)
    return data


@bp.route("/applications/new", methods=["GET", "POST"])
def create_application():
    """Show the new-application form and create the application."""
    actor = current_actor()
    if is_operator(actor) and request.method == "GET":
        flash(_("Aplikasi baru dari OPD diusulkan lewat permintaan aplikasi baru: isi formulir "
                "ini, registri mencari aplikasi serupa, lalu reviewer atau arsitek "
                "memutuskan."), "info")
        return redirect(url_for("requests.edit_request", kind="application"))
    require_application_creator(actor)  # a POST is refused, pointing to the request form
    agency_id = _agency_for_new(actor)
    return form_page(
        "inventory/application_form.html", ApplicationFormSchema(),
        lambda data, _version: inventory.create_application(
            _keep_publication_to_maintainers(actor, data), actor=actor),
        lambda app: _application_saved(app, _("Aplikasi %(name)s dibuat.", name=app.name)),
        lambda: {"app": None, **_form_context(agency_id)})


def _application_saved(app, message):
    flash(message, "success")
    return redirect(url_for("inventory.show_application", app_id=app.id))


@bp.route("/applications/<int:app_id>/edit", methods=["GET", "POST"])
def edit_application(app_id):
    """Show the edit form and save it, refusing a stale edit but keeping the input."""
    actor = current_actor()
    app = inventory.get_application(app_id)
    if not can_write_for_unit(actor, app.owner_unit_id):
        abort(403)
    # on a conflict the refused write's rollback expires ``app``: the page shows the latest
    return form_page(
        "inventory/application_form.html", ApplicationFormSchema(),
        lambda data, version: inventory.update_application(
            app_id, _keep_publication_to_maintainers(actor, data), actor=actor,
            expected_version=version),
        lambda saved: _application_saved(saved, _("Perubahan disimpan.")),
        lambda: {"app": app, **_form_context(app.agency_id)})


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
        page=organisation.list_units(agency_id=agency_id, q=request.args.get("q"),
                                     page=request.args.get("page", 1, type=int)),
        agencies=organisation.list_agencies(),
        agency_id=agency_id,
        can_edit=is_maintainer(current_actor()),
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
        can_edit=is_maintainer(current_actor()),
    )


@bp.route("/units/new", methods=["GET", "POST"])
@bp.route("/units/<int:unit_id>/edit", methods=["GET", "POST"])
def edit_unit(unit_id=None):
    """Create or edit an OPD."""
    actor = current_actor()
    if not is_maintainer(actor):
        abort(403)
    unit = organisation.get_unit(unit_id) if unit_id else None
    save = create_or_update(unit, partial(organisation.create_unit, actor=actor),
                            partial(organisation.update_unit, actor=actor), fixed={"agency_id"})
    return form_page("inventory/unit_form.html", UnitFormSchema(), save, _unit_saved,
                     lambda: {"unit": unit, "agencies": organisation.list_agencies()})


def _unit_saved(unit):
    flash(_("OPD %(name)s disimpan.", name=unit.name), "success")
    return redirect(url_for("inventory.show_unit", unit_id=unit.id))


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
    if not is_maintainer(current_actor()):
        abort(403)
    app = inventory.get_application(app_id)
    review = next((r for r in management.reviews_of(app_id) if r.id == review_id), None)
    if review is None:
        abort(404)
    return form_page(
        "inventory/review_form.html", ReviewFormSchema(),
        lambda data, _version: management.update_review(  # the schema has no version field
            review_id, data, actor=current_actor(),
            expected_version=request.form.get("version", type=int)),
        lambda _review: _application_saved(app, _("Reviu disimpan.")),
        lambda: {"app": app, "review": review})
