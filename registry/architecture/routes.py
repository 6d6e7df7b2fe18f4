"""Routes of the infrastructure and ICT-management architectures: parse, call a service, render."""

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import format_date
from flask_babel import gettext as _
from marshmallow import ValidationError

from arch_models.reference.documents import NATIONAL_DOMAINS, POLICY_KINDS
from arch_models.roadmap import CONTENT_AREAS
from registry import models
from registry.api.roadmap import initiative_filters
from registry.architecture import bp
from registry.auth import current_actor
from registry.changes import undo_message
from registry.forms import confirmation, filter_args, parse_form, run_service
from registry.labels import label
from registry.schemas import infrastructure as schemas
from registry.schemas.common import translate_errors
from registry.schemas.management import (
    AreaFormSchema,
    AuditFormSchema,
    DocumentFormSchema,
    ReferenceEntryFormSchema,
)
from registry.schemas.roadmap import InitiativeFormSchema, InitiativeQueryArgsSchema
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
from registry.services.permissions import INVENTORY_MAINTAINERS, can_write_for_unit

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


@bp.get("/infrastructure")
def infrastructure_overview():
    """Show the agency's data centres, intra networks and service buses on one page."""
    agency_id = _agency_id()
    return render_template(
        "architecture/infrastructure.html",
        agency_id=agency_id,
        agencies=organisation.list_agencies(),
        centers=infrastructure.list_data_centers(agency_id),
        networks=infrastructure.list_networks(agency_id),
        buses=infrastructure.list_service_buses(agency_id),
        unreached=infrastructure.unreached_units(agency_id) if agency_id else [],
        can_edit=current_actor().role in INVENTORY_MAINTAINERS,
    )


@bp.route("/<kind>/new", methods=["GET", "POST"])
@bp.route("/<kind>/<int:obj_id>/edit", methods=["GET", "POST"])
def edit_record(kind, obj_id=None):
    """Create or edit a data centre, intra network or service bus."""
    if kind not in KINDS:
        abort(404)
    model, form_schema, template = KINDS[kind]
    actor = current_actor()
    if actor.role not in INVENTORY_MAINTAINERS:
        abort(403)
    obj = infrastructure.get_or_404(model, obj_id) if obj_id else None
    agency_id = obj.agency_id if obj else _agency_id()
    errors, conflict = {}, None
    if request.method == "POST":
        data, errors = parse_form(form_schema(), request.form)
        if not errors:
            version = data.pop("version", None)
            data.pop("agency_id", None)
            if obj is None:
                call = lambda: infrastructure.create_record(  # noqa: E731
                    model, data | {"agency_id": agency_id}, actor=actor)
            else:
                call = lambda: infrastructure.update_record(  # noqa: E731
                    model, obj.id, data, actor=actor, expected_version=version)
            saved, errors, conflict = run_service(call)
            if saved is not None:
                flash(_("%(name)s disimpan.", name=saved.name), "success")
                return redirect(url_for("architecture.infrastructure_overview",
                                        agency=saved.agency_id))
    return render_template(
        f"architecture/{template}", obj=obj, kind=kind, agency_id=agency_id,
        form=request.form if request.method == "POST" else None,
        errors=errors, conflict=conflict,
        units=organisation.unit_choices(agency_id),
        centers=[(c.id, c.name) for c, _n in infrastructure.list_data_centers(agency_id)],
    ), (409 if conflict else 422 if errors else 200)


@bp.get("/management")
def management_overview():
    """Show the ICT management architecture: the areas, the audits and their records."""
    agency_id = _agency_id()
    return render_template(
        "architecture/management.html",
        agency_id=agency_id,
        agencies=organisation.list_agencies(),
        areas=management.areas_of(agency_id) if agency_id else [],
        audits=management.list_audits(agency_id),
        can_edit=current_actor().role in INVENTORY_MAINTAINERS,
    )


@bp.route("/management/<area>", methods=["GET", "POST"])
def edit_area(area):
    """Record the state of one management area."""
    if current_actor().role not in INVENTORY_MAINTAINERS:
        abort(403)
    agency_id = _agency_id()
    rows = {row[0]: row for row in management.areas_of(agency_id)}
    if area not in rows:
        abort(404)
    record = rows[area][3]
    errors, conflict = {}, None
    if request.method == "POST":
        data, errors = parse_form(AreaFormSchema(), request.form)
        if not errors:
            version = data.pop("version", None)
            saved, errors, conflict = run_service(lambda: management.save_area(
                agency_id, area, data, actor=current_actor(), expected_version=version))
            if saved is not None:
                flash(_("%(name)s disimpan.", name=str(saved)), "success")
                return redirect(url_for("architecture.management_overview", agency=agency_id))
    return render_template(
        "architecture/area_form.html", area=area, name=rows[area][1], indicator=rows[area][2],
        record=record, agency_id=agency_id,
        form=request.form if request.method == "POST" else None, errors=errors,
        conflict=conflict,
    ), (409 if conflict else 422 if errors else 200)


