"""The assessment's people: the internal team and its steps, and the external assessors' levels.

Under PermenPANRB 8/2026 (docs/reference.md §7, Method) the instansi's internal assessor team
does the self-assessment: a Koordinator who appoints the team and sends the assessment, a
person in charge per indicator who checks it, and the staff who fill it in (OPD operators of
the instansi's own OPDs among them). Each indicator moves belum diisi → diisi → diperiksa →
final, or back with a note (the rules: ``arch_models.indicator_workflow``). Then external
assessors (the ``asesor`` role) record per indicator the level after the document assessment
and after the interview, with their catatan perbaikan.
"""

from flask_babel import gettext as _
from sqlalchemy import select

from arch_models import indicator_workflow as workflow
from registry import models
from registry.errors import ConflictError, PermissionDeniedError, ValidationFailedError
from registry.extensions import db
from registry.models import AssessmentStatus, Role
from registry.models.base import utcnow
from registry.services import changelog
from registry.services._tx import transaction
from registry.services.assessments import (
    ASSESSORS,
    _require_draft,
    _set_state,
    duties_of,
    get_assessment,
    is_coordinator,
    score_of,
)
from registry.services.common import check_version
from registry.services.permissions import ASSESSMENT_TEAM

#: who may be on the internal team (staff or person in charge of an indicator)
TEAM_ROLES = ASSESSMENT_TEAM
#: who may be the Koordinator
COORDINATOR_ROLES = ASSESSORS
#: the fields the external assessors record per indicator
EXTERNAL_FIELDS = ("document_level", "interview_level", "improvement_note")


def may_appoint(actor, assessment):
    """Tell whether the actor may appoint the team: the Koordinator, or an admin."""
    return actor is None or actor.role is Role.ADMIN or is_coordinator(actor, assessment)


def _require_appointer(actor, assessment):
    if not may_appoint(actor, assessment):
        raise PermissionDeniedError(_("Hanya Koordinator atau admin yang menunjuk tim penilai."))


def team_candidates(assessment):
    """Return the people who may join the assessment's team.

    Active admins, architects and reviewers, and the OPD operators of the agency's own OPDs.
    """
    user = models.User
    rows = db.session.scalars(
        select(user).outerjoin(models.Unit, user.unit_id == models.Unit.id)
        .where(user.active.is_(True), user.role.in_(TEAM_ROLES))
        .order_by(user.name, user.id))
    return [u for u in rows if _may_join(u, assessment)]


def _may_join(user, assessment):
    if user.role is Role.OPD_OPERATOR:
        return user.unit is not None and user.unit.agency_id == assessment.agency_id
    return user.role in TEAM_ROLES


def _member(user_id, assessment, field, roles=TEAM_ROLES):
    """Return the active user ``user_id`` who may hold a duty here, or refuse the field."""
    user = db.session.get(models.User, user_id) if isinstance(user_id, int) else None
    if user is None or not user.active:
        message = _("Pengguna tidak dikenal atau nonaktif.")
        raise ValidationFailedError(message, errors={field: [message]})
    if user.role not in roles or not _may_join(user, assessment):
        message = _("%(name)s (%(role)s) tidak dapat ditunjuk: hanya admin, arsitek, peninjau "
                    "dan operator OPD instansi ini.", name=user.name, role=user.role.value)
        if roles == COORDINATOR_ROLES:
            message = _("%(name)s tidak dapat menjadi Koordinator: hanya admin, arsitek atau "
                        "peninjau.", name=user.name)
        raise ValidationFailedError(message, errors={field: [message]})
    return user


def set_coordinator(assessment_id, user_id, *, actor, expected_version):
    """Appoint the assessment's Koordinator (the Koordinator hands over, or an admin)."""
    assessment = get_assessment(assessment_id)
    _require_appointer(actor, assessment)
    _require_draft(assessment)
    check_version(assessment, expected_version)
    user = _member(user_id, assessment, "coordinator_id", COORDINATOR_ROLES)
    with transaction():
        before = {"coordinator_id": assessment.coordinator_id}
        assessment.coordinator_id = user.id
        assessment.updated_at = utcnow()
        changelog.log_change("update", assessment, actor=actor, before=before,
                             after={"coordinator_id": user.id})
    return assessment


def assign_indicator(assessment_id, indicator, *, responsible_id, filler_ids, actor,
                     expected_version):
    """Appoint an indicator's person in charge and the staff who fill it in."""
    assessment = get_assessment(assessment_id)
    _require_appointer(actor, assessment)
    _require_draft(assessment)
    score = score_of(assessment, indicator)
    check_version(score, expected_version)
    responsible = _member(responsible_id, assessment, "responsible_id") \
        if responsible_id is not None else None
    fillers = [_member(i, assessment, "filler_ids") for i in dict.fromkeys(filler_ids or ())]
    with transaction():
        before = _team_of(score)
        score.responsible = responsible
        score.fillers = fillers
        score.updated_at = utcnow()
        changelog.log_change("update", score, actor=actor, before=before, after=_team_of(score),
                             agency_id=assessment.agency_id)
    return score


