"""Web helpers every surface shares: links out of diagrams, file types, a list's filters.

Pages, the API, the export and the CLI use these instead of importing each other's routes, so no
blueprint depends on another (``tests/test_architecture.py`` holds them to it).
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from flask import Response, abort, request, url_for
from marshmallow import ValidationError

from registry.forms import filter_args
from registry.schemas.common import translate_errors
from registry.schemas.integrations import LinkQueryArgsSchema
from registry.schemas.inventory import ApplicationQueryArgsSchema
from registry.schemas.requests import DomainQueryArgsSchema
from registry.schemas.roadmap import InitiativeQueryArgsSchema
from registry.services import domains, integrations, inventory, roadmap

#: the media type of each file the registry sends: diagrams and exported lists
MIMETYPES = {
    "svg": "image/svg+xml",
    "png": "image/png",
    "dot": "text/vnd.graphviz",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv; charset=utf-8",
}


def attachment(body, filename, fmt):
    """Return ``body`` as a download named ``filename``, typed by its format."""
    return Response(body, mimetype=MIMETYPES[fmt],
                    headers={"Content-Disposition": f'attachment; filename="{filename}"'})


def diagram_urls():
    """Return the callables a diagram uses to link its nodes to pages."""
    return {
        "url_for_app": lambda a: url_for("inventory.show_application", app_id=a.id),
        "url_for_unit": lambda u: url_for("integrations.show_graph", unit=u.id),
    }


def url_with(**changes):
    """Return the current page's URL with some query arguments changed (None removes one)."""
    args = request.args.to_dict()
    for key, value in changes.items():
        if value is None:
            args.pop(key, None)
        else:
            args[key] = value
    return url_for(request.endpoint, **(request.view_args or {}), **args)


@dataclass(frozen=True)
class ListFilters:
    """How one list's query arguments become its service's filters.

    The page, the API and the export read a list the same way.
    """

    schema: type
    build: Callable[[dict], Any]
    #: the service's list function: lister(filters, page=, per_page=)
    lister: Callable[..., Any] | None = None

    def parse(self, args):
        """Load query arguments, the empty ones dropped ("Semua" means no filter).

        A bad one is a 400 naming the field.
        """
        try:
            return self.schema().load(filter_args(args))
        except ValidationError as error:
            abort(400, description=str(translate_errors(error.messages)))

    def from_args(self, args):
        """Return (filters, parsed arguments) of raw query arguments."""
        parsed = self.parse(args)
        return self.build(parsed), parsed

    def page(self, parsed):
        """Return the page of the list that parsed query arguments ask for."""
        return self.lister(self.build(parsed), page=parsed["page"], per_page=parsed["per_page"])


def _application_filters(args):
    hosting = args.get("hosting")
    return inventory.ApplicationFilters(
        q=args.get("q"),
        agency_id=args.get("agency"),
        unit_id=args.get("unit"),
        kind=args.get("kind"),
        lifecycle=args.get("lifecycle"),
        live=bool(args.get("live")),
        built=bool(args.get("built")),
        hosting_id=int(hosting) if hosting and hosting.isdigit() else None,
        no_hosting=hosting == "none",
        integrated=args.get("integrated"),
        missing=args.get("missing"),
        sort=args.get("sort") or "name",
    )


def _link_filters(args):
    return integrations.LinkFilters(
        q=args.get("q"), agency_id=args.get("agency"), unit_id=args.get("unit"),
        application_id=args.get("application"), channel=args.get("channel"),
        status=args.get("status"), point_to_point=bool(args.get("point_to_point")),
    )


def _domain_filters(args):
    return domains.DomainFilters(q=args.get("q"), agency_id=args.get("agency"),
                                 unit_id=args.get("unit"), status=args.get("status"),
                                 flag=args.get("flag"))


def _initiative_filters(args):
    return roadmap.InitiativeFilters(
        agency_id=args.get("agency"), year=args.get("year"),
        content_area=args.get("content_area"), status=args.get("status"),
        unit_id=args.get("unit"))


APPLICATION_FILTERS = ListFilters(ApplicationQueryArgsSchema, _application_filters,
                                  inventory.list_applications)
LINK_FILTERS = ListFilters(LinkQueryArgsSchema, _link_filters, integrations.list_links)
DOMAIN_FILTERS = ListFilters(DomainQueryArgsSchema, _domain_filters, domains.list_domains)
INITIATIVE_FILTERS = ListFilters(InitiativeQueryArgsSchema, _initiative_filters)
#: the filters of each list the export writes, by its name in the export's address
LIST_FILTERS = {"applications": APPLICATION_FILTERS, "links": LINK_FILTERS,
                "domains": DOMAIN_FILTERS}
