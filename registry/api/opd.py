"""Per-OPD scorecards and targets, bulk confirmation, and the talent register, as JSON."""


from flask.views import MethodView
from flask_smorest import Blueprint
from marshmallow import Schema, fields

from registry.auth import current_actor
from registry.clock import local_today
from registry.schemas.opd import (
    CertificateCreateSchema,
    CertificatePageSchema,
    CertificateSchema,
    CertificateUpdateSchema,
    ConfirmSchema,
    OpdScoreSchema,
    ScorecardArgsSchema,
    TalentQueryArgsSchema,
    TargetSchema,
)
from registry.services import desk, instruments, opd_scorecard, talent

blp = Blueprint(
    "api_opd", __name__, url_prefix="/api/v1",
    description="Skor per OPD, target, konfirmasi data, register talenta (per-OPD scorecards)",
)


@blp.route("/opd-scorecard")
class Scorecard(MethodView):
    """Every OPD's score."""

    @blp.arguments(ScorecardArgsSchema, location="query")
    @blp.response(200, OpdScoreSchema(many=True))
    def get(self, args):
        """Scores, targets of the year, progress and rank of every OPD (of one agency)."""
        year = args.get("year") or local_today().year
        used = instruments.for_agency_year(args.get("agency"), year)
        scores = opd_scorecard.scorecards(year, args.get("agency"))
        blockers = opd_scorecard.blocker_counts(scores, year)
        return [opd_scorecard.as_dict(s, used, blockers) for s in scores]


@blp.route("/opd-targets")
class Targets(MethodView):
    """The yearly targets."""

    @blp.arguments(TargetSchema)
    @blp.response(200, TargetSchema)
    def put(self, data):
        """Set an OPD's target score for a year (architects and admins)."""
        row = opd_scorecard.set_target(data["unit_id"], data["year"], data["target"],
                                       note=data.get("note"), actor=current_actor())
        return {"unit_id": row.unit_id, "year": row.year, "target": row.target,
                "note": row.note}


@blp.route("/units/<int:unit_id>/confirmations")
class Confirmations(MethodView):
    """Records an OPD confirms are still true."""

    @blp.arguments(ConfirmSchema)
    @blp.response(200, Schema.from_dict({"confirmed": fields.Integer()}, name="ConfirmedSchema"))
    def post(self, data, unit_id):
        """Stamp who and when on the OPD's applications and domains given."""
        return {"confirmed": desk.confirm(unit_id, application_ids=data["application_ids"],
                                          domain_ids=data["domain_ids"],
                                          actor=current_actor())}


@blp.route("/staff-certificates")
class Certificates(MethodView):
    """The digital talent register."""

    @blp.arguments(TalentQueryArgsSchema, location="query")
    @blp.response(200, CertificatePageSchema)
    def get(self, args):
        """List certificates (status: valid, expiring, expired)."""
        return talent.list_certificates(
            talent.TalentFilters(agency_id=args.get("agency"), unit_id=args.get("unit"),
                                 q=args.get("q"), status=args.get("status")),
            page=args["page"], per_page=args["per_page"])

    @blp.arguments(CertificateCreateSchema)
    @blp.response(201, CertificateSchema)
    def post(self, data):
        """Record a certificate (an operator for its own OPD)."""
        return talent.create_certificate(data, actor=current_actor())


@blp.route("/staff-certificates/<int:cert_id>")
class Certificate(MethodView):
    """One certificate."""

    @blp.response(200, CertificateSchema)
    def get(self, cert_id):
        """Show a certificate."""
        return talent.get_certificate(cert_id)

    @blp.arguments(CertificateUpdateSchema(partial=True))
    @blp.response(200, CertificateSchema)
    def patch(self, data, cert_id):
        """Change a certificate; ``version`` is the one the editor read."""
        version = data.pop("version", None)
        return talent.update_certificate(cert_id, data, actor=current_actor(),
                                         expected_version=version)

    @blp.response(204)
    def delete(self, cert_id):
        """Remove a certificate recorded by mistake."""
        talent.delete_certificate(cert_id, actor=current_actor())
