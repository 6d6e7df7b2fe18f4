"""The Indeks Pemdi of PermenPANRB 8/2026 (docs/reference.md §7) beside 59/2020: the instrument
as data, its predicate bands, the choice by year, and each computed rule on hand-made facts.
"""

import json
from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest

from arch_models import blockers, levels, scoring
from arch_models import landscape as ls
from arch_models.levels import AreaFacts, DocumentFacts, Facts
from arch_models.reference.documents import NATIONAL_DOMAINS
from arch_models.reference.instrument import (
    BUILT_IN_FILES,
    Catalogue,
    InstrumentError,
    built_in_instruments,
    load_instrument,
)
from arch_models.roadmap import CONTENT_AREAS
from tests.arch_models.conftest import AS_OF, app, landscape_of, link

OLD, PEMDI = built_in_instruments()


def test_pemdi_has_7_aspects_20_indicators_no_domains_and_weights_of_section_7():
    assert PEMDI.id == "permenpanrb-8-2026"
    assert PEMDI.domains == ()
    assert len(PEMDI.aspects) == 7
    assert len(PEMDI.indicators) == 20
    assert sum(i.weight for i in PEMDI.indicators) == 100
    for aspect in PEMDI.aspects:
        assert aspect.weight == sum(i.weight for i in PEMDI.indicators if i.aspect == aspect.number)
    assert [a.weight for a in PEMDI.aspects] == [10, 10, 15, 15, 10, 15, 25]
    assert [PEMDI.indicator(n).weight for n in (19, 20, 6, 18)] == [10, 15, 3, 3]
    assert PEMDI.level_names == ("Merintis", "Membangun", "Berkembang", "Melembaga", "Unggul")
    assert PEMDI.index_name == "Indeks Pemdi"
    assert OLD.index_name == "Indeks SPBE"


def test_the_year_chooses_the_instrument():
    catalogue = Catalogue(built_in_instruments())
    assert [catalogue.for_year(y).id for y in (2019, 2025, 2026, 2030)] == [
        "permenpanrb-59-2020", "permenpanrb-59-2020", "permenpanrb-8-2026", "permenpanrb-8-2026"]


@pytest.mark.parametrize("instrument", [OLD, PEMDI], ids=["59-2020", "8-2026"])
def test_every_indicator_at_3_gives_exactly_3_00_baik(instrument):
    result = scoring.index({i.number: 3 for i in instrument.indicators}, instrument)
    assert result.value == 3
    assert result.rounded == Decimal("3.00")
    assert result.predicate == "Baik"
    assert all(v == 3 for v in result.aspects.values())


@pytest.mark.parametrize(("value", "old", "new"), [
    ("2.55", "Cukup", "Baik"), ("4.1", "Sangat Baik", "Memuaskan"), ("1.49", "Kurang", "Kurang"),
    ("1.50", "Kurang", "Cukup"), ("3.49", "Baik", "Baik"), ("3.50", "Sangat Baik", "Sangat Baik"),
    ("3.99", "Sangat Baik", "Sangat Baik"), ("4.00", "Sangat Baik", "Memuaskan"),
    ("1.00", "Kurang", "Kurang"), ("5.00", "Memuaskan", "Memuaskan"),
])
def test_predicate_bands_of_both_instruments(value, old, new):
    assert scoring.predicate(value, OLD) == old
    assert scoring.predicate(value, PEMDI) == new


def _edges(instrument):
    return [band.low for band in instrument.predicates if band.low > 1]


@pytest.mark.parametrize("instrument", [OLD, PEMDI], ids=["59-2020", "8-2026"])
def test_at_every_band_edge_the_predicate_is_that_of_the_value_shown(instrument):
    bands = sorted(instrument.predicates, key=lambda b: b.low)
    for lower, upper in zip(bands, bands[1:], strict=False):
        edge = upper.low
        assert scoring.predicate(edge, instrument) == upper.name
        # x.x995 is shown as the edge (two decimals, half up), so it takes the edge's band ...
        assert scoring.predicate(edge - Decimal("0.0005"), instrument) == upper.name
        # ... while x.x949 is shown one hundredth below it.
        assert scoring.predicate(edge - Decimal("0.0051"), instrument) == lower.name


