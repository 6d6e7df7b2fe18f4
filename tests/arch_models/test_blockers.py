"""Every blocker rule fires where its fact holds, and stays silent where it does not."""

from dataclasses import replace
from datetime import date

import pytest

from arch_models import blockers
from arch_models import landscape as ls
from arch_models.reference.blocker_rules import RULES
from arch_models.reference.instrument import default_instrument
from tests.arch_models.conftest import AS_OF, app, landscape_of, link

TARGETS_59 = default_instrument().blocker_targets


def _rules(land):
    return sorted({b.rule_id for b in blockers.find_blockers(land, as_of=AS_OF)})


def test_a_compliant_landscape_has_no_blockers_and_level_5_everywhere():
    land = landscape_of(apps=[app(1), app(2)], links=[link(1, 1, 2)])
    found = blockers.find_blockers(land, as_of=AS_OF)
    assert found == []
    summary = {s.indicator: s.max_level for s in blockers.summarise(found)}
    assert summary == {15: 5, 16: 5, 17: 5, 18: 5}


APP_CASES = [
    ("app_not_consulted", {"consulted_ict_unit_on": None}),
    ("app_never_reviewed", {"last_review_on": None}),
    ("app_review_outdated", {"last_review_on": date(2024, 1, 1)}),
    ("app_review_not_followed_up", {"review_followup": ""}),
    ("app_outside_ict_control", {"ict_controlled": False}),
    ("app_hosting_unknown", {"hosting_id": None}),
    ("app_hosted_outside", {"hosting_id": 2}),
]
ROOM = ls.DataCenter(2, "SR", "Ruang Server Dinas", ls.DataCenterKind.OPD_SERVER_ROOM)


@pytest.mark.parametrize(("rule_id", "change"), APP_CASES, ids=[c[0] for c in APP_CASES])
def test_application_rule_fires_on_its_fact(rule_id, change):
    centers = (*landscape_of().data_centers, ROOM)
    land = landscape_of(apps=[app(1, **change), app(2)], links=[link(1, 1, 2)],
                        data_centers=centers)
    found = [b for b in blockers.find_blockers(land, as_of=AS_OF) if b.rule_id == rule_id]
    assert [(b.subject_kind, b.subject_id, b.unit_id) for b in found] == [("application", 1, 1)]
    spec = next(r for r in RULES if r.id == rule_id)
    assert found[0].indicator == TARGETS_59[spec.concern]
    assert found[0].caps_at == spec.caps_at
    assert "App 1" in found[0].reason or rule_id.startswith("app_hosting")


@pytest.mark.parametrize(("rule_id", "change"), APP_CASES, ids=[c[0] for c in APP_CASES])
def test_application_rules_skip_retired_and_national_applications(rule_id, change):
    land = landscape_of(apps=[app(1, lifecycle=ls.Lifecycle.RETIRED, **change),
                              app(2, kind=ls.AppKind.UMUM, **change)],
                        data_centers=(*landscape_of().data_centers, ROOM))
    assert rule_id not in _rules(land)


def test_service_application_without_data_exchange_caps_its_own_indicator():
    land = landscape_of(apps=[app(1, service_indicator=42), app(2, service_indicator=44),
                              app(3)],
                        links=[link(1, 2, 3), link(2, 1, 3, ls.Channel.HYPERLINK)])
    found = [b for b in blockers.find_blockers(land, as_of=AS_OF)
             if b.rule_id == "service_app_not_integrated"]
    assert [(b.subject_id, b.indicator, b.caps_at) for b in found] == [(1, 42, 3)]


def test_point_to_point_link_caps_18_at_2_and_bus_links_do_not():
    land = landscape_of(apps=[app(1), app(2), app(3)],
                        links=[link(1, 1, 2, ls.Channel.DIRECT_API), link(2, 2, 3),
                               link(3, 1, 3, ls.Channel.FILE_TRANSFER,
                                    status=ls.LinkStatus.RETIRED),
                               link(4, 3, 1, ls.Channel.HYPERLINK)])
    found = [b for b in blockers.find_blockers(land, as_of=AS_OF)
             if b.rule_id == "link_point_to_point"]
    assert [(b.subject_id, b.indicator, b.caps_at, b.subject_name) for b in found] == [
        (1, 18, 2, "App 1 → App 2")]


