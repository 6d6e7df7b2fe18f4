"""Self-assessments: open, take the computed levels, enter or override, finalise, copy forward.

Each assessment is scored with its own instrument: the one that governs its year (59/2020
through 2025, the Indeks Pemdi of 8/2026 from 2026), or another an admin chose with a reason.
"""

from collections import defaultdict
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from functools import cached_property

from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from arch_models import indicator_workflow as workflow
from arch_models import scoring
from registry import models
from registry.errors import (
    ConflictError,
    NotFoundError,
    PermissionDeniedError,
    ValidationFailedError,
)
from registry.extensions import db
from registry.models import AssessmentStatus, Role
from registry.models.assessment import effective_level
from registry.models.base import utcnow
from registry.services import changelog, instruments
from registry.services._tx import transaction
from registry.services.common import check_version, reference_error
from registry.services.permissions import ASSESSORS, require_role
from registry.services.scoring_facts import as_of_for, computed_levels

#: blockers kept per indicator in the stored explanation (the count is kept whole)
EXPLAINED_BLOCKERS = 10
FIRST_YEAR, LAST_YEAR = 2018, 2100
SCORE_FIELDS = ("entered_level", "override_reason", "evidence", "note", "source_name",
                "source_date")


def instrument_of(assessment):
    """Return the instrument an assessment is scored with."""
    return instruments.get(assessment.instrument_id)


def _explanation(computed):
    """Return the stored why of a computed level.

    Its lines in Indonesian as they read, and beside them what renders them in another language
    (each line's key and parameters, each blocker's rule and the name its reason uses);
    registry.localized reads both.
    """
    return {
        "met": [str(text) for text in computed.met],
        "not_met": [str(text) for text in computed.not_met],
        "met_msgs": [text.to_json() for text in computed.met],
        "not_met_msgs": [text.to_json() for text in computed.not_met],
        "blocker_count": len(computed.blockers),
        "blockers": [
            {"kind": b.subject_kind, "id": b.subject_id, "code": b.subject_code,
             "name": b.subject_name, "caps_at": b.caps_at, "reason": b.reason, "fix": b.fix,
             "rule": b.rule_id, "label": b.label}
            for b in computed.blockers[:EXPLAINED_BLOCKERS]
        ],
    }


def _with_scores():
    score = models.IndicatorScore
    return selectinload(models.Assessment.scores).options(
        selectinload(score.attachments).selectinload(models.IndicatorEvidence.file),
        selectinload(score.fillers), selectinload(score.responsible))


def get_assessment(assessment_id):
    """Return an assessment with its scores, or raise NotFoundError.

    The scores come with their team and evidence files.
    """
    found = db.session.scalar(
        select(models.Assessment).options(_with_scores())
        .where(models.Assessment.id == assessment_id))
    if found is None:
        raise NotFoundError(_("Penilaian tidak ditemukan."))
    return found


def find_assessment(agency_id, year):
    """Return the agency's assessment of ``year``, or None."""
    return db.session.scalar(
        select(models.Assessment).options(_with_scores())
        .where(models.Assessment.agency_id == agency_id, models.Assessment.year == year))


def list_assessments(agency_id):
    """Return the agency's assessments, newest year first."""
    return list(db.session.scalars(
        select(models.Assessment).where(models.Assessment.agency_id == agency_id)
        .order_by(models.Assessment.year.desc())))


def _check_year(year):
    if isinstance(year, bool) or not isinstance(year, int) or not FIRST_YEAR <= year <= LAST_YEAR:
        raise reference_error("year", _("Tahun harus antara %(low)s dan %(high)s.",
                                        low=FIRST_YEAR, high=LAST_YEAR))


def _apply_computed(assessment, by_indicator):
    """Write the computed levels onto the scores; return the indicators whose level changed."""
    changed = []
    for score in assessment.scores:
        computed = by_indicator.get(score.indicator)
        level = computed.level if computed else None
        if level != score.computed_level:
            changed.append(score.indicator)
        score.computed_level = level
        score.explanation = _explanation(computed) if computed else None
    assessment.computed_at = utcnow()
    return changed