def test_2_5995_is_shown_2_60_and_is_baik_under_59_2020():
    # levels summing 29/26/29/25/15 over the weight groups 1.3/2.5/1.5/2.75/3 (issue 16)
    groups = {Decimal("1.3"): 29, Decimal("2.5"): 26, Decimal("1.5"): 29, Decimal("2.75"): 25,
              Decimal("3"): 15}
    chosen = {}
    for weight, total in groups.items():
        numbers = [i.number for i in OLD.indicators if i.weight == weight]
        base, extra = divmod(total, len(numbers))
        for position, number in enumerate(numbers):
            chosen[number] = base + (1 if position < extra else 0)
    result = scoring.index(chosen, OLD)
    assert result.value == Decimal("2.5995")
    assert (result.rounded, result.predicate) == (Decimal("2.60"), "Baik")


def test_worked_example_still_gives_2_615_under_59_2020():
    by_domain = {1: 1, 2: 2, 3: 1, 4: 4}
    result = scoring.index({i.number: by_domain[i.domain] for i in OLD.indicators}, OLD)
    assert result.value == Decimal("2.615")
    assert result.predicate == "Baik"


def _raw(path):
    return json.loads(path.read_text(encoding="utf-8"))


def test_both_shapes_load_and_a_mixed_one_is_refused():
    assert load_instrument(_raw(BUILT_IN_FILES[0])).domains  # with domains
    assert not load_instrument(_raw(BUILT_IN_FILES[1])).domains  # aspects only
    mixed = _raw(BUILT_IN_FILES[1])
    mixed["aspects"][0]["domain"] = 1
    with pytest.raises(InstrumentError, match="tidak memiliki domain"):
        load_instrument(mixed)
    wrong = _raw(BUILT_IN_FILES[1])
    wrong["aspects"][6]["weight"] = 24
    wrong["blocker_targets"]["galaxy"] = 16
    wrong["years"] = {"from": 2027, "until": 2026}
    with pytest.raises(InstrumentError) as error:
        load_instrument(wrong)
    text = str(error.value)
    assert "aspek 7: bobot 24" in text
    assert "galaxy tidak dikenal" in text
    assert "years.from 2027 sesudah years.until 2026" in text


def test_the_computed_pemdi_indicators_are_those_of_the_mapping_table():
    assert levels.computed_indicators(PEMDI) == (1, 2, 3, 9, 13, 14, 15, 16, 17, 18)
    assert levels.unknown_rules(PEMDI) == []
    assert {i.number for i in PEMDI.indicators if i.external} == {5, 6, 7, 10, 11, 12}
    assert PEMDI.indicator(16).maps_from == {"permenpanrb-59-2020": (7, 18)}


# --- each computed Pemdi rule climbs to each level on hand-made landscapes ----------------

REVIEWED = DocumentFacts(domains=frozenset(NATIONAL_DOMAINS), reviewed=True, followed_up=True)
#: an area proven at every step by dated records (AS_OF is 2026-11-01)
FULL_AREA = AreaFacts(status="improved", plan="Renstra", guideline="Pedoman 1/2025",
                      guideline_on=date(2025, 1, 1), reviewed_on=date(2026, 6, 1))
AREA_AT = {
    "none": AreaFacts(),
    "planned": AreaFacts(plan="Renstra"),
    "guided": AreaFacts(plan="Renstra", guideline="Pedoman", guideline_on=date(2025, 1, 1)),
    "reviewed": AreaFacts(plan="Renstra", guideline="Pedoman", guideline_on=date(2025, 1, 1),
                          reviewed_on=date(2026, 6, 1)),
}
UMUM = app(9, unit_id=2, kind=ls.AppKind.UMUM, code="SRIKANDI", name="SRIKANDI")


def _land(**overrides):
    values = {"apps": [app(1, reference_code="RAA.02.02", service_indicator=42), app(2, 2),
                       UMUM],
              "links": [link(1, 1, 2, data_exchanged="data pegawai"),
                        link(2, 9, 1, data_exchanged="surat")]}
    return landscape_of(**(values | overrides))


