"""Routes of the integration area: parse, call a service, render."""


from functools import partial

from flask import Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _

from arch_models.diagrams import CHANNEL_STYLE, FORMATS
from arch_models.landscape import LinkStatus
from registry.auth import current_actor
from registry.changes import undo_message
from registry.clock import local_today
from registry.errors import RequestRequiredError
from registry.forms import confirmation, create_or_update, render_form, submit
from registry.integrations import bp
from registry.jobs.queue import current_queue, export_limit
from registry.labels import label
from registry.schemas.integrations import LinkFormSchema
from registry.services import analysis, changelog, integrations, inventory, jobs, organisation
from registry.services.assessments import FIRST_YEAR, LAST_YEAR
from registry.services.permissions import (
    can_edit_link,
    can_write_inventory,
    foreign_application,
    is_operator,
    link_locked_reason,
    require_link_edit,
)
from registry.web import LINK_FILTERS, attachment, diagram_urls


def link_filter_chips(filters, units):
    """Return (words, query argument) of each filter the link list is narrowed by."""
    chips = []
    if filters.q:
        chips.append((_("Cari: “%(q)s”", q=filters.q), "q"))
    if filters.unit_id:
        name = {u.id: u.name for u in units}.get(filters.unit_id, filters.unit_id)
        chips.append((_("OPD: %(name)s", name=name), "unit"))
    if filters.application_id:
        chips.append((_("Aplikasi #%(id)s", id=filters.application_id), "application"))
    if filters.channel:
        chips.append((_("Kanal: %(v)s", v=label("channel", filters.channel)), "channel"))
    if filters.status:
        chips.append((_("Status: %(v)s", v=label("link_status", filters.status)), "status"))
    if filters.point_to_point:
        chips.append((_("Hanya point-to-point (bertukar data tanpa service bus)"),
                      "point_to_point"))
    return chips


@bp.get("/links")
def list_links():
    """List integration links with filters."""
    filters, args = LINK_FILTERS.from_args(request.args)
    page = LINK_FILTERS.page(args)
    units = organisation.unit_choices(args.get("agency"))
    return render_template(
        "integrations/link_list.html", page=page, args=args, units=units,
        chips=link_filter_chips(filters, units),
        can_create=can_write_inventory(current_actor()),
        # an operator links to another OPD's application through a link request
        can_request=is_operator(current_actor()),
    )


@bp.route("/links/new", methods=["GET", "POST"])
@bp.route("/links/<int:link_id>/edit", methods=["GET", "POST"])
def edit_link(link_id=None):
    """Create or edit an integration link."""
    actor = current_actor()
    if not can_write_inventory(actor):
        abort(403)
    link = integrations.get_link(link_id) if link_id else None
    if link is not None:
        require_link_edit(actor, link)  # another OPD's side: not this operator's to change
    save = create_or_update(link, partial(integrations.create_link, actor=actor),
                            partial(integrations.update_link, actor=actor))
    sent = submit(LinkFormSchema(), save, refusable=(RequestRequiredError,))
    if sent.saved is None:
        return render_form("integrations/link_form.html", sent,
                           **_link_form_context(actor, link, sent.refused))
    flash(_("Tautan integrasi disimpan."), "success")
    return redirect(url_for("integrations.show_link", link_id=sent.saved.id))


def _link_form_context(actor, link, refused):
    """Return the link form's values.

    A link to another OPD's application is ``refused`` there, with the link request to file
    instead (403).
    """
    agency_id = link.agency_id if link else request.args.get("agency", type=int)
    if agency_id is None and (default := organisation.default_agency()) is not None:
        agency_id = default.id
    own_unit = actor.unit_id if is_operator(actor) else None
    return {"link": link, "refused": refused, "own_unit_only": own_unit is not None,
            "link_request_url": _link_request_url(request.form if refused else {}),
            "applications": integrations.application_choices(agency_id, unit_id=own_unit),
            "preset": request.args}


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
        if can_write_inventory(actor) else None
    return render_template(
        "integrations/link_detail.html", link=link,
        history=changelog.history("integration_links", link.id, limit=50),
        can_edit=can_write_inventory(actor) and can_edit_link(actor, link),
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
    show = _blocker_view(request.args)
    lifts = analysis.quickest_lifts(report, unit_id=unit_id)
    dot = analysis.blockers_diagram(report, unit_id=unit_id, show=show,
                                    locale=str(get_locale()), **diagram_urls())
    svg, diagram_note = analysis.svg_for_page(dot)
    units = organisation.unit_choices(agency.id)
    return render_template(
        "integrations/blockers.html", report=report, unit_id=unit_id, show=show,
        indicator=indicator, level=level,
        unit_name={u.id: u.name for u in units}.get(unit_id),
        summary=analysis.blocker_summary(report, unit_id=unit_id),
        lifts=lifts, lift_blockers_shown=analysis.LIFT_BLOCKERS_SHOWN,
        total=len(analysis.blockers_shown(report, unit_id=unit_id, indicator=indicator,
                                          level=level)),
        tables=analysis.blocker_tables(report, unit_id=unit_id, indicator=indicator,
                                       level=level),
        svg=svg, diagram_note=diagram_note,
        units=units, subject_url=subject_url, legend=channel_legend(),
        years=sorted(set(_blocker_years()) | {report.year}, reverse=True),
    )


def _blocker_view(args, default="top"):
    """Read what the blockers diagram draws (``?show=``, or the older ``?only_blockers=1``).

    An unknown value is a 400.
    """
    show = args.get("show") or ("blocking" if args.get("only_blockers") == "1" else default)
    if show not in analysis.BLOCKER_VIEWS:
        abort(400, description=_("Tampilan diagram tidak dikenal: pilih salah satu dari "
                                 "%(choices)s.", choices=", ".join(analysis.BLOCKER_VIEWS)))
    return show


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
    """Return the years the blockers page offers: this year and the three before."""
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
        show=_blocker_view(request.args, default="all"), **options, **diagram_urls())
    body = analysis.render_diagram(dot, fmt)
    name = f"{agency.code.lower()}-{kind}.{fmt}"
    return attachment(body, name, fmt)


RECORD_PATHS = {"data_center": "data-centers", "network": "networks",
                "service_bus": "service-buses"}


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
    """Download the agency's architecture as an ArchiMate 3.1 exchange file (opens in Archi).

    With a job queue, an agency of more applications than REGISTRY_JOB_EXPORT_ROWS is exported by
    a worker: the answer is the job's page, which offers the file when it is written.
    """
    from registry.services.archimate import export_archimate

    agency = analysis.resolve_agency(request.args.get("agency", type=int))
    queue = current_queue()
    if queue is not None and inventory.count_applications(
            inventory.ApplicationFilters(agency_id=agency.id)) > export_limit():
        job = jobs.submit("archimate", jobs.archimate_params(agency.id), owner=current_actor(),
                          agency_id=agency.id, queue=queue)
        return redirect(url_for("jobs.show", job_id=job.id), code=303)
    body = export_archimate(agency.id)
    name = f"{agency.code.lower()}-archimate.xml"
    return Response(body, mimetype="application/xml",
                    headers={"Content-Disposition": f'attachment; filename="{name}"'})
