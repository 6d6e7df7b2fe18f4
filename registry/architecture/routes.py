"""Routes of the infrastructure and ICT-management architectures: parse, call a service, render."""

from functools import partial

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import format_date
from flask_babel import gettext as _

from arch_models.reference.documents import NATIONAL_DOMAINS, POLICY_KINDS
from arch_models.roadmap import CONTENT_AREAS
from registry import models
from registry.architecture import bp
from registry.auth import current_actor
from registry.changes import undo_message
from registry.forms import confirmation, create_or_update, form_page
from registry.labels import label
from registry.schemas import infrastructure as schemas
from registry.schemas.management import (
    AreaFormSchema,
    AuditFormSchema,
    DocumentFormSchema,
    ReferenceEntryFormSchema,
)
from registry.schemas.roadmap import InitiativeFormSchema
from registry.services import (
    changelog,
    completeness,
    documents,
    infrastructure,
    integrations,
    management,
    organisation,
    reference,
    roadmap,
)
from registry.services.permissions import (
    can_write_for_unit,
    can_write_inventory,
    is_maintainer,
    is_operator,
)
from registry.web import INITIATIVE_FILTERS

#: url kind -> (model, form schema, template)
KINDS = {
    "data-centers": (models.DataCenter, schemas.DataCenterFormSchema, "data_center_form.html"),
    "networks": (models.Network, schemas.NetworkFormSchema, "network_form.html"),
    "service-buses": (models.ServiceBus, schemas.ServiceBusFormSchema, "service_bus_form.html"),
}


def _agency_id():
    agency_id = request.args.get("agency", type=int)
    if agency_id is None and (agency := organisation.default_agency()) is not None:
        agency_id = agency.id
    return agency_id


def _overview(template, lists):
    """Render an overview page of the page's agency: ``lists(agency_id)`` gives its lists."""
    agency_id = _agency_id()
    return render_template(template, agency_id=agency_id, agencies=organisation.list_agencies(),
                           can_edit=is_maintainer(current_actor()), **lists(agency_id))


@bp.get("/infrastructure")
def infrastructure_overview():
    """Show the agency's data centres, intra networks and service buses on one page."""
    return _overview("architecture/infrastructure.html", lambda agency_id: {
        "centers": infrastructure.list_data_centers(agency_id),
        "networks": infrastructure.list_networks(agency_id),
        "buses": infrastructure.list_service_buses(agency_id),
        "unreached": infrastructure.unreached_units(agency_id) if agency_id else [],
    })


@bp.route("/<kind>/new", methods=["GET", "POST"])
@bp.route("/<kind>/<int:obj_id>/edit", methods=["GET", "POST"])
def edit_record(kind, obj_id=None):
    """Create or edit a data centre, intra network or service bus."""
    if kind not in KINDS:
        abort(404)
    model, form_schema, template = KINDS[kind]
    if not is_maintainer(current_actor()):
        abort(403)
    obj = infrastructure.get_or_404(model, obj_id) if obj_id else None
    agency_id = obj.agency_id if obj else _agency_id()
    save = create_or_update(  # a record belongs to the page's agency, not the form's
        obj, lambda data: infrastructure.create_record(
            model, data | {"agency_id": agency_id}, actor=current_actor()),
        partial(infrastructure.update_record, model, actor=current_actor()), fixed={"agency_id"})
    return form_page(f"architecture/{template}", form_schema(), save, _record_saved,
                     lambda: _record_context(obj, kind, agency_id))


def _record_context(obj, kind, agency_id):
    return {"obj": obj, "kind": kind, "agency_id": agency_id,
            "units": organisation.unit_choices(agency_id),
            "centers": [(c.id, c.name) for c, _n in infrastructure.list_data_centers(agency_id)]}


def _record_saved(record):
    flash(_("%(name)s disimpan.", name=record.name), "success")
    return redirect(url_for("architecture.infrastructure_overview", agency=record.agency_id))


@bp.get("/management")
def management_overview():
    """Show the ICT management architecture: the areas, the audits and their records."""
    return _overview("architecture/management.html", lambda agency_id: {
        "areas": management.areas_of(agency_id) if agency_id else [],
        "audits": management.list_audits(agency_id),
    })