def _facts(land=None, **overrides):
    land = land or _land()
    values = {
        "landscape": land,
        "blockers": tuple(blockers.find_blockers(land, as_of=AS_OF,
                                                 targets=PEMDI.blocker_targets)),
        "documents": {"arsitektur_spbe": REVIEWED, "peta_rencana": REVIEWED,
                      "infrastructure": REVIEWED},
        "roadmap_areas": frozenset(CONTENT_AREAS),
        "areas": {a: FULL_AREA for a in ("risk", "change", "knowledge", "spbe_services",
                                         "audit_infrastructure", "audit_application",
                                         "audit_security", "competence")},
        "certified_units": frozenset({1, 2}),
        "published_apps": frozenset({1}),
        "as_of": AS_OF,
    }
    return Facts(**(values | overrides))


def _level(facts, number):
    return levels.compute_levels(facts, PEMDI)[number]


def test_a_compliant_landscape_reaches_level_5_where_the_registry_can_prove_it():
    computed = levels.compute_levels(_facts(), PEMDI)
    assert {n: c.level for n, c in computed.items()} == {
        1: 5, 2: 5, 3: 5, 9: 5, 13: 5, 14: 5, 15: 5, 16: 5, 17: 3, 18: 5}
    # 17: the national portal is not in the registry, and the criterion says so
    assert "penilai mengisi" in computed[17].not_met[0]
    assert computed[16].met[-1].startswith("Seluruh aplikasi yang berjalan terintegrasi (3 dari 3)")


DRAFT = DocumentFacts(domains=frozenset(NATIONAL_DOMAINS), reviewed=False)
PARTIAL = DocumentFacts(domains=frozenset({"application"}), reviewed=True, followed_up=True)
NOT_FOLLOWED = DocumentFacts(domains=frozenset(NATIONAL_DOMAINS), reviewed=True)


def _docs(**changed):
    return {"documents": {"arsitektur_spbe": REVIEWED, "peta_rencana": REVIEWED,
                          "infrastructure": REVIEWED} | changed}


def _areas(status, keys):
    return {"areas": {k: AREA_AT[status] for k in keys}}


SERVICE = ("risk", "change", "knowledge", "spbe_services")


def _audits(kind=ls.AuditorKind.EXTERNAL_CERTIFIED, followed=True, on=date(2026, 3, 1)):
    return tuple(ls.Audit(i, t, on, kind, followed_up=followed)
                 for i, t in enumerate(ls.AuditType, start=1))
AUDITS = ("audit_infrastructure", "audit_application", "audit_security")


@pytest.mark.parametrize(("number", "change", "level"), [
    (1, {"documents": {}}, 1),
    (1, _docs(arsitektur_spbe=PARTIAL), 2),
    (1, _docs(peta_rencana=DRAFT), 3),
    (1, _docs(peta_rencana=NOT_FOLLOWED), 4),
    (2, _areas("none", SERVICE), 1),
    (2, _areas("planned", SERVICE), 2),
    (2, _areas("guided", SERVICE), 3),
    (2, _areas("reviewed", SERVICE), 4),
    (3, {"certified_units": frozenset()}, 1),
    (3, {"certified_units": frozenset({1})}, 2),
    (3, _areas("guided", ("competence",)), 3),
    (3, _areas("reviewed", ("competence",)), 4),
    # 9: the audit records of the last two years prove the levels, the areas their plan
    (9, _areas("none", AUDITS) | {"landscape": _land(audits=())}, 1),
    (9, _areas("planned", AUDITS) | {"landscape": _land(audits=())}, 2),
    (9, _areas("planned", AUDITS), 2),  # audits, but no dated guideline
    (9, {"landscape": _land(audits=_audits(ls.AuditorKind.INTERNAL))}, 3),
    (9, {"landscape": _land(audits=_audits(followed=False))}, 4),
    (9, {"landscape": _land(audits=_audits(on=date(2024, 10, 1)))}, 2),  # older than 2 years
    (16, _docs(infrastructure=NOT_FOLLOWED), 4),
    (18, _docs(infrastructure=DRAFT), 3),
    (14, _docs(infrastructure=NOT_FOLLOWED), 4),
    (15, _docs(arsitektur_spbe=NOT_FOLLOWED), 4),
    (17, {"published_apps": frozenset()}, 1),
    (17, {"published_apps": frozenset({2})}, 2),
])
def test_document_and_area_facts_set_each_level(number, change, level):
    computed = _level(replace(_facts(), **change), number)
    assert computed.level == level
    assert len(computed.met) == level - 1
    assert computed.not_met or level == 5


