"""Self-assessments through the service: computed levels from the database, overrides,
finalising, copying forward, and the score document the CLI and API print.
"""

from datetime import date
from decimal import Decimal

import pytest

from arch_models.reference.instrument import default_instrument
from registry import models
from registry.errors import ConflictError, PermissionDeniedError, ValidationFailedError
from registry.services import assessments, changelog, documents, management, roadmap
from registry.services.scoring_facts import agency_facts

YEAR = 2025


def _policy(agency, kind, **values):
    data = {"number": "Pergub 1/2023", "issued_on": date(2023, 1, 2)} | values
    return documents.save_document(agency.id, kind, data, actor=None)


def test_opening_takes_the_computed_levels_and_leaves_the_rest_to_the_assessor(agency):
    _policy(agency, "kebijakan_pusat_data", complete=True, beyond_instansi=True,
            last_review_on=date(2025, 2, 1), review_followup="Pergub 9/2025")
    management.save_area(agency.id, "audit_security", {"status": "guided"}, actor=None)
    opened = assessments.open_assessment(agency.id, YEAR, actor=None)
    scores = {s.indicator: s for s in opened.scores}
    assert len(scores) == 47
    assert scores[5].computed_level == 5
    assert scores[5].source == "computed"
    assert scores[31].computed_level <= 3  # guided, but no audit record caps it
    assert scores[3].computed_level is None
    assert scores[3].source == "missing"
    assert scores[3].level == 1
    assert scores[5].explanation["met"]
    assert scores[5].explanation["not_met"] == []


def test_a_policy_reviewed_too_long_ago_does_not_count_as_reviewed(agency):
    _policy(agency, "kebijakan_arsitektur", complete=True, beyond_instansi=True,
            last_review_on=date(2022, 5, 1), review_followup="Pergub 2/2022")
    facts = agency_facts(agency.id, YEAR, default_instrument())
    assert facts.documents["kebijakan_arsitektur"].reviewed is False
    assert assessments.open_assessment(agency.id, YEAR, actor=None).scores[0].computed_level == 3


def test_a_draft_policy_without_number_or_date_stays_at_level_1(agency):
    documents.save_document(agency.id, "kebijakan_audit_tik", {"complete": True}, actor=None)
    opened = assessments.open_assessment(agency.id, YEAR, actor=None)
    assert assessments.score_of(opened, 9).computed_level == 1


def test_roadmap_facts_count_content_areas_and_budgeted_years(agency, unit):
    for n, year in enumerate((2023, 2024, 2025)):
        roadmap.create_initiative({
            "code": f"INI-{n}", "title": f"Inisiatif {n}", "content_area": "application",
            "owner_unit_id": unit.id, "start_year": year, "end_year": year,
            "years": [{"year": year, "target": "Target", "program_code": "2.16.01",
                       "amount": Decimal("1000000")}],
        }, actor=None)
    facts = agency_facts(agency.id, YEAR, default_instrument())
    assert facts.roadmap_areas == {"application"}
    assert facts.roadmap_budgeted_years == 3
    assert agency_facts(agency.id, 2024, default_instrument()).roadmap_budgeted_years == 2


def test_an_override_needs_a_reason_and_both_levels_stay(agency):
    opened = assessments.open_assessment(agency.id, YEAR, actor=None)
    score = assessments.score_of(opened, 16)
    with pytest.raises(ValidationFailedError) as caught:
        assessments.set_indicator(opened.id, 16, {"entered_level": score.computed_level + 1},
                                  actor=None, expected_version=score.version)
    assert "override_reason" in caught.value.errors
    saved = assessments.set_indicator(
        opened.id, 16, {"entered_level": 3, "override_reason": "PDN dipakai sejak Juli",
                        "evidence": [{"label": "BA PDN", "url": None}]},
        actor=None, expected_version=score.version)
    assert (saved.computed_level, saved.entered_level, saved.level) == (1, 3, 3)
    assert saved.source == "override"
    cleared = assessments.set_indicator(opened.id, 16, {"entered_level": None}, actor=None,
                                        expected_version=saved.version)
    assert cleared.level == 1
    assert cleared.override_reason is None
    assert [c.action.value for c in changelog.history("indicator_scores", score.id)] \
        == ["update", "update"]


def test_entering_a_level_where_nothing_is_computed_needs_no_reason(agency):
    opened = assessments.open_assessment(agency.id, YEAR, actor=None)
    score = assessments.score_of(opened, 36)
    saved = assessments.set_indicator(opened.id, 36, {"entered_level": 4}, actor=None,
                                      expected_version=score.version)
    assert saved.source == "entered"
    assert saved.level == 4


def test_a_stale_edit_is_refused(agency):
    opened = assessments.open_assessment(agency.id, YEAR, actor=None)
    read = assessments.score_of(opened, 36).version
    assessments.set_indicator(opened.id, 36, {"entered_level": 4}, actor=None,
                              expected_version=read)
    with pytest.raises(ConflictError):
        assessments.set_indicator(opened.id, 36, {"entered_level": 2}, actor=None,
                                  expected_version=read)


