"""Integration analysis resources: the graph, the level-5 blockers, the diagrams."""

from flask import Response
from flask.views import MethodView
from flask_smorest import Blueprint

from arch_models.diagrams import FORMATS
from arch_models.landscape import LinkStatus
from registry.errors import NotFoundError
from registry.schemas.analysis import (
    AnalysisQueryArgsSchema,
    BlockerQueryArgsSchema,
    BlockerReportSchema,
    DiagramQueryArgsSchema,
    GraphSchema,
)
from registry.services import analysis
from registry.web import MIMETYPES, diagram_urls

blp = Blueprint("api_analysis", __name__, url_prefix="/api/v1",
                description="Analisis integrasi (graph, level-5 blockers, diagrams)")


@blp.route("/graph")
class Graph(MethodView):
    """The integration graph."""

    @blp.arguments(AnalysisQueryArgsSchema, location="query")
    @blp.response(200, GraphSchema)
    def get(self, args):
        """Return the agency's applications (nodes) and links (edges) with key figures."""
        agency = analysis.resolve_agency(args.get("agency"))
        return analysis.graph_data(agency, channels=tuple(args["channel"]) or None,
                                   statuses=tuple(args["status"]) or (LinkStatus.ACTIVE,),
                                   unit_id=args.get("unit"))


@blp.route("/blockers")
class Blockers(MethodView):
    """The level-5 blockers."""

    @blp.arguments(BlockerQueryArgsSchema, location="query")
    @blp.response(200, BlockerReportSchema)
    def get(self, args):
        """Return every blocker (indicator, level it caps, reason, record) and the summary.

        They are read for the instrument of ``year`` (default: the year of ``as_of``, else this
        year): indicators 15-18 of 59/2020 through 2025, 13-18 of the Indeks Pemdi from 2026.
        """
        agency = analysis.resolve_agency(args.get("agency"))
        return analysis.blocker_report(agency, as_of=args.get("as_of"), year=args.get("year"))


@blp.route("/diagrams.<fmt>")
class Diagram(MethodView):
    """A diagram download."""

    @blp.arguments(DiagramQueryArgsSchema, location="query")
    @blp.response(200, content_type="image/svg+xml")
    def get(self, args, fmt):
        """Draw a diagram (landscape, opd, app, blockers) as SVG, PNG or DOT."""
        if fmt not in FORMATS:
            raise NotFoundError("Format tidak dikenal.")
        agency = analysis.resolve_agency(args.get("agency"))
        dot = analysis.build_diagram(
            agency, args["kind"], target=args.get("target"), depth=args["depth"],
            unit_id=args.get("unit"), channels=tuple(args["channel"]) or None,
            statuses=tuple(args["status"]) or (LinkStatus.ACTIVE,),
            show=args.get("show") or ("blocking" if args["only_blockers"] else "all"),
            year=args.get("year"), **diagram_urls())
        return Response(analysis.render_diagram(dot, fmt), mimetype=MIMETYPES[fmt])
