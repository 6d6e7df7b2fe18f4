"""Routes of the integration area: parse, call a service, render."""

from datetime import date

from flask import Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from marshmallow import ValidationError

from arch_models.diagrams import FORMATS
from arch_models.landscape import LinkStatus
from registry import models
from registry.api.integrations import link_filters
from registry.auth import current_actor
from registry.forms import filter_args, parse_form, run_service
from registry.integrations import bp
from registry.schemas.common import translate_errors
from registry.schemas.integrations import LinkFormSchema, LinkQueryArgsSchema
from registry.services import analysis, changelog, integrations, organisation
from registry.services.assessments import FIRST_YEAR, LAST_YEAR
from registry.services.permissions import INVENTORY_MAINTAINERS

WRITERS = (*INVENTORY_MAINTAINERS, models.Role.OPD_OPERATOR)


@bp.get("/links")
def list_links():
    """List integration links with filters."""
    try:
        args = LinkQueryArgsSchema().load(filter_args(request.args))
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


def diagram_urls():
    """Return the callables a diagram uses to link its nodes to pages."""
    return {
        "url_for_app": lambda a: url_for("inventory.show_application", app_id=a.id),
        "url_for_unit": lambda u: url_for("integrations.show_graph", unit=u.id),
    }


def _diagram_args(args):
    """Read the diagram filters shared by the graph page, the blockers page and downloads."""
    known = {s.value for s in LinkStatus}
    statuses = tuple(LinkStatus(s) for s in args.getlist("status") if s in known)
    return {
        "unit_id": args.get("unit", type=int),
        "channels": analysis.parse_channels(args.getlist("channel")),
        "statuses": statuses or (LinkStatus.ACTIVE,),
    }


@bp.get("/graph")
def show_graph():
    """Show the integration landscape with filters; large landscapes are drawn per OPD."""
    agency = analysis.resolve_agency(request.args.get("agency", type=int))
    options = _diagram_args(request.args)
    dot = analysis.build_diagram(agency, "landscape", **options, **diagram_urls())
    svg, diagram_note = analysis.svg_for_page(dot)
    return render_template(
        "integrations/graph.html", agency=agency, options=options,
        svg=svg, diagram_note=diagram_note,
        units=organisation.unit_choices(agency.id),
        figures=analysis.graph_data(agency, unit_id=options["unit_id"]),
    )


@bp.get("/blockers")
def show_blockers():
    """Show what stands between the instansi and level 5: by indicator, by OPD, and drawn."""
    agency = analysis.resolve_agency(request.args.get("agency", type=int))
    year = _year_arg(request.args)
    report = analysis.blocker_report(agency, year=year)
    unit_id = request.args.get("unit", type=int)
    only = request.args.get("only_blockers") == "1"
    dot = analysis.build_diagram(agency, "blockers", unit_id=unit_id, only_blockers=only,
                                 year=report.year, **diagram_urls())
    svg, diagram_note = analysis.svg_for_page(dot)
    return render_template(
        "integrations/blockers.html", report=report, unit_id=unit_id, only_blockers=only,
        svg=svg, diagram_note=diagram_note,
        units=organisation.unit_choices(agency.id), subject_url=subject_url,
        years=sorted(set(_blocker_years()) | {report.year}, reverse=True),
    )


def _year_arg(args):
    """Read ``?year=``: an evaluation year, or None for this year; a bad one is a 400."""
    raw = args.get("year", "").strip()
    if not raw:
        return None
    if not raw.isdigit() or not FIRST_YEAR <= int(raw) <= LAST_YEAR:
        abort(400, description=_("Tahun harus antara %(low)s dan %(high)s.", low=FIRST_YEAR,
                                 high=LAST_YEAR))
    return int(raw)


def _blocker_years():
    """The years the blockers page offers: this year and the three before."""
    this = date.today().year
    return list(range(this, this - 4, -1))


@bp.get("/diagram.<fmt>")
def download_diagram(fmt):
    """Download a diagram as SVG, PNG or DOT."""
    if fmt not in FORMATS:
        abort(404)
    agency = analysis.resolve_agency(request.args.get("agency", type=int))
    kind = request.args.get("kind", "landscape")
    options = _diagram_args(request.args)
    dot = analysis.build_diagram(
        agency, kind, target=request.args.get("target", type=int),
        depth=request.args.get("depth", 1, type=int), year=_year_arg(request.args),
        only_blockers=request.args.get("only_blockers") == "1", **options, **diagram_urls())
    body = analysis.render_diagram(dot, fmt)
    name = f"{agency.code.lower()}-{kind}.{fmt}"
    return Response(body, mimetype=MIMETYPES[fmt],
                    headers={"Content-Disposition": f'attachment; filename="{name}"'})


RECORD_PATHS = {"data_center": "data-centers", "network": "networks",
                "service_bus": "service-buses"}
MIMETYPES = {"svg": "image/svg+xml", "png": "image/png", "dot": "text/vnd.graphviz"}


def subject_url(blocker):
    """Return the page of the record a blocker asks to change."""
    kind, subject = blocker.subject_kind, blocker.subject_id
    if kind == "application":
        return url_for("inventory.edit_application", app_id=subject)
    if kind == "link":
        return url_for("integrations.edit_link", link_id=subject)
    if kind == "unit":
        return url_for("inventory.show_unit", unit_id=subject)
    if kind in RECORD_PATHS and subject:
        return url_for("architecture.edit_record", kind=RECORD_PATHS[kind], obj_id=subject)
    return url_for("architecture.infrastructure_overview")


@bp.get("/archimate.xml")
def download_archimate():
    """Download the agency's architecture as an ArchiMate 3.1 exchange file (opens in Archi)."""
    from registry.services.archimate import export_archimate

    agency = analysis.resolve_agency(request.args.get("agency", type=int))
    body = export_archimate(agency.id)
    name = f"{agency.code.lower()}-archimate.xml"
    return Response(body, mimetype="application/xml",
                    headers={"Content-Disposition": f'attachment; filename="{name}"'})
