"""Self-assessment resources: assessments, their indicators, what-if, and the score."""

from flask import Response
from flask.views import MethodView
from flask_babel import gettext as _
from flask_smorest import Blueprint

from registry.auth import current_actor
from registry.clock import local_today
from registry.errors import ValidationFailedError
from registry.schemas.assessment import (
    AgencyScoreSchema,
    AssessmentOpenSchema,
    AssessmentQuerySchema,
    AssessmentSchema,
    CoordinatorSchema,
    EvidenceFileSchema,
    EvidenceTitleSchema,
    EvidenceUploadSchema,
    ExternalScoreSchema,
    IndicatorEvidenceSchema,
    IndicatorScoreInputSchema,
    IndicatorScoreSchema,
    IndicatorTeamSchema,
    InstrumentChangeSchema,
    ScorecardSchema,
    ScoreQuerySchema,
    ScoreSchema,
    StepSchema,
    VersionSchema,
    WhatIfSchema,
    YearQuerySchema,
)
from registry.services import (
    analysis,
    assessment_team,
    assessments,
    evidence,
    evidence_store,
    organisation,
)

blp = Blueprint("api_assessments", __name__, url_prefix="/api/v1",
                description="Penilaian mandiri (SPBE 59/2020 through 2025, Indeks Pemdi 8/2026 "
                            "from 2026): levels, index, predicate, what-if")


def _score_view(score):
    return {name: getattr(score, name) for name in IndicatorScoreSchema().fields}


def scorecard_view(card):
    """Flatten a scorecard into what the API shows."""
    return {
        "assessment": card.assessment,
        "instrument": card.instrument.id, "index_name": card.instrument.index_name,
        "index": card.result.value, "predicate": card.result.predicate,
        "domains": {str(k): v for k, v in card.result.domains.items()},
        "aspects": {str(k): v for k, v in card.result.aspects.items()},
        "indicators": [_score_view(r.score) for r in card.rows],
        "best_moves": card.moves,
        "stages": [{"stage": st.stage, "assessed": st.assessed, "total": st.total,
                    "index": None if st.result is None else float(st.result.value),
                    "predicate": None if st.result is None else st.result.predicate}
                   for st in card.stages],
        "what_if": None if card.what_if is None else {
            "levels": {str(k): v for k, v in card.changes.items()},
            "index": float(card.what_if.value), "predicate": card.what_if.predicate},
    }


@blp.route("/score")
class Score(MethodView):
    """An agency's score for a year, as ``flask --app registry score --json`` prints it."""

    @blp.arguments(ScoreQuerySchema, location="query")
    @blp.response(200, ScoreSchema)
    def get(self, args):
        """Return levels, sub-indices, index and predicate.

        They are the year's assessment if there is one, else the registry's computed levels scored
        live (nothing is saved).
        """
        agency = analysis.resolve_agency(agency_code=args.get("agency"))
        return assessments.score_document(agency, args.get("year") or local_today().year)


@blp.route("/scores")
class ScoreList(MethodView):
    """Every agency's index for a year, from its stored assessment."""

    @blp.arguments(YearQuerySchema, location="query")
    @blp.response(200, AgencyScoreSchema(many=True))
    def get(self, args):
        """List the agencies assessed in the year with index and predicate, highest first."""
        scored = assessments.score_all(args["year"])
        agencies = {a.id: a for a in organisation.list_agencies()}
        rows = [{"agency": agencies[agency_id].code, "name": agencies[agency_id].name,
                 "index": result.value, "index_rounded": result.rounded,
                 "predicate": result.predicate}
                for agency_id, result in scored.items()]
        return sorted(rows, key=lambda r: (-r["index"], r["agency"]))


@blp.route("/assessments")
class AssessmentList(MethodView):
    """An agency's self-assessments."""

    @blp.arguments(AssessmentQuerySchema, location="query")
    @blp.response(200, AssessmentSchema(many=True))
    def get(self, args):
        """List the agency's assessments, newest year first."""
        return assessments.list_assessments(analysis.resolve_agency(args.get("agency")).id)

    @blp.arguments(AssessmentOpenSchema)
    @blp.response(201, ScorecardSchema)
    def post(self, data):
        """Open the agency's assessment of a year with the levels the registry computes.

        It is scored under the instrument that governs the year (an admin may give another
        ``instrument_id`` with a ``reason``).
        """
        opened = assessments.open_assessment(data["agency_id"], data["year"],
                                             actor=current_actor(),
                                             instrument_id=data.get("instrument_id"),
                                             reason=data.get("reason"))
        return scorecard_view(assessments.scorecard(opened))


