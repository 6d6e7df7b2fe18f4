"""The score, blockers and check-instrument commands under both instruments."""

import json

from registry.services import assessments, integrations


def test_score_json_of_2026_is_the_indeks_pemdi_and_2025_the_47_indicators(runner, agency):
    result = runner.invoke(args=["score", "--agency", agency.code, "--year", "2026", "--json"])
    assert result.exit_code == 0, result.output
    doc = json.loads(result.output)
    assert doc["instrument"] == "permenpanrb-8-2026"
    assert doc["index_name"] == "Indeks Pemdi"
    assert [row["number"] for row in doc["indicators"]] == list(range(1, 21))
    assert all(1 <= row["level"] <= 5 and row["level_name"] for row in doc["indicators"])
    assert len(doc["aspects"]) == 7
    assert doc["domains"] == []
    assert (doc["index"], doc["predicate"]) == (1.0, "Kurang")
    old = json.loads(runner.invoke(args=["score", "--agency", agency.code, "--year", "2025",
                                         "--json"]).output)
    assert old["instrument"] == "permenpanrb-59-2020"
    assert len(old["indicators"]) == 47


def test_blockers_json_names_the_instrument_and_caps_pemdi_integration(
        runner, agency, make_application):
    one, two = make_application(name="SIMDA"), make_application(name="e-Budgeting")
    integrations.create_link({"provider_id": one.id, "consumer_id": two.id,
                              "channel": "direct_api", "status": "active"}, actor=None)
    doc = json.loads(runner.invoke(args=["blockers", "--agency", agency.code, "--json"]).output)
    assert doc["instrument"] == "permenpanrb-8-2026"
    capped = {b["indicator"] for b in doc["blockers"]}
    assert 16 in capped
    assert doc["indicators"]["16"] == "Integrasi Aplikasi"
    assert not capped & {17, 29, 30, 31}  # no 59/2020 numbers this year
    old = json.loads(runner.invoke(args=["blockers", "--agency", agency.code, "--year", "2025",
                                         "--json"]).output)
    assert old["instrument"] == "permenpanrb-59-2020"
    assert "link_point_to_point" in {b["rule_id"] for b in old["blockers"] if b["indicator"] == 18}


def test_score_json_and_the_scorecard_agree_with_the_band_of_the_value_shown(
        runner, client, auth, agency):
    """Issue 16: 2.5995 is shown 2.60 and is Baik everywhere (levels summing 29/26/29/25/15
    over the weight groups 1.3/2.5/1.5/2.75/3 of 59/2020).
    """
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
        assert result.exit_code == 0, result.output
        assert "Dapat dipakai" in result.output, result.output
    pemdi = runner.invoke(args=["check-instrument", str(BUILT_IN_FILES[1])]).output
    assert "tanpa domain, 7 aspek, 20 indikator" in pemdi
    assert "Indeks Pemdi" in pemdi
    raw = json.loads(BUILT_IN_FILES[1].read_text(encoding="utf-8"))
    raw["indicators"][0]["rule"] = "astrology"
    broken = tmp_path / "pemdi.json"
    broken.write_text(json.dumps(raw), encoding="utf-8")
    refused = runner.invoke(args=["check-instrument", str(broken)])
    assert refused.exit_code == 1
    assert "aturan 'astrology' tidak dikenal" in refused.output