def _known_instrument(instrument_id):
    """Return the instrument an admin names, or refuse the field."""
    try:
        return instruments.catalogue().get(instrument_id)
    except KeyError:
        raise reference_error("instrument_id", _("Instrumen tidak dikenal.")) from None


def _chosen_instrument(year, instrument_id, reason, actor):
    """Return the instrument to score a year with.

    The year's own, or another an admin chose with a reason.
    """
    governing = instruments.for_year(year)
    if not instrument_id or instrument_id == governing.id:
        return governing, None
    require_role(actor, Role.ADMIN)
    chosen = _known_instrument(instrument_id)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationFailedError(errors={"reason": [_(
            "Wajib diisi: tahun %(year)s dinilai dengan %(governing)s; sebutkan alasan memakai "
            "%(chosen)s.", year=year, governing=governing.id, chosen=chosen.id)]})
    return chosen, reason


def open_assessment(agency_id, year, *, actor, instrument_id=None, reason=None):
    """Start the agency's assessment of ``year``, with the levels the registry computes.

    It is scored with the instrument that governs the year; an admin may choose another
    (``instrument_id``) with a ``reason``, kept in the change log. Whoever opens it is its
    Koordinator until another is appointed.
    """
    require_role(actor, *ASSESSORS)
    _check_year(year)
    if db.session.get(models.Agency, agency_id) is None:
        raise reference_error("agency_id", _("Instansi tidak dikenal."))
    if find_assessment(agency_id, year) is not None:
        raise ConflictError(_("Penilaian tahun %(year)s sudah ada.", year=year),
                            errors={"year": [_("Penilaian tahun ini sudah ada.")]})
    used, reason = _chosen_instrument(year, instrument_id, reason, actor)
    with transaction():
        assessment = models.Assessment(agency_id=agency_id, year=year, instrument_id=used.id,
                                       scores=_blank_scores(used),
                                       coordinator_id=actor.id if actor is not None else None)
        db.session.add(assessment)
        _apply_computed(assessment, computed_levels(agency_id, year, used))
        db.session.flush()
        changelog.log_change("create", assessment, actor=actor,
                             after=changelog.values_of(assessment), reason=reason)
    return assessment


def _blank_scores(used):
    return [models.IndicatorScore(indicator=i.number, evidence=[]) for i in used.indicators]


def change_instrument(assessment_id, instrument_id, *, actor, reason, expected_version):
    """Score a draft with another instrument (admins only, with a reason in the change log).

    The indicators are those of the new instrument: evidence and notes carry over through its
    mapping, and every level is marked to be reassessed.
    """
    require_role(actor, Role.ADMIN)
    assessment = get_assessment(assessment_id)
    _require_draft(assessment)
    check_version(assessment, expected_version)
    if instrument_id == assessment.instrument_id:
        raise ValidationFailedError(errors={"instrument_id": [_(
            "Penilaian ini sudah memakai instrumen %(id)s.", id=instrument_id)]})
    target = _known_instrument(instrument_id)
    if not (reason or "").strip():
        raise ValidationFailedError(errors={"reason": [_(
            "Wajib diisi: alasan memakai instrumen lain untuk tahun ini.")]})
    source = instrument_of(assessment)
    with transaction():
        # the old indicators go with the old instrument: the change log keeps them whole
        before = {"instrument_id": assessment.instrument_id,
                  "scores": [changelog.values_of(score) for score in assessment.scores]}
        old_scores = list(assessment.scores)
        old_files = _attached_files(old_scores)
        assessment.scores = []
        db.session.flush()
        assessment.instrument_id = target.id
        assessment.scores = _blank_scores(target)
        _carry(old_scores, source, assessment.scores, target, old_files)
        _apply_computed(assessment, computed_levels(assessment.agency_id, assessment.year,
                                                    target))
        assessment.updated_at = utcnow()
        changelog.log_change("update", assessment, actor=actor, before=before,
                             after={"instrument_id": target.id}, reason=reason.strip())
    return assessment