def test_data_centre_not_using_pdn_blocks_only_when_it_hosts_something():
    busy = replace(landscape_of().data_centers[0], uses_pdn=False)
    hosting = landscape_of(apps=[app(1)], data_centers=(busy,))
    empty = landscape_of(apps=[app(1, hosting_id=None, lifecycle=ls.Lifecycle.PLANNED)],
                         data_centers=(busy,))
    assert "dc_not_using_pdn" in _rules(hosting)
    assert "dc_not_using_pdn" not in _rules(empty)


def test_unit_off_the_network_and_network_off_jip():
    land = landscape_of(networks=(ls.Network(1, "Intra", frozenset({1})),))
    found = {(b.rule_id, b.subject_id) for b in blockers.find_blockers(land, as_of=AS_OF)}
    assert ("unit_not_on_network", 2) in found
    assert ("unit_not_on_network", 1) not in found
    assert ("network_not_jip", 1) in found


def test_missing_network_and_bus_cap_17_and_18_at_1():
    land = landscape_of(networks=(), service_buses=())
    assert {"no_intra_network", "no_service_bus"} <= set(_rules(land))
    assert {"unit_not_on_network", "bus_not_splp"}.isdisjoint(_rules(land))
    summary = {s.indicator: s.max_level for s in blockers.summarise(
        blockers.find_blockers(land, as_of=AS_OF))}
    assert summary[17] == 1
    assert summary[18] == 1


def test_bus_not_connected_to_splp_caps_18_at_3():
    land = landscape_of(service_buses=(ls.ServiceBus(1, "ESB"),))
    assert _rules(land) == ["bus_not_splp"]
    assert landscape_of()
    assert "bus_not_splp" not in _rules(landscape_of())


@pytest.mark.parametrize(("audit", "rule_id"), [
    (None, "audit_missing"),
    (ls.Audit(9, ls.AuditType.SECURITY, date(2023, 1, 1), ls.AuditorKind.EXTERNAL_CERTIFIED,
              followed_up=True), "audit_missing"),
    (ls.Audit(9, ls.AuditType.SECURITY, date(2026, 1, 1), ls.AuditorKind.INTERNAL,
              followed_up=True), "audit_internal_only"),
    (ls.Audit(9, ls.AuditType.SECURITY, date(2026, 1, 1), ls.AuditorKind.EXTERNAL_CERTIFIED),
     "audit_not_followed_up"),
])
def test_security_audit_rules(audit, rule_id):
    others = tuple(a for a in landscape_of().audits if a.type is not ls.AuditType.SECURITY)
    land = landscape_of(audits=others + ((audit,) if audit else ()))
    found = blockers.find_blockers(land, as_of=AS_OF)
    assert [(b.rule_id, b.indicator) for b in found] == [(rule_id, 31)]
    assert "keamanan" in found[0].reason
    assert blockers.find_blockers(land, as_of=AS_OF, audits=False) == []


def test_summary_counts_applications_and_units_and_orders_by_indicator():
    land = landscape_of(apps=[app(1, consulted_ict_unit_on=None),
                              app(2, unit_id=2, ict_controlled=False), app(3)])
    found = blockers.find_blockers(land, as_of=AS_OF)
    summary = {s.indicator: s for s in blockers.summarise(found)}
    assert (summary[15].max_level, summary[15].application_count, summary[15].unit_count) == (
        2, 2, 2)
    assert summary[16].max_level == 5
    assert list(summary) == sorted(summary)


def test_grouping_by_application_and_by_unit():
    land = landscape_of(apps=[app(1, consulted_ict_unit_on=None, ict_controlled=False),
                              app(2, unit_id=2), app(3)],
                        links=[link(1, 2, 3, ls.Channel.DIRECT_API)])
    found = blockers.find_blockers(land, as_of=AS_OF)
    assert sorted(len(v) for v in blockers.blockers_by_application(found).values()) == [2]
    by_unit = blockers.blockers_by_unit(found)
    assert len(by_unit[1]) == 2
    assert [b.rule_id for b in by_unit[2]] == ["link_point_to_point"]


def test_every_rule_in_the_table_is_exercised_by_a_test():
    covered = {c[0] for c in APP_CASES} | {
        "service_app_not_integrated", "link_point_to_point", "dc_not_using_pdn",
        "unit_not_on_network", "network_not_jip", "no_intra_network", "no_service_bus",
        "bus_not_splp", "audit_missing", "audit_internal_only", "audit_not_followed_up"}
    assert {r.id for r in RULES} == covered