@pytest.mark.parametrize(("number", "land", "level"), [
    # 13 Aplikasi: nothing recorded; one not consulted; one not reviewed this year; no follow-up
    (13, _land(apps=[], links=[]), 1),
    (13, _land(apps=[app(1, consulted_ict_unit_on=None), app(2, 2), UMUM]), 2),
    (13, _land(apps=[app(1, last_review_on=date(2025, 12, 31)), app(2, 2), UMUM]), 3),
    (13, _land(apps=[app(1, last_review_on=date(2027, 1, 1)), app(2, 2), UMUM]), 3),
    (13, _land(apps=[app(1, review_followup=""), app(2, 2), UMUM]), 4),
    # only Aplikasi Umum: nothing of the instansi's own to prove levels 3-5
    (13, _land(apps=[UMUM], links=[]), 2),
    # 14 Infrastruktur: no data centre; one app in an OPD server room; DC not on PDN
    (14, _land(apps=[app(1, hosting_id=None)], links=[]), 1),
    (14, _land(apps=[app(1), app(2, 2, hosting_id=2)],
               data_centers=(ls.DataCenter(1, "DC", "Pusat Data", ls.DataCenterKind.OWN,
                                           uses_pdn=True),
                             ls.DataCenter(2, "SR", "Ruang Server",
                                           ls.DataCenterKind.OPD_SERVER_ROOM))), 2),
    (14, _land(data_centers=(ls.DataCenter(1, "DC", "Pusat Data", ls.DataCenterKind.OWN,
                                           sop=True),)), 3),  # not connected to the PDN
    (14, _land(data_centers=(ls.DataCenter(1, "DC", "Pusat Data", ls.DataCenterKind.OWN,
                                           uses_pdn=True),)), 2),  # no operating SOP
    (14, _land(networks=(ls.Network(1, "Intra", frozenset({1})),)), 2),
    # 15 Keterpaduan: no cross-OPD exchange; one OPD left out; nothing beyond the instansi
    (15, _land(links=[link(1, 1, 1)]), 1),
    (15, _land(apps=[app(1), app(2, 2), app(3, 3), UMUM],
               units=(ls.Unit(1, "U1", "Satu"), ls.Unit(2, "U2", "Dua"),
                      ls.Unit(3, "U3", "Tiga"))), 2),
    (15, _land(links=[link(1, 1, 2, data_exchanged="x")]), 3),
    # 16 Integrasi: no bus; point-to-point; bus not on SPLP
    (16, _land(service_buses=()), 1),
    (16, _land(links=[link(1, 1, 2), link(2, 9, 1, ls.Channel.DIRECT_API)]), 2),
    (16, _land(service_buses=(ls.ServiceBus(1, "ESB"),)), 3),
    (16, _land(apps=[app(1), app(2, 2), app(3), UMUM]), 4),
    # 18 Interoperabilitas: nothing recorded as exchanged; one link without its data
    (18, _land(links=[link(1, 1, 2)]), 1),
    (18, _land(links=[link(1, 1, 2, data_exchanged="x"), link(2, 9, 1)]), 2),
    (18, _land(service_buses=(ls.ServiceBus(1, "ESB"),)), 3),
])
def test_landscape_facts_set_each_level(number, land, level):
    computed = _level(_facts(land), number)
    assert computed.level == level, (computed.met, computed.not_met)
    assert computed.not_met


def test_blockers_cap_pemdi_indicators_and_are_named_in_the_explanation():
    land = _land(links=[link(1, 1, 2, data_exchanged="x"),
                        link(2, 9, 1, ls.Channel.DIRECT_API, data_exchanged="surat")])
    computed = _level(_facts(land), 16)
    assert computed.level == 2
    assert [b.rule_id for b in computed.blockers] == ["link_point_to_point"]
    assert {b.indicator for b in blockers.find_blockers(
        land, as_of=AS_OF, targets=PEMDI.blocker_targets)} == {16}
