"""Computed levels climb the ladder on hand-made facts, and the blockers cap them."""

from dataclasses import replace
from datetime import date

import pytest

from arch_models import blockers, levels
from arch_models import landscape as ls
from arch_models.levels import AreaFacts, DocumentFacts, Facts
from arch_models.reference.documents import NATIONAL_DOMAINS, POLICY_INDICATORS
from arch_models.roadmap import CONTENT_AREAS
from tests.arch_models.conftest import AS_OF, app, landscape_of, link


def _facts(land=None, **overrides):
    land = land or landscape_of(apps=[app(1, reference_code="RAA.02.02"), app(2)],
                                links=[link(1, 1, 2)])
    values = {"landscape": land, "blockers": tuple(blockers.find_blockers(land, as_of=AS_OF)),
              "as_of": AS_OF}
    if "area_status" in overrides:
        overrides = overrides | {"areas": _areas(overrides.pop("area_status"))}
    return Facts(**(values | overrides))


def _area(status):
    """The dated records an area needs to prove the level its status names (none: nothing)."""
    records = {"planned": {"plan": "Renstra TIK 2024-2026"},
               "guided": {"guideline": "Pedoman No. 1/2025", "guideline_on": date(2025, 1, 1)},
               "reviewed": {"reviewed_on": date(2026, 6, 1)},
               "improved": {"status": "improved"}}
    values = {}
    for step in ("planned", "guided", "reviewed", "improved"):
        if STEPS.index(status) >= STEPS.index(step):
            values |= records[step]
    return AreaFacts(**values)


STEPS = ("none", "planned", "guided", "reviewed", "improved")


def _areas(statuses):
    return {key: _area(status) for key, status in statuses.items()}


REVIEWED_INFRASTRUCTURE = {"infrastructure": DocumentFacts(reviewed=True, followed_up=True)}


def test_a_compliant_landscape_reaches_level_5_on_15_to_18():
    computed = levels.compute_levels(_facts(documents=REVIEWED_INFRASTRUCTURE))
    assert {n: computed[n].level for n in (15, 16, 17, 18)} == {15: 5, 16: 5, 17: 5, 18: 5}
    assert len(computed[15].met) == 4
    assert computed[15].not_met == ()


@pytest.mark.parametrize(("change", "indicator", "level"), [
    ({"consulted_ict_unit_on": None}, 15, 2),
    ({"last_review_on": None}, 15, 3),
    ({"review_followup": ""}, 15, 4),
    ({"hosting_id": None}, 16, 2),
])
def test_application_blockers_cap_the_level_and_explain_it(change, indicator, level):
    land = landscape_of(apps=[app(1, **change), app(2)], links=[link(1, 1, 2)])
    computed = levels.compute_levels(_facts(land, documents=REVIEWED_INFRASTRUCTURE))[indicator]
    assert computed.level == level
    # the evidence stops where the blocker caps: the criterion is named with its count
    assert "1 dari 2" in computed.not_met[0] or computed.not_met[0].startswith("Dibatasi")
    assert computed.blockers
    assert all(b.caps_at == level for b in computed.blockers)
    assert len(computed.met) == level - 1


def test_missing_infrastructure_stays_at_level_1():
    land = landscape_of(apps=[app(1)], networks=(), service_buses=(), data_centers=())
    computed = levels.compute_levels(_facts(land))
    assert (computed[16].level, computed[17].level, computed[18].level) == (1, 1, 1)


def test_point_to_point_only_integration_stays_at_level_1_on_18():
    land = landscape_of(apps=[app(1), app(2)], links=[link(1, 1, 2, ls.Channel.DIRECT_API)])
    assert levels.compute_levels(_facts(land))[18].level == 1


@pytest.mark.parametrize(("domains", "reviewed", "followed", "level"), [
    (set(), False, False, 1),
    ({"application"}, False, False, 2),
    (set(NATIONAL_DOMAINS), False, False, 3),
    (set(NATIONAL_DOMAINS), True, False, 4),
    (set(NATIONAL_DOMAINS), True, True, 5),
])
def test_architecture_document_levels(domains, reviewed, followed, level):
    doc = DocumentFacts(frozenset(domains), reviewed, followed)
    computed = levels.compute_levels(_facts(documents={"arsitektur_spbe": doc}))
    assert computed[11].level == level


@pytest.mark.parametrize(("areas", "years", "reviewed", "followed", "level"), [
    (set(), 0, False, False, 1),
    ({"aplikasi"}, 0, False, False, 2),
    (set(CONTENT_AREAS), 2, True, False, 3),
    (set(CONTENT_AREAS), 3, True, False, 4),
    (set(CONTENT_AREAS), 3, True, True, 5),
])
def test_roadmap_levels(areas, years, reviewed, followed, level):
    facts = _facts(documents={"peta_rencana": DocumentFacts(frozenset(), reviewed, followed)},
                   roadmap_areas=frozenset(areas), roadmap_budgeted_years=years)
    assert levels.compute_levels(facts)[12].level == level