@bp.route("/audits/new", methods=["GET", "POST"])
@bp.route("/audits/<int:audit_id>/edit", methods=["GET", "POST"])
def edit_audit(audit_id=None):
    """Record an audit, or change one."""
    if current_actor().role not in INVENTORY_MAINTAINERS:
        abort(403)
    audit = infrastructure.get_or_404(models.AuditRecord, audit_id) if audit_id else None
    agency_id = audit.agency_id if audit else _agency_id()
    errors, conflict = {}, None
    if request.method == "POST":
        data, errors = parse_form(AuditFormSchema(), request.form)
        if not errors:
            version = data.pop("version", None)
            if audit is None:
                call = lambda: management.create_audit(  # noqa: E731
                    data | {"agency_id": agency_id}, actor=current_actor())
            else:
                call = lambda: management.update_audit(  # noqa: E731
                    audit.id, data, actor=current_actor(), expected_version=version)
            saved, errors, conflict = run_service(call)
            if saved is not None:
                flash(_("Audit disimpan."), "success")
                return redirect(url_for("architecture.management_overview", agency=agency_id))
    return render_template(
        "architecture/audit_form.html", audit=audit, agency_id=agency_id,
        form=request.form if request.method == "POST" else None, errors=errors,
        conflict=conflict,
    ), (409 if conflict else 422 if errors else 200)


def _initiative_filters():
    try:
        args = InitiativeQueryArgsSchema().load(filter_args(request.args))
    except ValidationError as error:
        abort(400, description=str(translate_errors(error.messages)))
    args["agency"] = args.get("agency") or _agency_id()
    return args, initiative_filters(args)


