"""Each year scored with the instrument in force (59/2020, then Pemdi): the services."""

from datetime import date

import pytest

from registry.errors import PermissionDeniedError, ValidationFailedError
from registry.services import assessments, changelog


def test_copy_forward_into_the_pemdi_carries_evidence_to_mapped_indicators(agency):
    last = assessments.open_assessment(agency.id, 2025, actor=None)
    assert last.instrument_id == "permenpanrb-59-2020"
    assert len(last.scores) == 47
    for number, label in ((18, "Konfigurasi SPLP"), (7, "Pergub SPLP"), (42, "Laporan LAPOR")):
        score = assessments.score_of(last, number)
        assessments.set_indicator(last.id, number, {
            "entered_level": 3, "override_reason": "dinilai", "note": f"catatan {number}",
            "evidence": [{"label": label, "url": None}]}, actor=None,
            expected_version=score.version)
    assessments.finalise(last.id, actor=None, expected_version=last.version)
    new = assessments.copy_forward(last.id, actor=None)
    assert new.instrument_id == "permenpanrb-8-2026"
    assert len(new.scores) == 20
    integration = assessments.score_of(new, 16)  # maps from 7 and 18
    assert [e["label"] for e in integration.evidence] == ["Pergub SPLP", "Konfigurasi SPLP"]
    assert "catatan 18" in integration.note
    assert integration.entered_level is None
    assert all(s.to_reassess for s in new.scores)
    card = assessments.scorecard(new)
    assert card.previous_result is None  # never subtracted across instruments
    assert card.previous_instrument.id == "permenpanrb-59-2020"
    assert card.previous_other
    # the assessor's save clears the mark
    assessments.set_indicator(new.id, 16, {"note": "diperiksa"}, actor=None,
                              expected_version=integration.version)
    assert not assessments.score_of(new, 16).to_reassess


def test_an_admin_may_choose_another_instrument_with_a_reason(agency, make_user):
    admin, architect = make_user("admin"), make_user("architect")
    with pytest.raises(PermissionDeniedError):
        assessments.open_assessment(agency.id, 2026, actor=architect,
                                    instrument_id="permenpanrb-59-2020", reason="x")
    with pytest.raises(ValidationFailedError) as error:
        assessments.open_assessment(agency.id, 2026, actor=admin,
                                    instrument_id="permenpanrb-59-2020")
    assert "reason" in error.value.errors
    with pytest.raises(ValidationFailedError) as error:
        assessments.open_assessment(agency.id, 2026, actor=admin, instrument_id="nope",
                                    reason="x")
    assert "instrument_id" in error.value.errors
    opened = assessments.open_assessment(agency.id, 2026, actor=admin,
                                         instrument_id="permenpanrb-59-2020",
                                         reason="Uji coba pembanding")
    assert opened.instrument_id == "permenpanrb-59-2020"
    assert len(opened.scores) == 47
    [entry] = changelog.history("assessments", opened.id)
    assert entry.reason == "Uji coba pembanding"
    changed = assessments.change_instrument(opened.id, "permenpanrb-8-2026", actor=admin,
                                            reason="Kembali ke instrumen yang berlaku",
                                            expected_version=opened.version)
    assert len(changed.scores) == 20
    assert changed.instrument_id == "permenpanrb-8-2026"
    assert changelog.history("assessments", opened.id)[0].reason.startswith("Kembali")


def test_a_value_another_authority_computes_needs_its_source_and_date(agency):
    opened = assessments.open_assessment(agency.id, 2026, actor=None)
    security = assessments.score_of(opened, 10)  # Keamanan Pemdi: BSSN
    with pytest.raises(ValidationFailedError) as error:
        assessments.set_indicator(opened.id, 10, {"entered_level": 3}, actor=None,
                                  expected_version=security.version)
    assert set(error.value.errors) == {"source_name", "source_date"}
    saved = assessments.set_indicator(
        opened.id, 10, {"entered_level": 3, "source_name": "BSSN",
                        "source_date": date(2026, 9, 1)},
        actor=None, expected_version=security.version)
    assert (saved.level, saved.source_name) == (3, "BSSN")


def test_a_past_year_is_scored_as_it_stood_at_its_end(agency, make_application, make_user):
    """Issue 16: entering next year's data does not move last year's computed levels."""
    from arch_models.reference.instrument import default_instrument
    from registry.services import inventory, management
    from registry.services.scoring_facts import computed_levels

    architect = make_user("architect")
    old = make_application(name="SIMDA", consulted_ict_unit_on=date(2020, 1, 1),
                           ict_controlled=True, started_on=date(2020, 1, 1))
    management.record_review(old.id, {"reviewed_on": date(2025, 6, 1), "reviewer": "Tim TIK",
                                      "followup_document": "SK 1/2025"}, actor=architect)
    before = {n: c.level for n, c in computed_levels(agency.id, 2025,
                                                     default_instrument()).items()}
    # 2026: a new review, a new application, the old one retired
    management.record_review(old.id, {"reviewed_on": date(2026, 3, 1), "reviewer": "Tim TIK"},
                             actor=architect)
    make_application(name="Baru", started_on=date(2026, 2, 1))
    inventory.retire_application(old.id, actor=architect, retired_on=date(2026, 4, 1))
    after = {n: c.level for n, c in computed_levels(agency.id, 2025,
                                                    default_instrument()).items()}
    assert after == before
    assert before[15] >= 2


def test_switching_instrument_keeps_the_old_scores_in_the_change_log(agency, make_user):
    admin = make_user("admin")
    opened = assessments.open_assessment(agency.id, 2026, actor=admin)
    score = assessments.score_of(opened, 20)
    assessments.set_indicator(opened.id, 20, {"entered_level": 3, "note": "survei SKM",
                                              "evidence": [{"label": "Laporan SKM", "url": None}]},
                              actor=admin, expected_version=score.version)
    assessments.change_instrument(opened.id, "permenpanrb-59-2020", actor=admin,
                                  reason="Pembanding", expected_version=opened.version)
    entry = changelog.history("assessments", opened.id)[0]
    kept = {row["indicator"]: row for row in entry.before["scores"]}
    assert kept[20]["entered_level"] == 3
    assert kept[20]["note"] == "survei SKM"
    assert kept[20]["evidence"] == [{"label": "Laporan SKM", "url": None}]
