"""The instrument as data and the index: published facts pinned, bad instruments refused."""

import copy
import json
from decimal import Decimal

import pytest

from arch_models import scoring
from arch_models.reference.instrument import (
    BUILT_IN,
    InstrumentError,
    default_instrument,
    load_instrument,
)

INSTRUMENT = default_instrument()


def _levels(by_domain):
    return {i.number: by_domain[i.domain] for i in INSTRUMENT.indicators}


def test_built_in_instrument_has_47_indicators_summing_to_100():
    assert len(INSTRUMENT.indicators) == 47
    assert sum(i.weight for i in INSTRUMENT.indicators) == 100
    assert [d.weight for d in INSTRUMENT.domains] == [13, 25, Decimal("16.5"), Decimal("45.5")]
    assert INSTRUMENT.indicator(1).weight == Decimal("1.3")
    assert INSTRUMENT.indicator(47).weight == 3
    assert "konsultasi" in INSTRUMENT.indicator(15).levels[2]


@pytest.mark.parametrize(("value", "name"), [
    ("2.28", "Cukup"), ("2.60", "Baik"), ("1.79", "Kurang"), ("4.2", "Memuaskan"),
    ("3.5", "Sangat Baik"), ("5.0", "Memuaskan"), ("1.0", "Kurang"), ("3.49", "Baik"),
])
def test_published_predicates(value, name):
    assert scoring.predicate(value, INSTRUMENT) == name


def test_worked_example_gives_2_615_baik():
    result = scoring.index(_levels({1: 1, 2: 2, 3: 1, 4: 4}), INSTRUMENT)
    assert result.value == Decimal("2.615")
    assert result.predicate == "Baik"
    assert result.domains == {1: 1, 2: 2, 3: 1, 4: 4}
    assert result.rounded == Decimal("2.62")


def test_sub_indices_are_weight_normalised_means():
    levels = _levels({1: 1, 2: 1, 3: 1, 4: 1}) | {32: 5, 42: 3}
    result = scoring.index(levels, INSTRUMENT)
    # aspect 7 holds 32-41 at 2.75 each: (5 + 9 × 1) / 10
    assert result.aspects[7] == Decimal("1.4")
    # domain 4: (5×2.75 + 9×2.75 + 3×3 + 5×3) / 45.5
    assert result.domains[4] == (Decimal("5") * Decimal("2.75") + 9 * Decimal("2.75") + 9 + 15) / (
        Decimal("45.5"))


def test_missing_or_bad_levels_are_refused_with_the_indicator():
    levels = _levels({1: 1, 2: 1, 3: 1, 4: 1})
    with pytest.raises(ValueError, match="indikator 7"):
        scoring.index({k: v for k, v in levels.items() if k != 7}, INSTRUMENT)
    with pytest.raises(ValueError, match="Indikator 3"):
        scoring.index(levels | {3: 6}, INSTRUMENT)


def test_what_if_and_best_moves():
    levels = _levels({1: 2, 2: 2, 3: 2, 4: 2})
    base = scoring.index(levels, INSTRUMENT).value
    raised = scoring.what_if(levels, {42: 3}, INSTRUMENT).value
    assert raised - base == Decimal("0.03")
    best = scoring.best_moves({**levels, 44: 3}, INSTRUMENT, limit=6)
    assert all(INSTRUMENT.indicator(m.indicator).weight == 3 for m in best)  # service 42-47
    assert [m.indicator for m in best] == [42, 43, 45, 46, 47, 44]  # furthest behind first
    assert best[0].gain_per_level == best[0].index_gain == Decimal("0.03")
    assert (best[0].from_level, best[0].to_level) == (2, 3)
    assert scoring.best_moves(_levels({1: 5, 2: 5, 3: 5, 4: 5}), INSTRUMENT) == []


def test_next_level_gaps_quote_the_next_criteria():
    gaps = dict((n, text) for n, _level, text in scoring.next_level_gaps(
        _levels({1: 5, 2: 2, 3: 5, 4: 5}), INSTRUMENT))
    assert set(gaps) == set(range(11, 21))
    assert gaps[18].startswith("Seluruh OPD terintegrasi")


def _raw():
    return json.loads(BUILT_IN.read_text(encoding="utf-8"))


def test_instrument_with_weights_not_summing_to_100_is_refused():
    raw = _raw()
    raw["indicators"][0]["weight"] = 2
    with pytest.raises(InstrumentError, match="jumlah bobot indikator 100.7, seharusnya 100"):
        load_instrument(raw)


def test_instrument_with_duplicate_numbers_is_refused():
    raw = _raw()
    raw["indicators"][1]["number"] = 1
    with pytest.raises(InstrumentError, match="nomor indikator ganda: 1"):
        load_instrument(raw)


def test_instrument_with_overlapping_or_gapped_bands_is_refused():
    raw = _raw()
    overlap = copy.deepcopy(raw)
    overlap["predicates"][1]["max"] = 2.7
    with pytest.raises(InstrumentError, match="Cukup dan Baik bertumpang tindih"):
        load_instrument(overlap)
    gap = copy.deepcopy(raw)
    gap["predicates"][2]["min"] = 2.7
    with pytest.raises(InstrumentError, match="celah antara predikat Cukup dan Baik"):
        load_instrument(gap)


def test_instrument_with_missing_fields_or_levels_names_the_indicator(tmp_path):
    raw = _raw()
    del raw["indicators"][4]["name"]
    raw["indicators"][5]["levels"].pop("5")
    path = tmp_path / "instrumen.json"
    path.write_text(json.dumps(raw), encoding="utf-8")
    with pytest.raises(InstrumentError) as caught:
        load_instrument(path)
    assert "indikator 5: kolom name tidak ada" in str(caught.value)
    assert "indikator 6: level harus 1 sampai 5" in str(caught.value)


def test_a_second_instrument_loads_from_a_file(tmp_path):
    raw = _raw()
    raw["id"] = "ipd-2026"
    path = tmp_path / "ipd.json"
    path.write_text(json.dumps(raw), encoding="utf-8")
    assert load_instrument(path).id == "ipd-2026"


def test_a_second_instrument_loads_from_a_yaml_file(tmp_path):
    import yaml

    raw = _raw()
    raw["id"] = "ipd-2026-yaml"
    path = tmp_path / "ipd.yaml"
    path.write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    assert load_instrument(path).id == "ipd-2026-yaml"
    assert len(load_instrument(path).indicators) == 47


def test_a_broken_yaml_or_json_file_is_refused_with_its_format(tmp_path):
    broken = tmp_path / "rusak.yml"
    broken.write_text("indicators: [1, 2\n", encoding="utf-8")
    with pytest.raises(InstrumentError, match="bukan YAML yang sah"):
        load_instrument(broken)
    listed = tmp_path / "daftar.json"
    listed.write_text("[1, 2]", encoding="utf-8")
    with pytest.raises(InstrumentError, match="harus berisi satu objek"):
        load_instrument(listed)
