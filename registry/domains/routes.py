"""Routes of the domain register: parse, call a service, render."""

from functools import partial

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from registry.auth import current_actor
from registry.clock import local_today
from registry.domains import bp
from registry.forms import create_or_update, form_page
from registry.schemas.requests import DomainFormSchema
from registry.services import changelog, domains, integrations, organisation
from registry.services.permissions import can_write_for_unit, is_maintainer
from registry.web import DOMAIN_FILTERS


def _agency_id(args):
    if args.get("agency"):
        return args["agency"]
    default = organisation.default_agency()
    return default.id if default else None


@bp.get("")
def list_domains():
    """List the register with its flags; "applications without a domain" lists applications."""
    args = DOMAIN_FILTERS.parse(request.args)
    agency_id = _agency_id(args)
    args["agency"] = agency_id
    without = request.args.get("view") == "applications_without_domain"
    if without:
        page = domains.applications_without_domain(agency_id, page=args["page"],
                                                   per_page=args["per_page"])
    else:
        page = DOMAIN_FILTERS.page(args)
    return render_template(
        "domains/list.html", page=page, args=args, without=without,
        counts=domains.flag_counts(agency_id), units=organisation.unit_choices(agency_id),
        agency=organisation.get_agency(agency_id) if agency_id else None,
        can_create=is_maintainer(current_actor()),
        tls_warning_days=domains.TLS_WARNING_DAYS, today=local_today(),
    )


@bp.route("/new", methods=["GET", "POST"])
@bp.route("/<int:domain_id>/edit", methods=["GET", "POST"])
def edit_domain(domain_id=None):
    """Register a domain name or change one; the page shows its history."""
    actor = current_actor()
    domain = domains.get_domain(domain_id) if domain_id else None
    may_write = is_maintainer(actor) or (
        domain is not None and can_write_for_unit(actor, domain.unit_id))
    if not may_write and (request.method == "POST" or domain is None):
        abort(403)
    save = create_or_update(domain, partial(domains.create_domain, actor=actor),
                            partial(domains.update_domain, actor=actor))
    return form_page("domains/form.html", DomainFormSchema(), save, _domain_saved,
                     lambda: _form_context(actor, domain, may_write))


def _domain_saved(domain):
    flash(_("Nama domain %(fqdn)s disimpan.", fqdn=domain.fqdn), "success")
    return redirect(url_for("domains.list_domains", agency=domain.agency_id))


def _form_context(actor, domain, may_write):
    agency_id = domain.agency_id if domain else _agency_id({})
    # an operator points its domain at its own OPD's applications (the current one stays shown)
    own_only = may_write and domain is not None and not is_maintainer(actor)
    return {
        "domain": domain, "may_write": may_write, "own_applications_only": own_only,
        "units": organisation.unit_choices(agency_id),
        "applications": integrations.application_choices(
            agency_id, unit_id=domain.unit_id if own_only else None,
            keep=(domain.application_id,) if own_only else ()),
        "history": changelog.history("domain_names", domain.id, limit=50) if domain else [],
    }
