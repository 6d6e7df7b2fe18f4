"""The assessment team and the assessors (issue 20) in the services: each step by role."""

import pytest

from arch_models import indicator_workflow as workflow
from registry import models
from registry.demo.evidence import pdf_document
from registry.errors import ConflictError, PermissionDeniedError, ValidationFailedError
from registry.services import assessment_team, assessments, evidence
from tests.registry.builders import indicator_score


def _move(assessment, number, action, actor, note=None):
    return assessment_team.move_indicator(
        assessment.id, number, action, actor=actor, note=note,
        expected_version=indicator_score(assessment, number).version)


def _bring(assessment, number, state, coordinator):
    """Move indicator ``number`` to ``state`` as the Koordinator."""
    path = {"not_filled": [], "filled": ["fill"], "checked": ["fill", "check"],
            "final": ["fill", "check", "finalise"]}[state]
    for action in path:
        _move(assessment, number, action, coordinator)


#: (action, from state) -> who may take it; everyone else is refused
ALLOWED = {
    ("fill", "not_filled"): {"coordinator", "responsible", "staff"},
    ("check", "filled"): {"coordinator", "responsible"},
    ("finalise", "checked"): {"coordinator"},
    ("return", "filled"): {"coordinator", "responsible"},
    ("return", "checked"): {"coordinator", "responsible"},
    ("return", "final"): {"coordinator"},
}
WHO = ["coordinator", "responsible", "staff", "other_staff", "architect", "admin", "viewer",
       "asesor"]


@pytest.mark.parametrize("who", WHO)
@pytest.mark.parametrize(("action", "state"), sorted(ALLOWED))
def test_each_step_is_allowed_or_refused_by_role(team, action, state, who):
    assessment, people = team
    _bring(assessment, 16, state, people["coordinator"])
    if who in ALLOWED[(action, state)]:
        moved = _move(assessment, 16, action, people[who], note="Lengkapi notulen")
        assert moved.state is models.IndicatorState(workflow.step_of(state, action).target)
        assert moved.state_changed_by_id == people[who].id
    else:
        with pytest.raises(PermissionDeniedError):
            _move(assessment, 16, action, people[who], note="Lengkapi notulen")
        assert indicator_score(assessment, 16).state is models.IndicatorState(state)


@pytest.mark.parametrize(("action", "state"), [("check", "not_filled"), ("finalise", "filled"),
                                                ("fill", "checked"), ("return", "not_filled")])
def test_a_step_that_does_not_go_from_the_state_is_a_conflict(team, action, state):
    assessment, people = team
    _bring(assessment, 16, state, people["coordinator"])
    with pytest.raises(ConflictError):
        _move(assessment, 16, action, people["coordinator"], note="x")


def test_sending_back_needs_a_note_and_keeps_it(team):
    assessment, people = team
    _bring(assessment, 16, "filled", people["coordinator"])
    with pytest.raises(ValidationFailedError) as refused:
        _move(assessment, 16, "return", people["responsible"], note="  ")
    assert "note" in refused.value.errors
    back = _move(assessment, 16, "return", people["responsible"],
                 note="Lampirkan berita acara integrasi")
    assert back.state is models.IndicatorState.NOT_FILLED
    assert back.state_note == "Lampirkan berita acara integrasi"


def test_a_staff_member_assigned_indicator_16_cannot_touch_13(team):
    assessment, people = team
    staff = people["staff"]
    score = indicator_score(assessment, 16)
    assessments.set_indicator(assessment.id, 16, {"note": "Sudah lewat SPLP"}, actor=staff,
                              expected_version=score.version)
    evidence.upload_evidence(assessment.id, 16, "ba.pdf", pdf_document("BA"), actor=staff)
    _move(assessment, 16, "fill", staff)
    thirteen = indicator_score(assessment, 13)
    with pytest.raises(PermissionDeniedError, match="bukan tim indikator 13"):
        assessments.set_indicator(assessment.id, 13, {"note": "x"}, actor=staff,
                                  expected_version=thirteen.version)
    with pytest.raises(PermissionDeniedError):
        evidence.upload_evidence(assessment.id, 13, "x.pdf", pdf_document("x"), actor=staff)
    with pytest.raises(PermissionDeniedError):
        _move(assessment, 13, "fill", staff)
    assert indicator_score(assessment, 13).note is None
    assert not indicator_score(assessment, 13).attachments