@blp.route("/assessments/<int:assessment_id>/instrument")
class AssessmentInstrument(MethodView):
    """The instrument a draft is scored with."""

    @blp.arguments(InstrumentChangeSchema)
    @blp.response(200, ScorecardSchema)
    def put(self, data, assessment_id):
        """Score a draft with another instrument (admins only; the reason goes to the change log).

        Evidence and notes carry over through the mapping; levels are to be reassessed.
        """
        changed = assessments.change_instrument(
            assessment_id, data["instrument_id"], actor=current_actor(), reason=data["reason"],
            expected_version=data["version"])
        return scorecard_view(assessments.scorecard(changed))


@blp.route("/assessments/<int:assessment_id>")
class AssessmentItem(MethodView):
    """One assessment, scored."""

    @blp.response(200, ScorecardSchema)
    def get(self, assessment_id):
        """Return the assessment with every indicator, the index, sub-indices and best moves."""
        return scorecard_view(assessments.scorecard(assessments.get_assessment(assessment_id)))


@blp.route("/assessments/<int:assessment_id>/indicators/<int:indicator>")
class IndicatorItem(MethodView):
    """One indicator of an assessment."""

    @blp.response(200, IndicatorScoreSchema)
    def get(self, assessment_id, indicator):
        """Return the indicator's levels, explanation, evidence and note."""
        return _score_view(assessments.score_of(assessments.get_assessment(assessment_id),
                                                indicator))

    @blp.arguments(IndicatorScoreInputSchema(partial=("entered_level", "override_reason",
                                                      "evidence", "note", "source_name",
                                                      "source_date")))
    @blp.response(200, IndicatorScoreSchema)
    def patch(self, data, assessment_id, indicator):
        """Enter or override the level, the evidence and the note.

        A reason is required for a level that differs from the computed one; null returns to it. An
        indicator another authority computes needs ``source_name`` and ``source_date`` with its
        level.
        """
        version = data.pop("version")
        return _score_view(assessments.set_indicator(
            assessment_id, indicator, data, actor=current_actor(), expected_version=version))


@blp.route("/assessments/<int:assessment_id>/what-if")
class WhatIf(MethodView):
    """Try other levels without saving them."""

    @blp.arguments(WhatIfSchema)
    @blp.response(200, ScorecardSchema)
    def post(self, data, assessment_id):
        """Return the scorecard with the index the given levels would give."""
        assessment = assessments.get_assessment(assessment_id)
        known = {s.indicator for s in assessment.scores}
        unknown = sorted(set(data["levels"]) - known)
        if unknown:
            raise ValidationFailedError(errors={"levels": [
                _("Indikator tidak dikenal: %(numbers)s.", numbers=", ".join(map(str, unknown)))]})
        return scorecard_view(assessments.scorecard(assessment, changes=data["levels"]))


def _action(name, call, doc):
    @blp.route(f"/assessments/<int:assessment_id>/{name}", endpoint=f"assessment_{name}")
    class Action(MethodView):
        @blp.arguments(VersionSchema)
        @blp.response(200, AssessmentSchema)
        def post(self, data, assessment_id):
            return call(assessment_id, data["version"])

    Action.post.__doc__ = doc
    return Action


_action("refresh", lambda i, v: assessments.refresh_computed(i, actor=current_actor(),
                                                             expected_version=v),
        "Take the computed levels again from the registry's current facts.")
_action("finalise", lambda i, v: assessments.finalise(i, actor=current_actor(),
                                                      expected_version=v),
        "Make the assessment final and read-only.")
_action("copy-forward", lambda i, _v: assessments.copy_forward(i, actor=current_actor()),
        "Open next year's assessment from this one (201 is not used: the body is the new one).")



# -- evidence files, the internal team, the external assessors (issue 20) ------------------------


def _evidence_view(score):
    return {"indicator": score.indicator, "state": score.state,
            "state_note": score.state_note, "responsible_id": score.responsible_id,
            "filler_ids": sorted(u.id for u in score.fillers),
            "document_level": score.document_level, "interview_level": score.interview_level,
            "improvement_note": score.improvement_note,
            "files": [a.file for a in score.attachments], "version": score.version}


def _indicator(assessment_id, indicator):
    return assessments.score_of(assessments.get_assessment(assessment_id), indicator)


@blp.route("/assessments/<int:assessment_id>/evidence")
class EvidenceList(MethodView):
    """Every indicator's state, team and evidence files."""

    @blp.response(200, IndicatorEvidenceSchema(many=True))
    def get(self, assessment_id):
        """List each indicator's state, person in charge, staff, external levels and files.

        Each file with its name, SHA-256, size and type.
        """
        return [_evidence_view(s) for s in assessments.get_assessment(assessment_id).scores]


