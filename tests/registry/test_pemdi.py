"""Each year is scored with the instrument in force: 59/2020 through 2025, the Indeks Pemdi of
8/2026 from 2026; the CLI, the API, the pages, copy forward and the admin's choice follow it."""

import json
from datetime import date

import pytest

from registry.errors import PermissionDeniedError, ValidationFailedError
from registry.services import assessments, changelog, integrations


def test_score_json_of_2026_is_the_indeks_pemdi_and_2025_the_47_indicators(runner, agency):
    result = runner.invoke(args=["score", "--agency", agency.code, "--year", "2026", "--json"])
    assert result.exit_code == 0, result.output
    doc = json.loads(result.output)
    assert doc["instrument"] == "permenpanrb-8-2026" and doc["index_name"] == "Indeks Pemdi"
    assert [row["number"] for row in doc["indicators"]] == list(range(1, 21))
    assert all(1 <= row["level"] <= 5 and row["level_name"] for row in doc["indicators"])
    assert len(doc["aspects"]) == 7 and doc["domains"] == []
    assert (doc["index"], doc["predicate"]) == (1.0, "Kurang")
    old = json.loads(runner.invoke(args=["score", "--agency", agency.code, "--year", "2025",
                                         "--json"]).output)
    assert old["instrument"] == "permenpanrb-59-2020" and len(old["indicators"]) == 47


def test_blockers_json_names_the_instrument_and_caps_pemdi_integration(
        runner, agency, make_application):
    one, two = make_application(name="SIMDA"), make_application(name="e-Budgeting")
    integrations.create_link({"provider_id": one.id, "consumer_id": two.id,
                              "channel": "direct_api", "status": "active"}, actor=None)
    doc = json.loads(runner.invoke(args=["blockers", "--agency", agency.code, "--json"]).output)
    assert doc["instrument"] == "permenpanrb-8-2026"
    capped = {b["indicator"] for b in doc["blockers"]}
    assert 16 in capped and doc["indicators"]["16"] == "Integrasi Aplikasi"
    assert not capped & {17, 29, 30, 31}  # no 59/2020 numbers this year
    old = json.loads(runner.invoke(args=["blockers", "--agency", agency.code, "--year", "2025",
                                         "--json"]).output)
    assert old["instrument"] == "permenpanrb-59-2020"
    assert "link_point_to_point" in {b["rule_id"] for b in old["blockers"] if b["indicator"] == 18}


def test_copy_forward_into_the_pemdi_carries_evidence_to_mapped_indicators(agency):
    last = assessments.open_assessment(agency.id, 2025, actor=None)
    assert last.instrument_id == "permenpanrb-59-2020" and len(last.scores) == 47
    for number, label in ((18, "Konfigurasi SPLP"), (7, "Pergub SPLP"), (42, "Laporan LAPOR")):
        score = assessments.score_of(last, number)
        assessments.set_indicator(last.id, number, {
            "entered_level": 3, "override_reason": "dinilai", "note": f"catatan {number}",
            "evidence": [{"label": label, "url": None}]}, actor=None,
            expected_version=score.version)
    assessments.finalise(last.id, actor=None, expected_version=last.version)
    new = assessments.copy_forward(last.id, actor=None)
    assert new.instrument_id == "permenpanrb-8-2026" and len(new.scores) == 20
    integration = assessments.score_of(new, 16)  # maps from 7 and 18
    assert [e["label"] for e in integration.evidence] == ["Pergub SPLP", "Konfigurasi SPLP"]
    assert "catatan 18" in integration.note and integration.entered_level is None
    assert all(s.to_reassess for s in new.scores)
    card = assessments.scorecard(new)
    assert card.previous_result is None  # never subtracted across instruments
    assert card.previous_instrument.id == "permenpanrb-59-2020" and card.previous_other
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
    assert opened.instrument_id == "permenpanrb-59-2020" and len(opened.scores) == 47
    [entry] = changelog.history("assessments", opened.id)
    assert entry.reason == "Uji coba pembanding"
    changed = assessments.change_instrument(opened.id, "permenpanrb-8-2026", actor=admin,
                                            reason="Kembali ke instrumen yang berlaku",
                                            expected_version=opened.version)
    assert len(changed.scores) == 20 and changed.instrument_id == "permenpanrb-8-2026"
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


def test_score_all_scores_each_agency_with_its_own_instrument(client, agency, token_for):
    assessments.open_assessment(agency.id, 2026, actor=None)
    viewer = token_for("viewer")
    listed = client.get("/api/v1/scores?year=2026", headers=viewer).json
    assert [(r["agency"], r["index"], r["predicate"]) for r in listed] == [
        ("CONTOHPROV", 1.0, "Kurang")]
    api = client.get(f"/api/v1/score?agency={agency.code}&year=2026", headers=viewer).json
    assert api["instrument"] == "permenpanrb-8-2026" and len(api["indicators"]) == 20