@bp.route("/management/<area>", methods=["GET", "POST"])
def edit_area(area):
    """Record the state of one management area."""
    return _agency_record_form(
        area, management.areas_of, management.save_area, "architecture/area_form.html",
        AreaFormSchema(), "architecture.management_overview",
        lambda row: {"area": area, "name": row[1], "indicator": row[2], "record": row[3]})


def _agency_record_form(key, rows_of, save, template, schema, back, context):
    """Run the form of one of the agency's fixed records: a management area, a document.

    ``rows_of(agency_id)``: a row per key, the key first (another key is a 404);
    ``save(agency_id, key, data, actor=, expected_version=)``; ``back``: the page to go on to;
    ``context(row)``: the template's values.
    """
    if not is_maintainer(current_actor()):
        abort(403)
    agency_id = _agency_id()
    row = next((row for row in rows_of(agency_id) if row[0] == key), None)
    if row is None:
        abort(404)
    return form_page(
        template, schema, lambda data, version: save(
            agency_id, key, data, actor=current_actor(), expected_version=version),
        _saved_to(back, agency=agency_id), lambda: context(row) | {"agency_id": agency_id})


def _saved_to(endpoint, message=None, **values):
    """Return the ``done`` of a form: flash that it was saved (or ``message``) and go on."""
    def done(saved):
        flash(message or _("%(name)s disimpan.", name=str(saved)), "success")
        return redirect(url_for(endpoint, **values))
    return done


@bp.route("/audits/new", methods=["GET", "POST"])
@bp.route("/audits/<int:audit_id>/edit", methods=["GET", "POST"])
def edit_audit(audit_id=None):
    """Record an audit, or change one."""
    if not is_maintainer(current_actor()):
        abort(403)
    audit = infrastructure.get_or_404(models.AuditRecord, audit_id) if audit_id else None
    agency_id = audit.agency_id if audit else _agency_id()
    save = create_or_update(
        audit, lambda data: management.create_audit(data | {"agency_id": agency_id},
                                                    actor=current_actor()),
        partial(management.update_audit, actor=current_actor()))
    return form_page("architecture/audit_form.html", AuditFormSchema(), save,
                     _saved_to("architecture.management_overview", _("Audit disimpan."),
                               agency=agency_id),
                     lambda: {"audit": audit, "agency_id": agency_id})


def _initiative_filters():
    args = INITIATIVE_FILTERS.parse(request.args)
    args["agency"] = args.get("agency") or _agency_id()
    return args, INITIATIVE_FILTERS.build(args)


@bp.get("/roadmap")
def list_initiatives():
    """List the Peta Rencana's initiatives with filters."""
    args, filters = _initiative_filters()
    return render_template(
        "architecture/roadmap_list.html", args=args,
        initiatives=roadmap.list_initiatives(filters),
        units=organisation.unit_choices(args["agency"]),
        can_edit=can_write_inventory(current_actor()),
    )


@bp.get("/roadmap/timeline")
def roadmap_timeline():
    """Show the Peta Rencana year by year: targets and budget per initiative."""
    args, filters = _initiative_filters()
    return render_template(
        "architecture/roadmap_timeline.html", args=args,
        years=roadmap.timeline(roadmap.list_initiatives(filters)),
    )


@bp.get("/roadmap/<int:initiative_id>")
def show_initiative(initiative_id):
    """Show one initiative, its years and its history."""
    initiative = roadmap.get_initiative(initiative_id)
    return render_template(
        "architecture/initiative_detail.html", initiative=initiative,
        elements=roadmap.elements_of(initiative),
        history=changelog.history("initiatives", initiative.id, limit=50),
        can_edit=can_write_for_unit(current_actor(), initiative.owner_unit_id),
    )


ELEMENT_ACTIONS = ("build", "change", "retire")


