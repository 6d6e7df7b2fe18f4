"""Schemas of self-assessments: opening one, entering a level, what-if, and the scorecard."""

from flask_babel import gettext
from marshmallow import EXCLUDE, Schema, ValidationError, fields, validates_schema

from registry.i18n import N_
from registry.schemas.common import (
    URL,
    BaseSchema,
    Date,
    FormSchema,
    Integer,
    Length,
    OneOf,
    Range,
    RecordSchema,
    String,
    _Translated,
)

FIRST_YEAR, LAST_YEAR = 2018, 2100
MAX_EVIDENCE = 30


class EvidenceSchema(BaseSchema):
    """One piece of evidence: a document reference, and a link (a web address or a page here)."""

    label = String(required=True, validate=Length(min=1, max=300))
    url = String(allow_none=True, load_default=None, validate=Length(max=500))

    @validates_schema
    def check_url(self, data, **kwargs):
        """Refuse a link that is neither a page here nor an http(s) address."""
        url = data.get("url")
        if url and (not url.startswith("/") or url.startswith("//")):  # a page here, or http(s)
            URL(schemes={"http", "https"})(url)


class EvidenceLines(_Translated, fields.Field):
    """Evidence typed in a form: one per line, ``label | link`` with the link optional."""

    default_error_messages = {"invalid": N_("Harus berupa teks.")}

    def _deserialize(self, value, attr, data, **kwargs):
        if not isinstance(value, str):
            raise self.make_error("invalid")
        items, errors = [], []
        lines = [line.strip() for line in value.splitlines() if line.strip()]
        if len(lines) > MAX_EVIDENCE:
            raise ValidationError(gettext("Paling banyak %(n)s bukti.", n=MAX_EVIDENCE))
        for number, line in enumerate(lines, start=1):
            label, _sep, url = (part.strip() for part in line.partition("|"))
            try:
                items.append(EvidenceSchema().load({"label": label, "url": url or None}))
            except ValidationError as error:
                detail = "; ".join(m for msgs in error.messages.values() for m in msgs)
                errors.append(gettext("Baris %(n)s: %(detail)s", n=number, detail=detail))
        if errors:
            raise ValidationError(errors)
        return items


class AssessmentOpenSchema(BaseSchema):
    """Opening an agency's assessment of a year.

    An admin may choose another instrument than the year's, with a reason.
    """

    agency_id = Integer(required=True)
    year = Integer(required=True, validate=Range(min=FIRST_YEAR, max=LAST_YEAR))
    instrument_id = String(allow_none=True, load_default=None, validate=Length(max=60))
    reason = String(allow_none=True, load_default=None, validate=Length(max=2000))


class InstrumentChangeSchema(BaseSchema):
    """Scoring a draft with another instrument (admins only)."""

    instrument_id = String(required=True, validate=Length(min=1, max=60))
    reason = String(required=True, validate=Length(min=1, max=2000))
    version = Integer(required=True)


class AssessmentOpenFormSchema(AssessmentOpenSchema, FormSchema):
    """The form that opens an assessment."""


class _ScoreFields:
    entered_level = Integer(allow_none=True, validate=Range(min=1, max=5))
    override_reason = String(allow_none=True, validate=Length(max=2000))
    note = String(allow_none=True, validate=Length(max=5000))
    #: for a value another authority computes: who published it and when
    source_name = String(allow_none=True, validate=Length(max=200))
    source_date = Date(allow_none=True)


class IndicatorScoreInputSchema(_ScoreFields, BaseSchema):
    """Entering an indicator's level through the API; ``version`` is the one read."""

    evidence = fields.List(fields.Nested(EvidenceSchema), validate=Length(max=MAX_EVIDENCE))
    version = Integer(required=True)


class IndicatorScoreFormSchema(_ScoreFields, FormSchema):
    """The indicator form."""

    evidence = EvidenceLines(load_default=list)
    version = Integer(required=True)


class VersionSchema(BaseSchema):
    """An action on a record that must not be stale."""

    version = Integer(required=True)