@bp.get("/roadmap")
def list_initiatives():
    """List the Peta Rencana's initiatives with filters."""
    args, filters = _initiative_filters()
    return render_template(
        "architecture/roadmap_list.html", args=args,
        initiatives=roadmap.list_initiatives(filters),
        units=organisation.unit_choices(args["agency"]),
        can_edit=current_actor().role in (*INVENTORY_MAINTAINERS, models.Role.OPD_OPERATOR),
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
    if actor.role not in (*INVENTORY_MAINTAINERS, models.Role.OPD_OPERATOR):
        abort(403)
    initiative = roadmap.get_initiative(initiative_id) if initiative_id else None
    agency_id = initiative.agency_id if initiative else _agency_id()
    errors, conflict, form = {}, None, None
    if request.method == "POST":
        form = _initiative_form_data(request.form)
        try:
            data = InitiativeFormSchema().load(form)
        except ValidationError as error:
            errors = translate_errors(error.messages)
        else:
            version = data.pop("version", None)
            if initiative is None:
                call = lambda: roadmap.create_initiative(data, actor=actor)  # noqa: E731
            else:
                call = lambda: roadmap.update_initiative(  # noqa: E731
                    initiative.id, data, actor=actor, expected_version=version)
            saved, errors, conflict = run_service(call)
            if saved is not None:
                flash(_("Inisiatif %(code)s disimpan.", code=saved.code), "success")
                return redirect(url_for("architecture.show_initiative", initiative_id=saved.id))
    units = organisation.unit_choices(agency_id)
    if actor.role == models.Role.OPD_OPERATOR:
        units = [u for u in units if u.id == actor.unit_id]
    return render_template(
        "architecture/initiative_form.html", initiative=initiative, form=form, errors=errors,
        conflict=conflict, units=units, areas=CONTENT_AREAS, actions=ELEMENT_ACTIONS,
        applications=integrations.application_choices(agency_id),
    ), (409 if conflict else 422 if errors else 200)


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
    if current_actor().role not in INVENTORY_MAINTAINERS:
        abort(403)
    agency_id = _agency_id()
    rows = {row[0]: row for row in documents.documents_of(agency_id)}
    if kind not in rows:
        abort(404)
    record = rows[kind][2]
    errors, conflict = {}, None
    if request.method == "POST":
        data, errors = parse_form(DocumentFormSchema(), request.form)
        if not errors:
            version = data.pop("version", None)
            saved, errors, conflict = run_service(lambda: documents.save_document(
                agency_id, kind, data, actor=current_actor(), expected_version=version))
            if saved is not None:
                flash(_("%(name)s disimpan.", name=str(saved)), "success")
                return redirect(url_for("architecture.show_completeness", agency=agency_id))
    return render_template(
        "architecture/document_form.html", kind=kind, name=rows[kind][1], record=record,
        agency_id=agency_id, domains=NATIONAL_DOMAINS, policies=POLICY_KINDS,
        form=request.form if request.method == "POST" else None, errors=errors,
        conflict=conflict,
    ), (409 if conflict else 422 if errors else 200)


@bp.route("/reference", methods=["GET", "POST"])
def reference_catalogue():
    """Show the catalogue of reference codes by architecture, and add to it."""
    agency_id = _agency_id()
    errors = {}
    if request.method == "POST":
        if current_actor().role not in INVENTORY_MAINTAINERS:
            abort(403)
        data, errors = parse_form(ReferenceEntryFormSchema(), request.form)
        if not errors:
            saved, errors, _conflict = run_service(lambda: reference.create_entry(
                data | {"agency_id": agency_id}, actor=current_actor()))
            if saved is not None:
                flash(_("%(name)s disimpan.", name=str(saved)), "success")
                return redirect(url_for("architecture.reference_catalogue", agency=agency_id))
    return render_template(
        "architecture/reference.html", agency_id=agency_id,
        entries=reference.list_entries(agency_id), counts=reference.counts_by_prefix(agency_id),
        form=request.form if errors else None, errors=errors,
        can_edit=current_actor().role in INVENTORY_MAINTAINERS,
    ), (422 if errors else 200)


@bp.route("/reference/<int:entry_id>/edit", methods=["GET", "POST"])
def edit_reference_entry(entry_id):
    """Change a catalogue entry."""
    if current_actor().role not in INVENTORY_MAINTAINERS:
        abort(403)
    entry = infrastructure.get_or_404(models.ReferenceEntry, entry_id)
    errors, conflict = {}, None
    if request.method == "POST":
        data, errors = parse_form(ReferenceEntryFormSchema(), request.form)
        if not errors:
            saved, errors, conflict = run_service(lambda: reference.update_entry(
                entry.id, data, actor=current_actor(),
                expected_version=request.form.get("version", type=int)))
            if saved is not None:
                flash(_("%(name)s disimpan.", name=str(saved)), "success")
                return redirect(url_for("architecture.reference_catalogue",
                                        agency=saved.agency_id))
    return render_template(
        "architecture/reference_form.html", entry=entry,
        form=request.form if request.method == "POST" else None, errors=errors,
        conflict=conflict,
    ), (409 if conflict else 422 if errors else 200)


@bp.route("/reference/<int:entry_id>/delete", methods=["GET", "POST"])
def delete_reference_entry(entry_id):
    """Ask first; then remove a catalogue entry."""
    actor = current_actor()
    entry = reference.check_delete_entry(entry_id, actor=actor)
    agency_id = entry.agency_id
    if request.method == "GET":
        return confirmation(
            title=_("Hapus kode ini dari katalog?"), record=f"{entry.code} {entry.name}",
            action_label=_("Ya, hapus"),
            cancel_url=url_for("architecture.reference_catalogue", agency=agency_id),
            consequences=[_("Aplikasi yang mencantumkan kode ini tetap mencantumkannya; hanya "
                            "entri katalognya yang dihapus.")])
    reference.delete_entry(entry_id, actor=actor)
    flash(undo_message(_("Kode dihapus dari katalog."), "reference_entries", entry_id),
          "success")
    return redirect(url_for("architecture.reference_catalogue", agency=agency_id))


@bp.route("/<kind>/<int:obj_id>/delete", methods=["GET", "POST"])
def delete_record(kind, obj_id):
    """Ask first; then delete a data centre, intra network or service bus nothing refers to."""
    if kind not in KINDS:
        abort(404)
    model = KINDS[kind][0]
    actor = current_actor()
    obj = infrastructure.check_delete_record(model, obj_id, actor=actor)
    agency_id = obj.agency_id
    if request.method == "GET":
        consequences, touched = [], []
        if model is models.Network and obj.units:
            consequences.append(_("Catatan bahwa jaringan ini menjangkau %(n)s OPD ikut terhapus:",
                                  n=len(obj.units)))
            touched = [(unit.name, url_for("inventory.show_unit", unit_id=unit.id))
                       for unit in obj.units]
        else:
            consequences.append(_("Tidak ada data lain yang ikut terhapus."))
        return confirmation(
            title=_("Hapus %(what)s ini?", what=_lower(label("object_type",
                                                             model.__tablename__))),
            record=f"{obj.code} {obj.name}", action_label=_("Ya, hapus"),
            cancel_url=url_for("architecture.edit_record", kind=kind, obj_id=obj.id),
            consequences=consequences, touched=touched)
    infrastructure.delete_record(model, obj_id, actor=actor)
    flash(undo_message(_("Data dihapus."), model.__tablename__, obj_id), "success")
    return redirect(url_for("architecture.infrastructure_overview", agency=agency_id))


def _lower(text):
    """Lower the first letter of a label inside a sentence, but not of an acronym."""
    return text if len(text) > 1 and text[1].isupper() else text[:1].lower() + text[1:]


@bp.route("/audits/<int:audit_id>/delete", methods=["GET", "POST"])
def delete_audit(audit_id):
    """Ask first; then delete an audit record entered by mistake."""
    actor = current_actor()
    audit = management.check_delete_audit(audit_id, actor=actor)
    agency_id = audit.agency_id
    if request.method == "GET":
        return confirmation(
            title=_("Hapus catatan audit ini?"),
            record=_("%(type)s: %(object)s, %(date)s", type=label("audit_type", audit.type),
                     object=audit.object_name, date=format_date(audit.performed_on)),
            action_label=_("Ya, hapus"),
            cancel_url=url_for("architecture.edit_audit", audit_id=audit.id),
            consequences=[_("Tidak ada data lain yang ikut terhapus.")])
    management.delete_audit(audit_id, actor=actor)
    flash(undo_message(_("Data dihapus."), "audit_records", audit_id), "success")
    return redirect(url_for("architecture.management_overview", agency=agency_id))