def _initiative_form_data(form):
    """Gather ``years-N-field`` inputs into a list of yearly lines; drop the empty ones."""
    data = {k: v for k, v in form.items() if not k.startswith("years-")}
    data["indicators"] = [v.strip() for v in form.get("indicators", "").split(",") if v.strip()]
    lines = {}
    for key, value in form.items():
        if key.startswith("years-"):
            _prefix, index, field = key.split("-", 2)
            lines.setdefault(int(index), {})[field] = value
    data["years"] = [line for _i, line in sorted(lines.items())
                     if any(v.strip() for f, v in line.items() if f != "year")]
    data["elements"] = [{"application_id": app_id, "action": action}
                        for action in ELEMENT_ACTIONS
                        for app_id in request.form.getlist(f"elements-{action}") if app_id]
    return data


@bp.route("/roadmap/new", methods=["GET", "POST"])
@bp.route("/roadmap/<int:initiative_id>/edit", methods=["GET", "POST"])
def edit_initiative(initiative_id=None):
    """Create or edit an initiative with its yearly targets and budget lines."""
    actor = current_actor()
    if not can_write_inventory(actor):
        abort(403)
    initiative = roadmap.get_initiative(initiative_id) if initiative_id else None
    save = create_or_update(initiative, partial(roadmap.create_initiative, actor=actor),
                            partial(roadmap.update_initiative, actor=actor))
    return form_page("architecture/initiative_form.html", InitiativeFormSchema(), save,
                     _initiative_saved, lambda: _initiative_context(actor, initiative),
                     values=_initiative_form_data(request.form))


def _initiative_saved(initiative):
    flash(_("Inisiatif %(code)s disimpan.", code=initiative.code), "success")
    return redirect(url_for("architecture.show_initiative", initiative_id=initiative.id))


def _initiative_context(actor, initiative):
    agency_id = initiative.agency_id if initiative else _agency_id()
    units = organisation.unit_choices(agency_id)
    if is_operator(actor):
        units = [u for u in units if u.id == actor.unit_id]
    return {"initiative": initiative, "units": units, "areas": CONTENT_AREAS,
            "actions": ELEMENT_ACTIONS,
            "applications": integrations.application_choices(agency_id)}


@bp.get("/completeness")
def show_completeness():
    """Show what each architecture records and what it still misses."""
    agency_id = _agency_id()
    return render_template(
        "architecture/completeness.html", agency_id=agency_id,
        agencies=organisation.list_agencies(),
        sections=completeness.completeness(agency_id) if agency_id else [],
        domains=completeness.national_domains(agency_id) if agency_id else [],
        documents=documents.documents_of(agency_id) if agency_id else [],
        policies=POLICY_KINDS,
    )


@bp.route("/documents/<kind>", methods=["GET", "POST"])
def edit_document(kind):
    """Record an architecture document: number, date, who enacted it, its review."""
    return _agency_record_form(
        kind, documents.documents_of, documents.save_document, "architecture/document_form.html",
        DocumentFormSchema(), "architecture.show_completeness",
        lambda row: {"kind": kind, "name": row[1], "record": row[2], "domains": NATIONAL_DOMAINS,
                     "policies": POLICY_KINDS})


@bp.route("/reference", methods=["GET", "POST"])
def reference_catalogue():
    """Show the catalogue of reference codes by architecture, and add to it."""
    agency_id = _agency_id()
    if request.method == "POST" and not is_maintainer(current_actor()):
        abort(403)
    return form_page(
        "architecture/reference.html", ReferenceEntryFormSchema(),
        lambda data, _version: reference.create_entry(data | {"agency_id": agency_id},
                                                      actor=current_actor()),
        _saved_to("architecture.reference_catalogue", agency=agency_id),
        lambda: {"agency_id": agency_id, "entries": reference.list_entries(agency_id),
                 "counts": reference.counts_by_prefix(agency_id),
                 "can_edit": is_maintainer(current_actor())})


@bp.route("/reference/<int:entry_id>/edit", methods=["GET", "POST"])
def edit_reference_entry(entry_id):
    """Change a catalogue entry."""
    if not is_maintainer(current_actor()):
        abort(403)
    entry = infrastructure.get_or_404(models.ReferenceEntry, entry_id)
    return form_page(
        "architecture/reference_form.html", ReferenceEntryFormSchema(),
        lambda data, _version: reference.update_entry(  # the schema has no version field
            entry.id, data, actor=current_actor(),
            expected_version=request.form.get("version", type=int)),
        _saved_to("architecture.reference_catalogue", agency=entry.agency_id),
        lambda: {"entry": entry})