@blp.route("/assessments/<int:assessment_id>/indicators/<int:indicator>/evidence-files")
class EvidenceUpload(MethodView):
    """Upload an evidence file to an indicator."""

    @blp.arguments(EvidenceTitleSchema, location="form")
    @blp.arguments(EvidenceUploadSchema, location="files")
    @blp.response(201, EvidenceFileSchema)
    def post(self, form, files, assessment_id, indicator):
        """Upload one file (multipart/form-data, part ``file``; ``title`` optional).

        PDF, PNG/JPEG/WebP or an office document, typed from its content, within
        REGISTRY_EVIDENCE_MAX_MB. The indicator's team only, before it is checked.
        """
        upload = files["file"]
        if not hasattr(upload, "read"):
            raise ValidationFailedError(errors={"file": [_("Harus berupa berkas.")]})
        data = upload.read(evidence_store.max_bytes() + 1)
        return evidence.upload_evidence(assessment_id, indicator, upload.filename or "", data,
                                        actor=current_actor(), title=form.get("title"))


@blp.route("/assessments/<int:assessment_id>/indicators/<int:indicator>/evidence-files/"
           "<int:file_id>")
class EvidenceAttachment(MethodView):
    """One of the agency's evidence files on an indicator."""

    @blp.response(200, EvidenceFileSchema)
    def put(self, assessment_id, indicator, file_id):
        """Attach one of the agency's files to this indicator too."""
        return evidence.attach_evidence(assessment_id, indicator, file_id,
                                        actor=current_actor())

    @blp.response(204)
    def delete(self, assessment_id, indicator, file_id):
        """Take the file off this indicator (it stays with the agency)."""
        evidence.detach_evidence(assessment_id, indicator, file_id, actor=current_actor())


@blp.route("/evidence-files/<int:file_id>/content")
class EvidenceContent(MethodView):
    """The bytes of an evidence file."""

    @blp.response(200, content_type="application/octet-stream")
    def get(self, file_id):
        """Download the file, checked against its SHA-256 (a changed file is a 409)."""
        row, data = evidence.read_file(file_id)
        response = Response(data, mimetype=row.media_type)
        response.headers.set("Content-Disposition", "attachment", filename=row.filename)
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Cache-Control"] = "private, no-store"
        return response


@blp.route("/assessments/<int:assessment_id>/indicators/<int:indicator>/steps")
class IndicatorStep(MethodView):
    """The steps of an indicator in the internal assessment."""

    @blp.arguments(StepSchema)
    @blp.response(200, IndicatorEvidenceSchema)
    def post(self, data, assessment_id, indicator):
        """Take one step: ``fill``, ``check``, ``finalise``, or ``return`` one state back.

        ``return`` takes a ``note``; ``fill`` is the staff's, ``check`` the person in charge's,
        ``finalise`` the Koordinator's.
        """
        return _evidence_view(assessment_team.move_indicator(
            assessment_id, indicator, data["action"], actor=current_actor(),
            note=data.get("note"), expected_version=data["version"]))


@blp.route("/assessments/<int:assessment_id>/indicators/<int:indicator>/team")
class IndicatorTeam(MethodView):
    """An indicator's person in charge and staff."""

    @blp.arguments(IndicatorTeamSchema)
    @blp.response(200, IndicatorEvidenceSchema)
    def put(self, data, assessment_id, indicator):
        """Appoint them (the Koordinator or an admin).

        OPD operators of the agency's OPDs may be staff.
        """
        return _evidence_view(assessment_team.assign_indicator(
            assessment_id, indicator, responsible_id=data.get("responsible_id"),
            filler_ids=data.get("filler_ids") or [], actor=current_actor(),
            expected_version=data["version"]))


@blp.route("/assessments/<int:assessment_id>/coordinator")
class AssessmentCoordinator(MethodView):
    """The Koordinator of an assessment."""

    @blp.arguments(CoordinatorSchema)
    @blp.response(200, AssessmentSchema)
    def put(self, data, assessment_id):
        """Appoint the Koordinator (the Koordinator hands over, or an admin)."""
        return assessment_team.set_coordinator(assessment_id, data["coordinator_id"],
                                               actor=current_actor(),
                                               expected_version=data["version"])


@blp.route("/assessments/<int:assessment_id>/indicators/<int:indicator>/external")
class IndicatorExternal(MethodView):
    """The external assessors' levels of an indicator."""

    @blp.arguments(ExternalScoreSchema(partial=("document_level", "interview_level",
                                                "improvement_note")))
    @blp.response(200, IndicatorEvidenceSchema)
    def patch(self, data, assessment_id, indicator):
        """Record the levels after the document assessment and the interview, and the notes.

        The notes are the catatan perbaikan; for the asesor role, on a sent assessment.
        """
        version = data.pop("version")
        return _evidence_view(assessment_team.record_external(
            assessment_id, indicator, data, actor=current_actor(), expected_version=version))