def _require_draft(assessment):
    if assessment.status is AssessmentStatus.FINAL:
        raise ConflictError(_("Penilaian tahun %(year)s sudah final dan tidak dapat diubah.",
                              year=assessment.year))


# -- the internal assessment team ---------------------------------------------------------------


def duties_of(actor, assessment, score):
    """Return what the actor is to one indicator: Koordinator, person in charge, staff.

    All of them for the system (actor None).
    """
    return workflow.duties(
        actor.id if actor is not None else None, coordinator=assessment.coordinator_id,
        responsible=score.responsible_id, fillers=[u.id for u in score.fillers])


def is_coordinator(actor, assessment):
    """Tell whether the actor is the assessment's Koordinator (the system always is)."""
    return actor is None or actor.id == assessment.coordinator_id


def require_coordinator(actor, assessment, message=None):
    """Refuse anyone but the Koordinator (and the system)."""
    if not is_coordinator(actor, assessment):
        raise PermissionDeniedError(message or _("Hanya Koordinator penilaian yang dapat "
                                                 "melakukan ini."))


def may_edit(actor, assessment, score):
    """Tell whether the actor may change an indicator's level and evidence now."""
    return assessment.status is AssessmentStatus.DRAFT and workflow.may_edit(
        score.state, duties_of(actor, assessment, score))


def require_edit(actor, assessment, score):
    """Refuse an edit of an indicator by someone not on its team, or once it is checked."""
    _require_draft(assessment)
    if not duties_of(actor, assessment, score):
        raise PermissionDeniedError(_(
            "Anda bukan tim indikator %(n)s: hanya petugas pengisi, penanggung jawab dan "
            "Koordinator yang mengubahnya.", n=score.indicator))
    if score.state not in workflow.EDITABLE:
        raise ConflictError(_(
            "Indikator %(n)s sudah %(state)s: kembalikan dulu dengan catatan untuk mengubahnya.",
            n=score.indicator, state=_state_word(score.state)))


def _state_word(state):
    from registry.labels import label

    return label("indicator_state", state).lower()


def unsent_indicators(assessment):
    """Return the indicators not yet checked, which keep the Koordinator from sending."""
    return workflow.blocking_send({s.indicator: s.state for s in assessment.scores})


def _set_state(score, state, actor, note):
    score.state = state
    score.state_note = note
    score.state_changed_at = utcnow()
    score.state_changed_by_id = actor.id if actor is not None else None


def check_refresh(assessment_id, *, actor, expected_version):
    """Return the assessment, or refuse the refresh ``refresh_computed`` would refuse.

    A page checks it before it hands the refresh to a worker, which checks it again.
    """
    assessment = get_assessment(assessment_id)
    require_coordinator(actor, assessment)
    _require_draft(assessment)
    check_version(assessment, expected_version)
    return assessment


def refresh_computed(assessment_id, *, actor, expected_version, on_indicator=None):
    """Take the computed levels again from the registry's current facts (the Koordinator).

    An indicator already checked whose computed level changed goes back to "diisi", with a
    note, to be checked again. ``on_indicator(done, total)`` hears how far the computing is.
    """
    assessment = check_refresh(assessment_id, actor=actor, expected_version=expected_version)
    with transaction():
        before = {s.indicator: s.computed_level for s in assessment.scores}
        changed = _apply_computed(assessment, computed_levels(
            assessment.agency_id, assessment.year, instrument_of(assessment),
            on_indicator=on_indicator))
        for score in assessment.scores:
            if score.indicator in changed and score.state in (models.IndicatorState.CHECKED,
                                                              models.IndicatorState.FINAL):
                _set_state(score, models.IndicatorState.FILLED, actor, _(
                    "Level terhitung berubah dari %(old)s ke %(new)s; periksa ulang.",
                    old=before[score.indicator] or "—", new=score.computed_level or "—"))
        assessment.updated_at = utcnow()  # a new version: the page read the old levels
        changelog.log_change(
            "update", assessment, actor=actor,
            before={"computed_levels": {n: before[n] for n in changed}},
            after={"computed_levels": {s.indicator: s.computed_level for s in assessment.scores
                                       if s.indicator in changed}})
    return assessment