@bp.route("/reference/<int:entry_id>/delete", methods=["GET", "POST"])
def delete_reference_entry(entry_id):
    """Ask first; then remove a catalogue entry."""
    actor = current_actor()
    entry = reference.check_delete_entry(entry_id, actor=actor)
    listed = url_for("architecture.reference_catalogue", agency=entry.agency_id)
    return _ask_then_delete(
        lambda: {"title": _("Hapus kode ini dari katalog?"),
                 "record": f"{entry.code} {entry.name}", "cancel_url": listed,
                 "consequences": [_("Aplikasi yang mencantumkan kode ini tetap mencantumkannya; "
                                    "hanya entri katalognya yang dihapus.")]},
        lambda: reference.delete_entry(entry_id, actor=actor),
        lambda: undo_message(_("Kode dihapus dari katalog."), "reference_entries", entry_id),
        listed)


def _ask_then_delete(question, delete, done_message, next_url):
    """Ask first on GET (``question()``: the confirmation page's words); delete on POST.

    After the delete, flash ``done_message()`` (its undo link names the delete, so it is read
    after it) and go to ``next_url``.
    """
    if request.method == "GET":
        return confirmation(action_label=_("Ya, hapus"), **question())
    delete()
    flash(done_message(), "success")
    return redirect(next_url)


@bp.route("/<kind>/<int:obj_id>/delete", methods=["GET", "POST"])
def delete_record(kind, obj_id):
    """Ask first; then delete a data centre, intra network or service bus nothing refers to."""
    if kind not in KINDS:
        abort(404)
    model = KINDS[kind][0]
    actor = current_actor()
    obj = infrastructure.check_delete_record(model, obj_id, actor=actor)

    def question():
        consequences, touched = [_("Tidak ada data lain yang ikut terhapus.")], []
        if model is models.Network and obj.units:
            consequences = [_("Catatan bahwa jaringan ini menjangkau %(n)s OPD ikut terhapus:",
                              n=len(obj.units))]
            touched = [(unit.name, url_for("inventory.show_unit", unit_id=unit.id))
                       for unit in obj.units]
        return {"title": _("Hapus %(what)s ini?",
                           what=_lower(label("object_type", model.__tablename__))),
                "record": f"{obj.code} {obj.name}", "consequences": consequences,
                "touched": touched,
                "cancel_url": url_for("architecture.edit_record", kind=kind, obj_id=obj.id)}

    return _ask_then_delete(
        question, lambda: infrastructure.delete_record(model, obj_id, actor=actor),
        lambda: undo_message(_("Data dihapus."), model.__tablename__, obj_id),
        url_for("architecture.infrastructure_overview", agency=obj.agency_id))


def _lower(text):
    """Lower the first letter of a label inside a sentence, but not of an acronym."""
    return text if len(text) > 1 and text[1].isupper() else text[:1].lower() + text[1:]


@bp.route("/audits/<int:audit_id>/delete", methods=["GET", "POST"])
def delete_audit(audit_id):
    """Ask first; then delete an audit record entered by mistake."""
    actor = current_actor()
    audit = management.check_delete_audit(audit_id, actor=actor)
    return _ask_then_delete(
        lambda: {"title": _("Hapus catatan audit ini?"),
                 "record": _("%(type)s: %(object)s, %(date)s",
                             type=label("audit_type", audit.type), object=audit.object_name,
                             date=format_date(audit.performed_on)),
                 "cancel_url": url_for("architecture.edit_audit", audit_id=audit.id),
                 "consequences": [_("Tidak ada data lain yang ikut terhapus.")]},
        lambda: management.delete_audit(audit_id, actor=actor),
        lambda: undo_message(_("Data dihapus."), "audit_records", audit_id),
        url_for("architecture.management_overview", agency=audit.agency_id))
