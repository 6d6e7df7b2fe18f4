"""Routes of the home pages: pick the page for the role, or show the overview."""


from flask import abort, redirect, render_template, request, url_for

from registry.auth import current_actor
from registry.clock import local_today
from registry.home import bp
from registry.services import organisation, overview
from registry.services.assessments import FIRST_YEAR, LAST_YEAR
from registry.services.permissions import is_admin, is_maintainer, is_operator, is_reviewer


@bp.get("/")
def index():
    """Send each role to its first page; an empty registry to its set-up."""
    actor = current_actor()
    if not organisation.has_agency():
        if is_admin(actor):
            return redirect(url_for("admin.new_agency"))
        return render_template("admin/not_set_up.html")
    if is_operator(actor) and actor.unit_id:
        return redirect(url_for("opd.show_desk", unit_id=actor.unit_id))
    if is_reviewer(actor):
        return redirect(url_for("requests.list_requests", scope="queue"))
    if is_maintainer(actor):
        return redirect(url_for("home.show_overview"))
    return redirect(url_for("inventory.list_applications"))


@bp.get("/overview")
def show_overview():
    """Show the year of one agency at a glance, every figure a link to its list."""
    agency_id = request.args.get("agency", type=int)
    agency = (organisation.get_agency(agency_id) if agency_id
              else organisation.default_agency())
    if agency is None:
        return redirect(url_for("home.index"))
    year = request.args.get("year", local_today().year, type=int)
    if not FIRST_YEAR <= year <= LAST_YEAR:
        abort(404)
    return render_template("home/overview.html", view=overview.overview(agency, year=year),
                           agencies=organisation.agency_choices())