def test_pages_show_each_instrument_with_its_own_words(client, auth, agency):
    last = assessments.open_assessment(agency.id, 2025, actor=None)
    assessments.finalise(last.id, actor=None, expected_version=last.version)
    new = assessments.copy_forward(last.id, actor=None)
    auth.login("admin")
    card = client.get(f"/assessments/{new.id}").text
    assert "Kartu Skor Indeks Pemdi 2026" in card and "Merintis" in card
    assert "Aspek 7: Kepuasan Pengguna Layanan Digital Pemerintah" in card
    assert "tidak dapat dikurangkan" in card and "Nilai ulang" in card
    assert "Pakai instrumen lain" in card
    listing = client.get(f"/assessments?agency={agency.id}").text
    assert 'id="by-instrument"' in listing and "Indeks SPBE" in listing
    report = client.get(f"/assessments/{new.id}/report").text
    assert "Laporan Penilaian Mandiri Indeks Pemdi 2026" in report
    old = client.get(f"/assessments/{last.id}").text
    assert "Kartu Skor Indeks SPBE 2025" in old and "Domain 4" in old
    indicator = client.get(f"/assessments/{new.id}/indicators/5").text
    assert 'name="source_date"' in indicator and "Bappenas" in indicator
    blockers = client.get("/integrations/blockers?year=2025").text
    assert "PermenPANRB 59/2020" in blockers
    assert client.get("/integrations/blockers?year=20x5").status_code == 400


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
    assert after == before and before[15] >= 2


def test_score_json_and_the_scorecard_agree_with_the_band_of_the_value_shown(
        runner, client, auth, agency):
    """Issue 16: 2.5995 is shown 2.60 and is Baik everywhere (levels summing 29/26/29/25/15
    over the weight groups 1.3/2.5/1.5/2.75/3 of 59/2020)."""
    from decimal import Decimal

    from registry.extensions import db

    opened = assessments.open_assessment(agency.id, 2025, actor=None)
    used = assessments.instrument_of(opened)
    totals = {Decimal("1.3"): 29, Decimal("2.5"): 26, Decimal("1.5"): 29, Decimal("2.75"): 25,
              Decimal("3"): 15}
    for weight, total in totals.items():
        numbers = [i.number for i in used.indicators if i.weight == weight]
        base, extra = divmod(total, len(numbers))
        for position, number in enumerate(numbers):
            score = assessments.score_of(opened, number)
            score.computed_level = None
            score.entered_level = base + (1 if position < extra else 0)
    db.session.commit()
    doc = json.loads(runner.invoke(args=["score", "--agency", agency.code, "--year", "2025",
                                         "--json"]).output)
    assert (doc["index_rounded"], doc["predicate"]) == (2.6, "Baik")
    auth.login("viewer")
    page = client.get(f"/assessments/{opened.id}").text
    assert '<div class="display-5 fw-semibold" id="index-value">2.60</div>' in page
    assert '<strong id="predicate">Baik</strong>' in page
    assert "per 31 Des 2025" in page or "per 31 Dec 2025" in page


def test_check_instrument_accepts_both_shapes_and_names_an_unknown_rule(runner, tmp_path):
    from arch_models.reference.instrument import BUILT_IN_FILES

    for path in BUILT_IN_FILES:
        result = runner.invoke(args=["check-instrument", str(path)])
        assert result.exit_code == 0 and "Dapat dipakai" in result.output, result.output
    pemdi = runner.invoke(args=["check-instrument", str(BUILT_IN_FILES[1])]).output
    assert "tanpa domain, 7 aspek, 20 indikator" in pemdi and "Indeks Pemdi" in pemdi
    raw = json.loads(BUILT_IN_FILES[1].read_text(encoding="utf-8"))
    raw["indicators"][0]["rule"] = "astrology"
    broken = tmp_path / "pemdi.json"
    broken.write_text(json.dumps(raw), encoding="utf-8")
    refused = runner.invoke(args=["check-instrument", str(broken)])
    assert refused.exit_code == 1 and "aturan 'astrology' tidak dikenal" in refused.output


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
    assert kept[20]["entered_level"] == 3 and kept[20]["note"] == "survei SKM"
    assert kept[20]["evidence"] == [{"label": "Laporan SKM", "url": None}]


def test_every_view_of_blockers_follows_the_instrument_an_admin_chose(
        client, auth, agency, unit, make_user, make_application):
    from registry.services import analysis, desk

    one, two = make_application(name="SIMDA"), make_application(name="e-Budgeting")
    integrations.create_link({"provider_id": one.id, "consumer_id": two.id,
                              "channel": "direct_api", "status": "active"}, actor=None)
    assessments.open_assessment(agency.id, 2026, actor=make_user("admin"),
                                instrument_id="permenpanrb-59-2020", reason="Pembanding")
    assert analysis.blocker_report(agency, year=2026).instrument.id == "permenpanrb-59-2020"
    steps = desk.desk(unit.id, year=2026).next_steps
    assert any("point-to-point" in step and "indikator 18" in step for step in steps)
    auth.login("viewer")
    page = client.get(f"/opd-scorecard?year=2026&agency={agency.id}").text
    assert "Indeks SPBE" in page
