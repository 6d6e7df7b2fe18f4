"""Routes of the domain register: parse, call a service, render."""


from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from marshmallow import ValidationError

from registry import models
from registry.auth import current_actor
from registry.clock import local_today
from registry.domains import bp
from registry.forms import filter_args, parse_form, run_service
from registry.schemas.common import translate_errors
from registry.schemas.requests import DomainFormSchema, DomainQueryArgsSchema
from registry.services import changelog, domains, integrations, organisation
from registry.services.permissions import INVENTORY_MAINTAINERS, can_write_for_unit


def domain_filters(args):
    """Turn parsed query arguments into register filters."""
    return domains.DomainFilters(q=args.get("q"), agency_id=args.get("agency"),
                                 unit_id=args.get("unit"), status=args.get("status"),
                                 flag=args.get("flag"))


def _agency_id(args):
    if args.get("agency"):
        return args["agency"]
    default = organisation.default_agency()
    return default.id if default else None


@bp.get("")
def list_domains():
    """The register with its flags; "applications without a domain" lists applications."""
    try:
        args = DomainQueryArgsSchema().load(filter_args(request.args))
    except ValidationError as error:
        abort(400, description=str(translate_errors(error.messages)))
    agency_id = _agency_id(args)
    args["agency"] = agency_id
    without = request.args.get("view") == "applications_without_domain"
    if without:
        page = domains.applications_without_domain(agency_id, page=args["page"],
                                                   per_page=args["per_page"])
    else:
        page = domains.list_domains(domain_filters(args), page=args["page"],
                                    per_page=args["per_page"])
    return render_template(
        "domains/list.html", page=page, args=args, without=without,
        counts=domains.flag_counts(agency_id), units=organisation.unit_choices(agency_id),
        agency=organisation.get_agency(agency_id) if agency_id else None,
        can_create=current_actor().role in INVENTORY_MAINTAINERS,
        tls_warning_days=domains.TLS_WARNING_DAYS, today=local_today(),
    )


@bp.route("/new", methods=["GET", "POST"])
@bp.route("/<int:domain_id>/edit", methods=["GET", "POST"])
def edit_domain(domain_id=None):
    """Register a domain name or change one; the page shows its history."""
    actor = current_actor()
    domain = domains.get_domain(domain_id) if domain_id else None
    may_write = actor.role in INVENTORY_MAINTAINERS or (
        domain is not None and can_write_for_unit(actor, domain.unit_id)
        and actor.role == models.Role.OPD_OPERATOR)
    if request.method == "POST" and not may_write:
        abort(403)
    if domain is None and not may_write:
        abort(403)
    errors, conflict = {}, None
    if request.method == "POST":
        data, errors = parse_form(DomainFormSchema(), request.form)
        if not errors:
            version = data.pop("version", None)
            if domain is None:
                call = lambda: domains.create_domain(data, actor=actor)  # noqa: E731
            else:
                call = lambda: domains.update_domain(  # noqa: E731
                    domain.id, data, actor=actor, expected_version=version)
            saved, errors, conflict = run_service(call)
            if saved is not None:
                flash(_("Nama domain %(fqdn)s disimpan.", fqdn=saved.fqdn), "success")
                return redirect(url_for("domains.list_domains", agency=saved.agency_id))
    agency_id = domain.agency_id if domain else _agency_id({})
    # an operator points its domain at its own OPD's applications (the current one stays shown)
    own_only = may_write and domain is not None and actor.role not in INVENTORY_MAINTAINERS
    return render_template(
        "domains/form.html", domain=domain, errors=errors, conflict=conflict,
        form=request.form if request.method == "POST" else None, may_write=may_write,
        units=organisation.unit_choices(agency_id), own_applications_only=own_only,
        applications=integrations.application_choices(
            agency_id, unit_id=domain.unit_id if own_only else None,
            keep=(domain.application_id,) if own_only else ()),
        history=changelog.history("domain_names", domain.id, limit=50) if domain else [],
    ), (409 if conflict else 422 if errors else 200)