class WhatIfSchema(BaseSchema):
    """Levels to try: {indicator number: level}."""

    levels = fields.Dict(keys=fields.Integer(), values=Integer(validate=Range(min=1, max=5)),
                         required=True)


class AssessmentQuerySchema(BaseSchema):
    """Which agency's assessments."""

    agency = Integer(load_default=None)


class ScoreQuerySchema(BaseSchema):
    """An agency (by code) and a year."""

    agency = String(load_default=None, validate=Length(max=40))
    year = Integer(load_default=None, validate=Range(min=FIRST_YEAR, max=LAST_YEAR))


class YearQuerySchema(BaseSchema):
    """A year."""

    year = Integer(required=True, validate=Range(min=FIRST_YEAR, max=LAST_YEAR))


class AgencyScoreSchema(Schema):
    """One agency's index of a year."""

    agency = fields.String()
    name = fields.String()
    index = fields.Float()
    index_rounded = fields.Float()
    predicate = fields.String()


class IndicatorScoreSchema(Schema):
    """An indicator of an assessment as the API shows it."""

    indicator = fields.Integer()
    level = fields.Integer()
    source = fields.String()
    computed_level = fields.Integer(allow_none=True)
    entered_level = fields.Integer(allow_none=True)
    override_reason = fields.String(allow_none=True)
    explanation = fields.Dict(allow_none=True)
    evidence = fields.List(fields.Dict())
    note = fields.String(allow_none=True)
    source_name = fields.String(allow_none=True)
    source_date = fields.Date(allow_none=True)
    to_reassess = fields.Boolean()
    entered_at = fields.DateTime(allow_none=True)
    version = fields.Integer()


class AssessmentSchema(RecordSchema):
    """An assessment as the API shows it, with its index."""

    year = fields.Integer()
    instrument_id = fields.String()
    status = fields.String(attribute="status.value")
    computed_at = fields.DateTime(allow_none=True)
    finalised_at = fields.DateTime(allow_none=True)


class SubIndexSchema(Schema):
    """A domain's or aspect's sub-index."""

    number = fields.Integer()
    name = fields.String()
    index = fields.Float()


class ScoreRowSchema(Schema):
    """One indicator's level, where it comes from, and its computed and entered levels."""

    number = fields.Integer()
    name = fields.String()
    aspect = fields.Integer()
    level = fields.Integer()
    level_name = fields.String()
    source = fields.String()
    computed_level = fields.Integer(allow_none=True)
    entered_level = fields.Integer(allow_none=True)
    to_reassess = fields.Boolean()


class ScoreSchema(Schema):
    """An agency's levels, sub-indices, index and predicate for a year (as the CLI prints)."""

    agency = fields.String()
    year = fields.Integer()
    source = fields.String(metadata={"description": "live, assessment_draft or assessment_final"})
    instrument = fields.String(metadata={"description": "permenpanrb-59-2020 through 2025, "
                                                       "permenpanrb-8-2026 from 2026"})
    instrument_name = fields.String()
    index_name = fields.String(metadata={"description": "Indeks SPBE or Indeks Pemdi"})
    as_of = fields.String(metadata={"description": "the day the registry's facts are read at: "
                                                  "the end of the year, or today"})
    index = fields.Float()
    index_rounded = fields.Float()
    predicate = fields.String(metadata={"description": "the band of index_rounded"})
    domains = fields.List(fields.Nested(SubIndexSchema),
                          metadata={"description": "empty for an instrument without domains"})
    aspects = fields.List(fields.Nested(SubIndexSchema))
    indicators = fields.List(fields.Nested(ScoreRowSchema))


class MoveSchema(Schema):
    """One level step of an indicator and what it adds to the index."""

    indicator = fields.Integer()
    from_level = fields.Integer()
    to_level = fields.Integer()
    index_gain = fields.Float()
    gain_per_level = fields.Float()


