"""Routes of the integration area: parse, call a service, render."""

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from marshmallow import ValidationError

from registry import models
from registry.api.integrations import link_filters
from registry.auth import current_actor
from registry.forms import parse_form, run_service
from registry.integrations import bp
from registry.schemas.common import translate_errors
from registry.schemas.integrations import LinkFormSchema, LinkQueryArgsSchema
from registry.services import changelog, integrations, organisation
from registry.services.permissions import INVENTORY_MAINTAINERS

WRITERS = (*INVENTORY_MAINTAINERS, models.Role.OPD_OPERATOR)


@bp.get("/links")
def list_links():
    """List integration links with filters."""
    try:
        args = LinkQueryArgsSchema().load(request.args.to_dict())
    except ValidationError as error:
        abort(400, description=str(translate_errors(error.messages)))
    page = integrations.list_links(link_filters(args), page=args["page"],
                                   per_page=args["per_page"])
    return render_template(
        "integrations/link_list.html", page=page, args=args,
        units=organisation.unit_choices(args.get("agency")),
        can_create=current_actor().role in WRITERS,
    )


@bp.route("/links/new", methods=["GET", "POST"])
@bp.route("/links/<int:link_id>/edit", methods=["GET", "POST"])
def edit_link(link_id=None):
    """Create or edit an integration link."""
    actor = current_actor()
    if actor.role not in WRITERS:
        abort(403)
    link = integrations.get_link(link_id) if link_id else None
    errors, conflict = {}, None
    if request.method == "POST":
        data, errors = parse_form(LinkFormSchema(), request.form)
        if not errors:
            version = data.pop("version", None)
            if link is None:
                call = lambda: integrations.create_link(data, actor=actor)  # noqa: E731
            else:
                call = lambda: integrations.update_link(  # noqa: E731
                    link.id, data, actor=actor, expected_version=version)
            saved, errors, conflict = run_service(call)
            if saved is not None:
                flash(_("Tautan integrasi disimpan."), "success")
                return redirect(url_for("integrations.show_link", link_id=saved.id))
    agency_id = link.agency_id if link else request.args.get("agency", type=int)
    if agency_id is None and (default := organisation.default_agency()) is not None:
        agency_id = default.id
    return render_template(
        "integrations/link_form.html", link=link,
        form=request.form if request.method == "POST" else None,
        errors=errors, conflict=conflict,
        applications=integrations.application_choices(agency_id),
        preset=request.args,
    ), (409 if conflict else 422 if errors else 200)


@bp.get("/links/<int:link_id>")
def show_link(link_id):
    """Show one link and its history."""
    link = integrations.get_link(link_id)
    return render_template(
        "integrations/link_detail.html", link=link,
        history=changelog.history("integration_links", link.id, limit=50),
        can_edit=current_actor().role in WRITERS,
    )
