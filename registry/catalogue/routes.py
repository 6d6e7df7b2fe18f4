"""Routes of the public catalogue: read-only, no sign-in, published applications only."""

from flask import current_app, render_template, request

from registry.catalogue import bp
from registry.extensions import limiter
from registry.services import catalogue, organisation


@bp.get("/katalog")
@limiter.limit(lambda: current_app.config["REGISTRY_RATELIMIT_CATALOGUE"])
def index():
    """List the instansi's published applications, with a search and an OPD filter."""
    q = (request.args.get("q") or "").strip()[:200]
    unit_id = request.args.get("unit", type=int)
    page = catalogue.published(q=q, unit_id=unit_id,
                               page=max(request.args.get("page", 1, type=int) or 1, 1))
    agency = organisation.default_agency()
    return render_template("catalogue/index.html", page=page, q=q, agency=agency,
                           unit_id=unit_id, units=catalogue.unit_options())


@bp.get("/katalog/<int:app_id>")
@limiter.limit(lambda: current_app.config["REGISTRY_RATELIMIT_CATALOGUE"])
def show(app_id):
    """One published application: what it does, who runs it, where to open it."""
    return render_template("catalogue/detail.html", entry=catalogue.entry(app_id),
                           agency=organisation.default_agency())