def score_of(assessment, indicator):
    """Return the assessment's score row of one indicator, or raise NotFoundError."""
    for score in assessment.scores:
        if score.indicator == indicator:
            return score
    raise NotFoundError(_("Indikator %(n)s tidak ada di instrumen penilaian ini.", n=indicator))


def set_indicator(assessment_id, indicator, data, *, actor, expected_version):
    """Enter or override one indicator's level, with its evidence and note.

    An entered level that differs from the computed one is an override and needs a reason;
    clearing the entered level returns to the computed one. Only the indicator's team (its
    staff, its person in charge, the Koordinator) edits it, and only before it is checked.
    """
    assessment = get_assessment(assessment_id)
    score = score_of(assessment, indicator)
    require_edit(actor, assessment, score)
    check_version(score, expected_version)
    level = data.get("entered_level", score.entered_level)
    reason = (data.get("override_reason", score.override_reason) or "").strip()
    overrides = level is not None and score.computed_level is not None \
        and level != score.computed_level
    if overrides and not reason:
        raise ValidationFailedError(errors={"override_reason": [_(
            "Wajib diisi: level %(entered)s berbeda dari level terhitung %(computed)s.",
            entered=level, computed=score.computed_level)]})
    _check_external_source(instrument_of(assessment).indicator(indicator), level, score, data)
    with transaction():
        before = changelog.values_of(score)
        for name in SCORE_FIELDS:
            if name in data:
                setattr(score, name, data[name])
        if not overrides:
            score.override_reason = None
        score.to_reassess = False  # the assessor has looked at it under this instrument
        score.entered_by_id = actor.id if actor is not None else None
        score.entered_at = utcnow()
        changelog.record_update(score, before, actor=actor)
    return score


def _check_external_source(indicator, level, score, data):
    """Check that a value another authority computes is entered with who published it and when."""
    if not indicator.external or level is None:
        return
    errors = {}
    if not (data.get("source_name", score.source_name) or "").strip():
        errors["source_name"] = [_("Wajib diisi: nilai indikator ini dihitung oleh "
                                   "%(who)s; sebutkan sumbernya.", who=indicator.external)]
    if data.get("source_date", score.source_date) is None:
        errors["source_date"] = [_("Wajib diisi: tanggal nilai dari %(who)s.",
                                   who=indicator.external)]
    if errors:
        raise ValidationFailedError(errors=errors)


def finalise(assessment_id, *, actor, expected_version):
    """Send the assessment (the Koordinator only).

    It becomes read-only evidence for the external assessors, every indicator final; who and when
    are stamped.

    Every indicator must have been checked first (the system, with no actor, is not held to
    the team's steps: the command line and the demo).
    """
    assessment = get_assessment(assessment_id)
    require_coordinator(actor, assessment, _("Hanya Koordinator yang memfinalkan dan mengirim "
                                             "penilaian."))
    _require_draft(assessment)
    check_version(assessment, expected_version)
    waiting = unsent_indicators(assessment)
    if waiting and actor is not None:
        raise ConflictError(_(
            "Belum dapat dikirim: indikator %(numbers)s belum diperiksa penanggung jawabnya.",
            numbers=", ".join(map(str, waiting))), errors={"state": [_(
                "Indikator belum diperiksa: %(numbers)s.", numbers=", ".join(map(str, waiting)))]})
    with transaction():
        before = changelog.values_of(assessment)
        for score in assessment.scores:
            if score.state is not models.IndicatorState.FINAL:
                _set_state(score, models.IndicatorState.FINAL, actor, None)
        assessment.status = AssessmentStatus.FINAL
        assessment.finalised_at = utcnow()
        assessment.finalised_by_id = actor.id if actor is not None else None
        changelog.record_update(assessment, before, actor=actor)
    return assessment


