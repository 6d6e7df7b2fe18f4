"""Routes of the integration area: parse, call a service, render."""


from flask import Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from marshmallow import ValidationError

from arch_models.diagrams import CHANNEL_STYLE, FORMATS
from arch_models.landscape import LinkStatus
from registry import models
from registry.api.integrations import link_filters
from registry.auth import current_actor
from registry.changes import undo_message
from registry.clock import local_today
from registry.errors import RequestRequiredError
from registry.forms import confirmation, filter_args, parse_form, run_service
from registry.integrations import bp
from registry.labels import label
from registry.schemas.common import translate_errors
from registry.schemas.integrations import LinkFormSchema, LinkQueryArgsSchema
from registry.services import analysis, changelog, integrations, organisation
from registry.services.assessments import FIRST_YEAR, LAST_YEAR
from registry.services.permissions import (
    INVENTORY_MAINTAINERS,
    can_edit_link,
    foreign_application,
    link_locked_reason,
    require_link_edit,
)

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
        # an operator links to another OPD's application through a link request
        can_request=current_actor().role == models.Role.OPD_OPERATOR,
    )


@bp.route("/links/new", methods=["GET", "POST"])
@bp.route("/links/<int:link_id>/edit", methods=["GET", "POST"])
def edit_link(link_id=None):
    """Create or edit an integration link."""
    actor = current_actor()
    if actor.role not in WRITERS:
        abort(403)
    link = integrations.get_link(link_id) if link_id else None
    if link is not None:
        require_link_edit(actor, link)  # another OPD's side: not this operator's to change
    errors, conflict, refused = {}, None, None
    if request.method == "POST":
        data, errors = parse_form(LinkFormSchema(), request.form)
        if not errors:
            version = data.pop("version", None)
            if link is None:
                call = lambda: integrations.create_link(data, actor=actor)  # noqa: E731
            else:
                call = lambda: integrations.update_link(  # noqa: E731
                    link.id, data, actor=actor, expected_version=version)
            try:
                saved, errors, conflict = run_service(call)
            except RequestRequiredError as error:
                saved, refused = None, error  # shown on the form, with the request to file
            if saved is not None:
                flash(_("Tautan integrasi disimpan."), "success")
                return redirect(url_for("integrations.show_link", link_id=saved.id))
    agency_id = link.agency_id if link else request.args.get("agency", type=int)
    if agency_id is None and (default := organisation.default_agency()) is not None:
        agency_id = default.id
    own_unit = actor.unit_id if actor.role == models.Role.OPD_OPERATOR else None
    status = 403 if refused else 409 if conflict else 422 if errors else 200
    return render_template(
        "integrations/link_form.html", link=link,
        form=request.form if request.method == "POST" else None,
        errors=errors, conflict=conflict, refused=refused,
        link_request_url=_link_request_url(request.form if refused else {}),
        own_unit_only=own_unit is not None,
        applications=integrations.application_choices(agency_id, unit_id=own_unit),
        preset=request.args,
    ), status


def _link_request_url(values):
    """Return the link request form, filled in with what the refused link form held."""
    fields = ("provider_id", "consumer_id", "channel", "data_exchanged", "protocol")
    return url_for("requests.edit_request", kind="link",
                   **{f: values[f] for f in fields if values.get(f)})


@bp.get("/links/<int:link_id>")
def show_link(link_id):
    """Show one link and its history."""
    actor = current_actor()
    link = integrations.get_link(link_id)
    other = foreign_application(actor, link.provider, link.consumer) \
        if actor.role in WRITERS else None
    return render_template(
        "integrations/link_detail.html", link=link,
        history=changelog.history("integration_links", link.id, limit=50),
        can_edit=actor.role in WRITERS and can_edit_link(actor, link),
        locked_reason=link_locked_reason(other) if other is not None else None,
    )


@bp.route("/links/<int:link_id>/retire", methods=["GET", "POST"])
def retire_link(link_id):
    """Ask first; then retire a link (the two applications stop exchanging data this way)."""
    actor = current_actor()
    link = integrations.check_retire_link(link_id, actor=actor)
    if request.method == "GET":
        return confirmation(
            title=_("Hentikan tautan integrasi ini?"),
            record=f"{link} · {label('channel', link.channel)}"
                   + (f" · {link.data_exchanged}" if link.data_exchanged else ""),
            action_label=_("Ya, hentikan"), danger=False,
            cancel_url=url_for("integrations.show_link", link_id=link.id),
            consequences=[_("Statusnya menjadi pensiun; kedua aplikasinya tetap seperti "
                            "sekarang.")],
            hidden={"version": link.version})
    integrations.retire_link(link_id, actor=actor,
                             expected_version=request.form.get("version", type=int))
    flash(undo_message(_("Tautan integrasi dihentikan."), "integration_links", link_id),
          "success")
    return redirect(url_for("integrations.show_link", link_id=link_id))


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
    view = analysis.graph_view(agency, **options, **diagram_urls())
    svg, diagram_note = analysis.svg_for_page(view.dot)
    return render_template(
        "integrations/graph.html", agency=agency, options=options, view=view,
        svg=svg, diagram_note=diagram_note,
        units=organisation.unit_choices(agency.id),
        figures=analysis.graph_figures(agency, unit_id=options["unit_id"]),
    )


@bp.get("/blockers")
def show_blockers():
    """Show what stands between the instansi and level 5: by indicator, by OPD, and drawn."""
    agency = analysis.resolve_agency(request.args.get("agency", type=int))
    year = _year_arg(request.args)
    report = analysis.blocker_report(agency, year=year)
    unit_id = request.args.get("unit", type=int)
    indicator = request.args.get("indicator", type=int)
    level = request.args.get("level", type=int)
    level = level if level in range(1, 6) else None
    only = request.args.get("only_blockers") == "1"
    dot = analysis.blockers_diagram(report, unit_id=unit_id, only_blockers=only,
                                    **diagram_urls())
    svg, diagram_note = analysis.svg_for_page(dot)
    units = organisation.unit_choices(agency.id)
    return render_template(
        "integrations/blockers.html", report=report, unit_id=unit_id, only_blockers=only,
        indicator=indicator, level=level,
        unit_name={u.id: u.name for u in units}.get(unit_id),
        summary=analysis.blocker_summary(report, unit_id=unit_id),
        lifts=analysis.quickest_lifts(report, unit_id=unit_id),
        total=len(analysis.blockers_shown(report, unit_id=unit_id, indicator=indicator,
                                          level=level)),
        tables=analysis.blocker_tables(report, unit_id=unit_id, indicator=indicator,
                                       level=level),
        svg=svg, diagram_note=diagram_note,
        units=units, subject_url=subject_url, legend=channel_legend(),
        years=sorted(set(_blocker_years()) | {report.year}, reverse=True),
    )


def channel_legend():
    """Return (name, colour, line style) of each channel as the diagrams draw it."""
    return [(label("channel", channel.value), style["color"], style.get("style", "solid"))
            for channel, style in CHANNEL_STYLE.items()]


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
    this = local_today().year
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