@pytest.mark.parametrize(("status", "level"), [("none", 1), ("planned", 2), ("guided", 3),
                                               ("reviewed", 4), ("improved", 5)])
def test_managed_area_levels(status, level):
    computed = levels.compute_levels(_facts(area_status={"ict_assets": status}))
    assert computed[24].level == level


def test_audit_blockers_cap_the_audit_area_level():
    land = landscape_of(apps=[app(1), app(2)], links=[link(1, 1, 2)])
    others = tuple(a for a in land.audits if a.type is not ls.AuditType.SECURITY)
    land = replace(land, audits=others + (ls.Audit(9, ls.AuditType.SECURITY, date(2026, 1, 1),
                                                   ls.AuditorKind.INTERNAL, followed_up=True),))
    computed = levels.compute_levels(_facts(land, area_status={"audit_security": "improved"}))
    # 30: the external audit proves it was planned, but no dated guideline is recorded
    assert computed[31].level == 3
    assert computed[30].level == 2


@pytest.mark.parametrize(("doc", "level"), [
    (None, 1),
    (DocumentFacts(enacted=False, complete=True, beyond_instansi=True, reviewed=True,
                   followed_up=True), 1),
    (DocumentFacts(), 2),
    (DocumentFacts(complete=True), 3),
    (DocumentFacts(complete=True, reviewed=True), 3),
    (DocumentFacts(complete=True, beyond_instansi=True), 3),
    (DocumentFacts(complete=True, beyond_instansi=True, reviewed=True), 4),
    (DocumentFacts(complete=True, beyond_instansi=True, reviewed=True, followed_up=True), 5),
    (DocumentFacts(complete=False, beyond_instansi=True, reviewed=True, followed_up=True), 2),
])
@pytest.mark.parametrize(("kind", "indicator"), sorted(POLICY_INDICATORS.items()))
def test_policy_indicators_climb_with_their_recorded_policy(kind, indicator, doc, level):
    documents = {} if doc is None else {kind: doc}
    computed = levels.compute_levels(_facts(documents=documents))[indicator]
    assert computed.level == level
    assert len(computed.met) == level - 1
    assert bool(computed.not_met) == (level < 5)


def test_a_policy_evidences_its_own_indicator_only():
    doc = DocumentFacts(complete=True, beyond_instansi=True, reviewed=True, followed_up=True)
    computed = levels.compute_levels(_facts(documents={"kebijakan_audit_tik": doc}))
    assert computed[9].level == 5
    assert {computed[n].level for n in (1, 2, 4, 5, 6, 7)} == {1}


def test_a_draft_architecture_document_stays_at_level_1():
    draft = DocumentFacts(domains=frozenset(NATIONAL_DOMAINS), enacted=False)
    assert levels.compute_levels(_facts(documents={"arsitektur_spbe": draft}))[11].level == 1


def test_the_cap_message_counts_the_blockers_at_the_cap_only():
    land = landscape_of(apps=[app(1), app(2)], links=[link(1, 1, 2)])
    cap = blockers.Blocker("app_hosted_outside", 16, 2, "application", 1, "A1", "App 1", 1)
    looser = blockers.Blocker("dc_not_using_pdn", 16, 3, "data_center", 1, "DC", "Pusat Data",
                              None)
    facts = _facts(land, documents=REVIEWED_INFRASTRUCTURE, blockers=(cap, looser))
    computed = levels.compute_levels(facts)[16]
    assert computed.level == 2
    assert computed.not_met[0] == "Dibatasi di level 2 oleh 1 hambatan."
    assert [b.caps_at for b in computed.blockers] == [2]


def _bus(splp=True):
    return (ls.ServiceBus(1, "ESB", connected_to_splp=splp),)