def test_a_final_assessment_is_read_only(agency, make_user):
    from registry.services import assessment_team

    architect = make_user("architect")
    opened = assessments.open_assessment(agency.id, YEAR, actor=architect)
    for score in opened.scores:  # the Koordinator (who opened it) sends once all are checked
        for action in ("fill", "check"):
            assessment_team.move_indicator(opened.id, score.indicator, action, actor=architect,
                                           expected_version=score.version)
    final = assessments.finalise(opened.id, actor=architect, expected_version=opened.version)
    assert final.status is models.AssessmentStatus.FINAL
    assert final.finalised_by_id == architect.id
    score = assessments.score_of(final, 36)
    with pytest.raises(ConflictError, match="sudah final"):
        assessments.set_indicator(final.id, 36, {"entered_level": 4}, actor=architect,
                                  expected_version=score.version)
    with pytest.raises(ConflictError, match="sudah final"):
        assessments.refresh_computed(final.id, actor=architect, expected_version=final.version)
    with pytest.raises(ConflictError, match="sudah final"):
        assessments.finalise(final.id, actor=architect, expected_version=final.version)


def test_copy_forward_carries_the_assessors_work_and_recomputes(agency):
    opened = assessments.open_assessment(agency.id, 2024, actor=None)
    score = assessments.score_of(opened, 36)
    assessments.set_indicator(opened.id, 36, {"entered_level": 4, "note": "SIMPEG terpadu",
                                              "evidence": [{"label": "BA", "url": None}]},
                              actor=None, expected_version=score.version)
    _policy(agency, "kebijakan_aplikasi")
    copied = assessments.copy_forward(opened.id, actor=None)
    assert copied.year == 2025
    assert copied.status is models.AssessmentStatus.DRAFT
    carried = assessments.score_of(copied, 36)
    assert (carried.level, carried.note, carried.evidence) == (4, "SIMPEG terpadu",
                                                               [{"label": "BA", "url": None}])
    assert assessments.score_of(copied, 4).computed_level == 2  # the policy recorded since
    with pytest.raises(ConflictError, match="sudah ada"):
        assessments.copy_forward(opened.id, actor=None)


def test_refresh_takes_new_facts_and_logs_what_changed(agency):
    opened = assessments.open_assessment(agency.id, YEAR, actor=None)
    assert assessments.score_of(opened, 6).computed_level == 1
    _policy(agency, "kebijakan_jaringan_intra", complete=True)
    refreshed = assessments.refresh_computed(opened.id, actor=None,
                                             expected_version=opened.version)
    assert assessments.score_of(refreshed, 6).computed_level == 3
    last = changelog.history("assessments", opened.id)[0]
    assert last.after == {"computed_levels": {"6": 3}}  # JSON keys are text


@pytest.mark.parametrize("year", [2017, 2101])
def test_years_out_of_range_are_refused(agency, year):
    with pytest.raises(ValidationFailedError) as caught:
        assessments.open_assessment(agency.id, year, actor=None)
    assert "year" in caught.value.errors


def test_one_assessment_per_agency_and_year(agency):
    assessments.open_assessment(agency.id, YEAR, actor=None)
    with pytest.raises(ConflictError):
        assessments.open_assessment(agency.id, YEAR, actor=None)


@pytest.mark.parametrize("role", ["viewer", "opd_operator"])
def test_only_assessors_may_write(agency, make_user, role):
    with pytest.raises(PermissionDeniedError):
        assessments.open_assessment(agency.id, YEAR, actor=make_user(role))


def test_scorecard_scores_and_compares_with_last_year(agency):
    last = assessments.open_assessment(agency.id, 2024, actor=None)
    current = assessments.open_assessment(agency.id, 2025, actor=None)
    score = assessments.score_of(current, 36)
    assessments.set_indicator(current.id, 36, {"entered_level": 3}, actor=None,
                              expected_version=score.version)
    card = assessments.scorecard(assessments.get_assessment(current.id), changes={32: 5})
    assert card.previous.id == last.id
    assert card.result.value - card.previous_result.value == Decimal("0.0550")  # 2 × 2.75 / 100
    row = next(r for r in card.rows if r.indicator.number == 36)
    assert (row.level, row.previous, row.delta) == (3, 1, 2)
    assert card.what_if.value - card.result.value == Decimal("0.11")  # 4 × 2.75 / 100


def test_score_document_is_live_without_an_assessment_and_stored_with_one(agency):
    live = assessments.score_document(agency, YEAR)
    assert live["source"] == "live"
    assert len(live["indicators"]) == 47
    assert {r["source"] for r in live["indicators"]} == {"computed", "missing"}
    opened = assessments.open_assessment(agency.id, YEAR, actor=None)
    score = assessments.score_of(opened, 40)
    assessments.set_indicator(opened.id, 40, {"entered_level": 5}, actor=None,
                              expected_version=score.version)
    stored = assessments.score_document(agency, YEAR)
    assert stored["source"] == "assessment_draft"
    assert stored["index"] == pytest.approx(live["index"] + 4 * 2.75 / 100)
    assert [d["number"] for d in stored["domains"]] == [1, 2, 3, 4]


def test_score_all_scores_every_agency_of_the_year_from_the_stored_levels(agency):
    from registry.services import organisation

    other = organisation.create_agency({"code": "CONTOHKAB", "name": "Kabupaten Contoh",
                                        "kind": "kabupaten"}, actor=None)
    first = assessments.open_assessment(agency.id, YEAR, actor=None)
    assessments.open_assessment(other.id, YEAR, actor=None)
    assessments.open_assessment(other.id, YEAR - 1, actor=None)
    score = assessments.score_of(first, 40)
    assessments.set_indicator(first.id, 40, {"entered_level": 5}, actor=None,
                              expected_version=score.version)
    scored = assessments.score_all(YEAR)
    assert set(scored) == {agency.id, other.id}
    assert scored[agency.id].value == assessments.scorecard(first).result.value
    assert scored[agency.id].value - scored[other.id].value == Decimal("0.11")