def _team_of(score):
    return {"responsible_id": score.responsible_id,
            "fillers": sorted(u.name for u in score.fillers)}


def actions_for(actor, assessment, score):
    """Return the steps the actor may take on an indicator now (none once it is sent)."""
    if assessment.status is AssessmentStatus.FINAL:
        return []
    return workflow.allowed_actions(score.state, duties_of(actor, assessment, score))


def move_indicator(assessment_id, indicator, action, *, actor, note=None, expected_version):
    """Take one step of an indicator: fill, check, finalise, or return it with a note.

    :raises ValidationFailedError: an unknown action, or a return without a note.
    :raises ConflictError: the step does not go from the indicator's state (or the assessment
        is sent), or the copy read is stale.
    :raises PermissionDeniedError: the actor's duties on the indicator do not allow it.
    """
    if action not in workflow.ACTIONS:
        raise ValidationFailedError(errors={"action": [_("Langkah tidak dikenal.")]})
    assessment = get_assessment(assessment_id)
    _require_draft(assessment)
    score = score_of(assessment, indicator)
    step = workflow.step_of(score.state, action)
    held = duties_of(actor, assessment, score)
    if step is not None and not step.by & held:
        raise PermissionDeniedError(_refusal(step, held, indicator))
    if step is None:
        if not held:
            raise PermissionDeniedError(_("Anda bukan tim indikator %(n)s.", n=indicator))
        raise ConflictError(_("Indikator %(n)s berstatus %(state)s: langkah ini tidak "
                              "berlaku.", n=indicator, state=_state_label(score.state)))
    check_version(score, expected_version)
    note = (note or "").strip() or None
    if step.needs_note and not note:
        raise ValidationFailedError(errors={"note": [_(
            "Wajib diisi: tulis apa yang harus diperbaiki sebelum indikator dikembalikan.")]})
    with transaction():
        before = {"state": score.state.value, "state_note": score.state_note}
        _set_state(score, models.IndicatorState(step.target), actor, note)
        if action == "check":
            score.to_reassess = False  # checked under this instrument: no longer carried over
        changelog.log_change("update", score, actor=actor, before=before,
                             after={"state": score.state.value, "state_note": note},
                             agency_id=assessment.agency_id, reason=note)
    return score


def _refusal(step, held, indicator):
    if not held:
        return _("Anda bukan tim indikator %(n)s: hanya petugas pengisi, penanggung jawab dan "
                 "Koordinator yang mengerjakannya.", n=indicator)
    if step.by == {workflow.Duty.COORDINATOR}:
        return _("Hanya Koordinator yang dapat melakukan langkah ini pada indikator %(n)s.",
                 n=indicator)
    return _("Hanya penanggung jawab indikator %(n)s atau Koordinator yang memeriksanya.",
             n=indicator)


def _state_label(state):
    from registry.labels import label

    return label("indicator_state", state)


def may_assess_externally(actor, assessment):
    """Tell whether the actor may record the external levels: an asesor, once it is sent."""
    return assessment.status is AssessmentStatus.FINAL and (
        actor is None or actor.role is Role.ASESOR)


def record_external(assessment_id, indicator, data, *, actor, expected_version):
    """Record an indicator's levels after the document assessment and the interview.

    With the catatan perbaikan (external assessors, on a sent assessment).
    """
    if actor is not None and actor.role is not Role.ASESOR:
        raise PermissionDeniedError(_("Hanya asesor eksternal yang mencatat hasil penilaian "
                                      "dokumen dan interviu."))
    assessment = get_assessment(assessment_id)
    if assessment.status is not AssessmentStatus.FINAL:
        raise ConflictError(_("Penilaian tahun %(year)s belum dikirim Koordinator: asesor "
                              "menilai setelah penilaian mandiri final.", year=assessment.year))
    score = score_of(assessment, indicator)
    check_version(score, expected_version)
    errors = {name: [_("Level harus 1 sampai 5.")] for name in ("document_level",
                                                                  "interview_level")
              if data.get(name) is not None and data[name] not in range(1, 6)}
    if errors:
        raise ValidationFailedError(errors=errors)
    with transaction():
        before = changelog.values_of(score)
        for name in EXTERNAL_FIELDS:
            if name in data:
                value = data[name]
                if name == "improvement_note":
                    value = (value or "").strip() or None
                setattr(score, name, value)
        score.external_by_id = actor.id if actor is not None else None
        score.external_at = utcnow()
        changelog.record_update(score, before, actor=actor)
    return score