def copy_forward(assessment_id, *, actor):
    """Start next year's assessment from this one; computed levels are taken afresh.

    Under the same instrument, entered levels, evidence and notes carry over. Into another
    instrument (2025 under 59/2020 → 2026 under the Indeks Pemdi), evidence and notes carry to
    the indicators that map from them (the instrument's ``maps_from``), no level carries, and
    every indicator is marked to be reassessed. Evidence files go where the evidence goes.
    """
    require_role(actor, *ASSESSORS)
    source = get_assessment(assessment_id)
    year = source.year + 1
    if find_assessment(source.agency_id, year) is not None:
        raise ConflictError(_("Penilaian tahun %(year)s sudah ada.", year=year),
                            errors={"year": [_("Penilaian tahun ini sudah ada.")]})
    with transaction():
        target = open_assessment(source.agency_id, year, actor=actor)
        _carry(source.scores, instrument_of(source), target.scores, instrument_of(target),
               _attached_files(source.scores))
        changelog.log_change("update", target, actor=actor,
                             after={"copied_from": source.id, "year": year,
                                    "instrument_id": target.instrument_id})
    return target


def _attached_files(scores):
    """Return {indicator: [evidence file ids]} of some scores."""
    return {s.indicator: [a.evidence_file_id for a in s.attachments] for s in scores}


def _attach_files(score, file_ids):
    score.attachments = [models.IndicatorEvidence(evidence_file_id=file_id)
                         for file_id in dict.fromkeys(file_ids)]


def _carry(old_scores, old_instrument, new_scores, new_instrument, old_files=None):
    """Carry evidence (links and files) and notes to new scores.

    Within one instrument, entered levels are carried too.
    """
    carried = {s.indicator: s for s in old_scores}
    old_files = old_files or {}
    if old_instrument.id == new_instrument.id:
        for score in new_scores:
            old = carried.get(score.indicator)
            if old is None:
                continue
            _attach_files(score, old_files.get(score.indicator, ()))
            score.evidence = list(old.evidence or [])
            score.note = old.note
            score.source_name, score.source_date = old.source_name, old.source_date
            if old.entered_level is not None:
                score.entered_level = old.entered_level
                score.override_reason = old.override_reason
        return
    for score in new_scores:
        sources = new_instrument.indicator(score.indicator).maps_from.get(old_instrument.id, ())
        evidence, notes, files = [], [], []
        for number in sources:
            old = carried.get(number)
            if old is None:
                continue
            files += old_files.get(number, ())
            evidence += [e for e in old.evidence or [] if e not in evidence]
            if old.note:
                notes.append(f"[{old_instrument.index_name} {number}] {old.note}")
        score.evidence = evidence
        _attach_files(score, files)
        score.note = "\n".join(notes) or None
        score.to_reassess = True


@dataclass(frozen=True)
class IndicatorRow:
    """One line of the scorecard."""

    indicator: object  #: arch_models.reference.instrument.Indicator
    score: models.IndicatorScore
    level: int
    previous: int | None
    level_name: str = ""

    @property
    def gap(self):
        """Return the levels still missing to 5."""
        return 5 - self.level

    @property
    def delta(self):
        """Return the change since the previous level, or None without one."""
        return None if self.previous is None else self.level - self.previous

    @property
    def next_criteria(self):
        """Return the criteria of the next level, or None at 5."""
        return self.indicator.levels[self.level] if self.level < 5 else None