# Each of 15-18 on hand-made landscapes, at every level: (landscape changes, document, level).
INFRA_LADDERS = {
    15: [
        ({"apps": [app(1, lifecycle=ls.Lifecycle.RETIRED)]}, None, 1),
        ({"apps": [app(1, consulted_ict_unit_on=None), app(2)]}, None, 2),
        ({"apps": [app(1, ict_controlled=False), app(2)]}, None, 3),
        ({"apps": [app(1, review_followup=""), app(2)]}, None, 4),
        ({}, None, 5),
    ],
    16: [
        ({"data_centers": ()}, "reviewed+followed", 1),
        ({"apps": [app(1, hosting_id=None), app(2)]}, "reviewed+followed", 2),
        ({"data_centers": (ls.DataCenter(1, "DC", "PD", ls.DataCenterKind.OWN, sop=True),)},
         "reviewed+followed", 3),
        # no operating SOP recorded for the data centre
        ({"data_centers": (ls.DataCenter(1, "DC", "PD", ls.DataCenterKind.OWN,
                                         uses_pdn=True),)}, "reviewed+followed", 2),
        ({}, None, 3),
        ({}, "reviewed", 4),
        ({}, "reviewed+followed", 5),
    ],
    17: [
        ({"networks": ()}, "reviewed+followed", 1),
        ({"networks": (ls.Network(1, "Intra", frozenset({1}), connected_to_jip=True),)},
         "reviewed+followed", 2),
        ({"networks": (ls.Network(1, "Intra", frozenset({1, 2})),)}, "reviewed+followed", 3),
        ({}, "reviewed", 4),
        ({}, "reviewed+followed", 5),
    ],
    18: [
        ({"links": [link(1, 1, 2, ls.Channel.DIRECT_API)]}, "reviewed+followed", 1),
        ({"links": [link(1, 1, 2), link(2, 2, 1, ls.Channel.DIRECT_API)]},
         "reviewed+followed", 2),
        ({"service_buses": _bus(splp=False)}, "reviewed+followed", 3),
        ({}, "reviewed", 4),
        ({}, "reviewed+followed", 5),
    ],
}
INFRA_DOCS = {None: {}, "reviewed": {"infrastructure": DocumentFacts(reviewed=True)},
              "reviewed+followed": REVIEWED_INFRASTRUCTURE}


@pytest.mark.parametrize(("indicator", "changes", "doc", "level"), [
    (indicator, changes, doc, level)
    for indicator, cases in INFRA_LADDERS.items() for changes, doc, level in cases
])
def test_infrastructure_indicators_reach_each_level(indicator, changes, doc, level):
    apps = changes.get("apps", [app(1), app(2)])
    links = changes.get("links", [link(1, 1, 2)])
    rest = {k: v for k, v in changes.items() if k not in ("apps", "links")}
    land = landscape_of(apps=apps, links=links, **rest)
    computed = levels.compute_levels(_facts(land, documents=INFRA_DOCS[doc]))[indicator]
    assert computed.level == level, computed
    assert len(computed.met) == level - 1


def _audit(kind=ls.AuditorKind.EXTERNAL_CERTIFIED, followed=True, on=date(2026, 1, 1)):
    return ls.Audit(9, ls.AuditType.APPLICATION, on, kind, followed_up=followed)


@pytest.mark.parametrize(("status", "audit", "level"), [
    ("none", _audit(), 2),  # an audit proves it was planned; no guideline recorded
    ("improved", None, 2),  # no audit at all
    ("improved", _audit(on=date(2024, 6, 1)), 2),  # older than 24 months
    ("planned", _audit(), 2),
    ("improved", _audit(kind=ls.AuditorKind.INTERNAL), 3),
    ("guided", _audit(), 5),  # the audit record proves 4 and 5 (issue 16: not only caps)
    ("improved", _audit(followed=False), 4),
    ("reviewed", _audit(), 5),
    ("improved", _audit(), 5),
])
@pytest.mark.parametrize(("area", "indicator", "kind"), [
    ("audit_infrastructure", 29, ls.AuditType.INFRASTRUCTURE),
    ("audit_application", 30, ls.AuditType.APPLICATION),
    ("audit_security", 31, ls.AuditType.SECURITY),
])
def test_audit_indicators_reach_each_level(status, audit, level, area, indicator, kind):
    land = landscape_of(apps=[app(1), app(2)], links=[link(1, 1, 2)])
    others = tuple(a for a in land.audits if a.type is not kind)
    own = () if audit is None else (replace(audit, type=kind),)
    land = replace(land, audits=others + own)
    computed = levels.compute_levels(_facts(land, area_status={area: status}))[indicator]
    assert computed.level == level


@pytest.mark.parametrize(("certified", "status", "level"), [
    ("none", "improved", 1),  # no certified staff at all
    ("some", "improved", 2),  # only part of the OPDs
    ("all", "planned", 2),  # every OPD, but competence management has no guideline
    ("all", "guided", 3),
    ("all", "reviewed", 4),
    ("all", "improved", 5),
])
def test_competence_climbs_with_the_talent_register_and_its_management(certified, status, level):
    facts = _facts(area_status={"competence": status})
    units = {u.id for u in facts.landscape.units}
    chosen = {"none": set(), "some": set(sorted(units)[:1]), "all": units}[certified]
    assert len(units) > 1
    computed = levels.compute_levels(replace(facts, certified_units=frozenset(chosen)))[25]
    assert computed.level == level