def test_a_checked_indicator_is_locked_until_it_is_sent_back(team):
    assessment, people = team
    _bring(assessment, 16, "checked", people["coordinator"])
    score = indicator_score(assessment, 16)
    with pytest.raises(ConflictError, match="diperiksa"):
        assessments.set_indicator(assessment.id, 16, {"note": "x"}, actor=people["staff"],
                                  expected_version=score.version)
    _move(assessment, 16, "return", people["responsible"], note="Tambah bukti")
    assessments.set_indicator(assessment.id, 16, {"note": "ditambah"}, actor=people["staff"],
                              expected_version=indicator_score(assessment, 16).version)


def test_only_the_coordinator_sends_and_only_when_every_indicator_is_checked(team):
    assessment, people = team
    for who in ("admin", "architect", "responsible"):
        with pytest.raises(PermissionDeniedError, match="Koordinator"):
            assessments.finalise(assessment.id, actor=people[who],
                                 expected_version=assessment.version)
    with pytest.raises(ConflictError, match="belum diperiksa") as waiting:
        assessments.finalise(assessment.id, actor=people["coordinator"],
                             expected_version=assessment.version)
    assert "1, 2, 3" in waiting.value.message
    for number in range(1, 21):
        _bring(assessment, number, "checked", people["coordinator"])
    _move(assessment, 5, "finalise", people["coordinator"])
    sent = assessments.finalise(assessment.id, actor=people["coordinator"],
                                expected_version=assessment.version)
    assert sent.status is models.AssessmentStatus.FINAL
    assert {s.state for s in sent.scores} == {models.IndicatorState.FINAL}


def test_the_coordinator_hands_over_and_then_may_no_longer_send(team):
    assessment, people = team
    with pytest.raises(PermissionDeniedError):
        assessment_team.set_coordinator(assessment.id, people["architect"].id,
                                        actor=people["responsible"],
                                        expected_version=assessment.version)
    with pytest.raises(ValidationFailedError):
        assessment_team.set_coordinator(assessment.id, people["staff"].id,
                                        actor=people["coordinator"],
                                        expected_version=assessment.version)
    handed = assessment_team.set_coordinator(assessment.id, people["architect"].id,
                                             actor=people["coordinator"],
                                             expected_version=assessment.version)
    assert handed.coordinator_id == people["architect"].id
    with pytest.raises(PermissionDeniedError):
        assessments.finalise(assessment.id, actor=people["coordinator"],
                             expected_version=handed.version)


# -- external assessment ------------------------------------------------------------------------


def _sent(team):
    assessment, people = team
    for number in range(1, 21):
        _bring(assessment, number, "checked", people["coordinator"])
    return assessments.finalise(assessment.id, actor=people["coordinator"],
                                expected_version=assessment.version)


def test_the_asesor_records_document_and_interview_levels_on_a_sent_assessment(team):
    assessment, people = team
    score = indicator_score(assessment, 16)
    with pytest.raises(ConflictError, match="belum dikirim"):
        assessment_team.record_external(assessment.id, 16, {"document_level": 2},
                                        actor=people["asesor"], expected_version=score.version)
    sent = _sent(team)
    for who in ("coordinator", "admin", "viewer", "architect"):
        with pytest.raises(PermissionDeniedError):
            assessment_team.record_external(sent.id, 16, {"document_level": 2},
                                            actor=people[who],
                                            expected_version=indicator_score(sent, 16).version)
    before = assessments.scorecard(assessments.get_assessment(sent.id)).stages
    assert [s.result is None for s in before] == [False, True, True]
    saved = assessment_team.record_external(
        sent.id, 16, {"document_level": 3, "improvement_note": "Lampirkan BA integrasi SPLP"},
        actor=people["asesor"], expected_version=indicator_score(sent, 16).version)
    assert (saved.document_level, saved.improvement_note, saved.external_by_id) == (
        3, "Lampirkan BA integrasi SPLP", people["asesor"].id)
    assessment_team.record_external(sent.id, 16, {"interview_level": 4},
                                    actor=people["asesor"],
                                    expected_version=indicator_score(sent, 16).version)
    stages = {s.stage: s for s in assessments.scorecard(assessments.get_assessment(sent.id))
              .stages}
    self_level = indicator_score(sent, 16).level
    weight = assessments.instrument_of(sent).indicator(16).weight
    assert stages["document"].assessed == 1
    assert stages["interview"].assessed == 1
    assert float(stages["document"].result.value - stages["self"].result.value) \
        == pytest.approx(float((3 - self_level) * weight / 100))
    assert float(stages["interview"].result.value - stages["self"].result.value) \
        == pytest.approx(float((4 - self_level) * weight / 100))
    with pytest.raises(ValidationFailedError):
        assessment_team.record_external(sent.id, 16, {"document_level": 6},
                                        actor=people["asesor"],
                                        expected_version=indicator_score(sent, 16).version)