@dataclass(frozen=True)
class Scorecard:
    """An assessment scored: index, sub-indices, predicate, rows, and the best moves."""

    assessment: models.Assessment
    instrument: object
    result: scoring.IndexResult
    rows: list
    moves: list
    previous: models.Assessment | None
    previous_result: scoring.IndexResult | None  #: last year's, under the same instrument
    what_if: scoring.IndexResult | None = None
    changes: dict | None = None
    #: last year's under another instrument: shown beside, never subtracted
    previous_instrument: object | None = None
    previous_other: scoring.IndexResult | None = None

    @property
    def as_of(self):
        """The day the registry's facts are read at for this year: its last day, or today."""
        return as_of_for(self.assessment.year)

    def rows_of(self, group):
        """Return the rows of one domain (or aspect, without domains)."""
        key = self.instrument.group_key
        return [r for r in self.rows if getattr(r.indicator, key) == group.number]

    def group_index(self, result, group):
        """Return the sub-index of a domain (or aspect) in a result."""
        return (result.domains if self.instrument.domains else result.aspects)[group.number]

    @property
    def reassess_count(self):
        """How many indicators still carry the mark 'to be reassessed'."""
        return sum(1 for r in self.rows if r.score.to_reassess)

    @cached_property
    def stages(self):
        """The index per stage: mandiri, after the document assessment, after the interview."""
        return stage_results(self.assessment, self.instrument)

    @cached_property
    def state_counts(self):
        """How many indicators stand in each state of the internal assessment."""
        counts = dict.fromkeys(models.IndicatorState, 0)
        for row in self.rows:
            counts[row.score.state] += 1
        return counts


#: the stages of the evaluation (PermenPANRB 8/2026, Method) the registry records levels of
STAGES = ("self", "document", "interview")


@dataclass(frozen=True)
class StageResult:
    """The index of one stage; ``result`` is None while no level of the stage is recorded."""

    stage: str
    result: scoring.IndexResult | None
    assessed: int  #: indicators with a level of this stage
    total: int


def stage_levels(assessment, stage):
    """Return {indicator: level} of a stage and how many indicators it assessed.

    The assessors' document level stands where they gave one, else the self-assessed level;
    the interview level stands where given, else the document level, else the self-assessed.
    """
    levels, assessed = {}, 0
    for s in assessment.scores:
        chain = {"self": (), "document": (s.document_level,),
                 "interview": (s.interview_level, s.document_level)}[stage]
        given = next((level for level in chain if level is not None), None)
        if stage == "self" or (s.interview_level if stage == "interview"
                               else s.document_level) is not None:
            assessed += 1
        levels[s.indicator] = given if given is not None else s.level
    return levels, assessed


def stage_results(assessment, used=None):
    """Return the index of each stage, side by side (mandiri, dokumen, interviu)."""
    used = used or instrument_of(assessment)
    found = []
    for stage in STAGES:
        levels, assessed = stage_levels(assessment, stage)
        found.append(StageResult(stage, scoring.index(levels, used) if assessed else None,
                                 assessed, len(levels)))
    return found


def levels_of(assessment):
    """Return {indicator: the level that counts} of an assessment."""
    return {s.indicator: s.level for s in assessment.scores}


def scorecard(assessment, *, changes=None, moves=10):
    """Score an assessment against its own instrument, with last year's and a what-if if asked.

    Last year under the same instrument is compared level by level; under another instrument
    it is shown beside, with its own predicate, and never subtracted.
    """
    used = instrument_of(assessment)
    levels = levels_of(assessment)
    previous = find_assessment(assessment.agency_id, assessment.year - 1)
    previous_levels, previous_result, other, other_result = {}, None, None, None
    if previous is not None and previous.instrument_id == used.id:
        previous_levels = levels_of(previous)
        previous_result = scoring.index(previous_levels, used)
    elif previous is not None:
        other = instruments.get(previous.instrument_id)
        other_result = scoring.index(levels_of(previous), other)
    by_number = {s.indicator: s for s in assessment.scores}
    rows = [IndicatorRow(i, by_number[i.number], levels[i.number],
                         previous_levels.get(i.number), used.level_name(levels[i.number]))
            for i in used.indicators]
    changes = {n: v for n, v in (changes or {}).items() if levels.get(n) not in (None, v)}
    return Scorecard(
        assessment=assessment, instrument=used, result=scoring.index(levels, used), rows=rows,
        moves=scoring.best_moves(levels, used, limit=moves), previous=previous,
        previous_result=previous_result,
        what_if=scoring.what_if(levels, changes, used) if changes else None,
        changes=changes or None, previous_instrument=other, previous_other=other_result,
    )