class ScorecardSchema(Schema):
    """An assessment scored: its rows, index, sub-indices, predicate and best moves."""

    assessment = fields.Nested(AssessmentSchema)
    instrument = fields.String()
    index_name = fields.String()
    index = fields.Float()
    predicate = fields.String()
    domains = fields.Dict(keys=fields.String(), values=fields.Float())
    aspects = fields.Dict(keys=fields.String(), values=fields.Float())
    indicators = fields.List(fields.Nested(IndicatorScoreSchema))
    best_moves = fields.List(fields.Nested(MoveSchema))
    what_if = fields.Dict(allow_none=True)
    stages = fields.List(fields.Nested(lambda: StageSchema()),
                         metadata={"description": "the index per stage: self, document, "
                                                  "interview (null until the asesor records)"})


# -- the internal team, the steps of an indicator, the external assessors (issue 20) ------------

STEP_ACTIONS = ("fill", "check", "finalise", "return")


class StepSchema(BaseSchema):
    """One step of an indicator: fill, check, finalise, or return it with a note."""

    action = String(required=True, validate=OneOf(STEP_ACTIONS))
    note = String(allow_none=True, load_default=None, validate=Length(max=2000))
    version = Integer(required=True)


class StepFormSchema(StepSchema, FormSchema):
    """The step buttons of the indicator page."""


class IndicatorTeamSchema(BaseSchema):
    """An indicator's person in charge and the staff who fill it in."""

    responsible_id = Integer(allow_none=True, load_default=None)
    filler_ids = fields.List(Integer(), load_default=list, validate=Length(max=20))
    version = Integer(required=True)


class IndicatorTeamFormSchema(IndicatorTeamSchema, FormSchema):
    """The team form of the indicator page."""


class CoordinatorSchema(BaseSchema):
    """The Koordinator of an assessment."""

    coordinator_id = Integer(required=True)
    version = Integer(required=True)


class CoordinatorFormSchema(CoordinatorSchema, FormSchema):
    """The Koordinator form of the scorecard."""


class ExternalScoreSchema(BaseSchema):
    """The external assessors' levels of an indicator and their catatan perbaikan."""

    document_level = Integer(allow_none=True, validate=Range(min=1, max=5))
    interview_level = Integer(allow_none=True, validate=Range(min=1, max=5))
    improvement_note = String(allow_none=True, validate=Length(max=5000))
    version = Integer(required=True)


class ExternalScoreFormSchema(ExternalScoreSchema, FormSchema):
    """The asesor's form of the indicator page."""


class AttachFormSchema(FormSchema):
    """One of the agency's evidence files, to attach to another indicator."""

    file_id = Integer(required=True)


class EvidenceUploadFormSchema(FormSchema):
    """What comes with uploaded files: a title for them (else their names)."""

    title = String(allow_none=True, load_default=None, validate=Length(max=300))


class EvidenceFileSchema(Schema):
    """An evidence file as the API shows it."""

    id = fields.Integer()
    sha256 = fields.String()
    size = fields.Integer()
    media_type = fields.String()
    filename = fields.String()
    title = fields.String()
    created_at = fields.DateTime()


class IndicatorEvidenceSchema(Schema):
    """An indicator's files, state and team, as the API shows them."""

    indicator = fields.Integer()
    state = fields.String(attribute="state.value")
    state_note = fields.String(allow_none=True)
    responsible_id = fields.Integer(allow_none=True)
    filler_ids = fields.List(fields.Integer())
    document_level = fields.Integer(allow_none=True)
    interview_level = fields.Integer(allow_none=True)
    improvement_note = fields.String(allow_none=True)
    files = fields.List(fields.Nested(EvidenceFileSchema))
    version = fields.Integer()


class StageSchema(Schema):
    """The index of one stage of the evaluation."""

    stage = fields.String(metadata={"description": "self, document or interview"})
    index = fields.Float(allow_none=True)
    predicate = fields.String(allow_none=True)
    assessed = fields.Integer()
    total = fields.Integer()


class EvidenceUploadSchema(Schema):
    """An uploaded evidence file (multipart/form-data, the part ``file``)."""

    file = fields.Raw(required=True, metadata={"type": "string", "format": "binary"})


class EvidenceTitleSchema(BaseSchema):
    """What an uploaded file is (multipart/form-data, the part ``title``; else its name)."""

    class Meta:
        unknown = EXCLUDE

    title = String(allow_none=True, load_default=None, validate=Length(max=300))