def results_by_instrument(agency_id):
    """Return the agency's latest result under each instrument, newest instrument first.

    As [(instrument, assessment, IndexResult)]: shown side by side, never subtracted.
    """
    latest = {}
    for assessment in list_assessments(agency_id):
        latest.setdefault(assessment.instrument_id, assessment)
    found = []
    for instrument_id, assessment in latest.items():
        used = instruments.get(instrument_id)
        full = get_assessment(assessment.id)
        found.append((used, full, scoring.index(levels_of(full), used)))
    return found


def score_all(year):
    """Score every agency's assessment of ``year`` from one query, each with its own instrument.

    Returns {agency_id: IndexResult}.
    """
    assessment = models.Assessment.__table__.c
    score = models.IndicatorScore.__table__.c
    rows = db.session.execute(
        select(assessment.agency_id, assessment.instrument_id, score.indicator,
               score.computed_level, score.entered_level)
        .join_from(models.IndicatorScore.__table__, models.Assessment.__table__,
                   score.assessment_id == assessment.id)
        .where(assessment.year == year))
    levels, used = defaultdict(dict), {}
    for agency_id, instrument_id, indicator, computed, entered in rows:
        levels[agency_id][indicator] = effective_level(computed, entered)
        used[agency_id] = instrument_id
    known = {instrument_id: instruments.get(instrument_id) for instrument_id in set(used.values())}
    return {agency_id: scoring.index(found, known[used[agency_id]])
            for agency_id, found in levels.items()}


def live_levels(agency_id, year, used=None):
    """Return the levels an assessment would start with under the year's instrument.

    Computed, else 1.
    """
    used = used or instruments.for_year(year)
    computed = computed_levels(agency_id, year, used)
    return {i.number: computed[i.number].level if i.number in computed else 1
            for i in used.indicators}, computed


def _decimal(value, places="0.001"):
    """Round for output: the index to three decimals, as the worked example 2.615 needs."""
    return float(Decimal(value).quantize(Decimal(places), rounding=ROUND_HALF_UP))


def score_document(agency, year):
    """Return the agency's score of ``year`` as JSON-ready data (the CLI and the API).

    The stored assessment counts when there is one; otherwise the registry's computed levels,
    with every other indicator at 1, are scored live and nothing is saved.
    """
    assessment = find_assessment(agency.id, year)
    used = instrument_of(assessment) if assessment is not None else instruments.for_year(year)
    if assessment is not None:
        levels = levels_of(assessment)
        indicators = [{"number": s.indicator, "level": s.level, "source": s.source,
                       "computed_level": s.computed_level, "entered_level": s.entered_level,
                       "to_reassess": s.to_reassess}
                      for s in assessment.scores]
        source = "assessment_" + assessment.status.value
    else:
        levels, computed = live_levels(agency.id, year, used)
        indicators = [{"number": n, "level": level,
                       "source": "computed" if n in computed else "missing",
                       "computed_level": computed[n].level if n in computed else None,
                       "entered_level": None, "to_reassess": False}
                      for n, level in levels.items()]
        source = "live"
    names = {i.number: i for i in used.indicators}
    for row in indicators:
        row["name"] = names[row["number"]].name
        row["level_name"] = used.level_name(row["level"])
        row["aspect"] = names[row["number"]].aspect
    result = scoring.index(levels, used)
    return {
        "agency": agency.code, "year": year, "source": source, "instrument": used.id,
        "as_of": as_of_for(year).isoformat(),
        "instrument_name": used.name, "index_name": used.index_name,
        "index": _decimal(result.value), "index_rounded": float(result.rounded),
        "predicate": result.predicate,
        "domains": [{"number": d.number, "name": d.name,
                     "index": _decimal(result.domains[d.number])} for d in used.domains],
        "aspects": [{"number": a.number, "name": a.name,
                     "index": _decimal(result.aspects[a.number])} for a in used.aspects],
        "indicators": sorted(indicators, key=lambda r: r["number"]),
    }
