"""Issue 16: every computed level is proven by dated evidence of the evaluation year, and no
level is granted because nothing was found (docs/reference.md §2-§4).
"""

from dataclasses import replace
from datetime import date

import pytest

from arch_models import blockers, levels
from arch_models import landscape as ls
from arch_models.levels import AreaFacts, DocumentFacts, Facts
from arch_models.reference.instrument import built_in_instruments
from tests.arch_models.conftest import AS_OF, app, landscape_of, link

OLD, PEMDI = built_in_instruments()
REVIEWED = {"infrastructure": DocumentFacts(reviewed=True, followed_up=True)}


def _facts(land, instrument=OLD, **overrides):
    found = blockers.find_blockers(land, as_of=AS_OF, targets=instrument.blocker_targets)
    values = {"landscape": land, "blockers": tuple(found), "as_of": AS_OF,
              "documents": REVIEWED}
    return Facts(**(values | overrides))


def _level(land, number, instrument=OLD, **overrides):
    return levels.compute_levels(_facts(land, instrument, **overrides), instrument)[number]


@pytest.mark.parametrize("reviewed_on", [date(2025, 12, 31), date(2027, 1, 1),
                                         date(2026, 11, 2)])
def test_a_review_outside_the_evaluation_year_does_not_count(reviewed_on):
    # AS_OF is 2026-11-01: the year before, the year after and a future day all fail
    land = landscape_of(apps=[app(1, last_review_on=reviewed_on), app(2)], links=[link(1, 1, 2)])
    found = {b.rule_id for b in blockers.find_blockers(land, as_of=AS_OF)}
    assert "app_review_outdated" in found
    assert _level(land, 15).level == 3
    assert _level(land, 13, PEMDI).level == 3


def test_a_review_on_the_first_day_of_the_year_counts():
    land = landscape_of(apps=[app(1, last_review_on=date(2026, 1, 1)), app(2)],
                        links=[link(1, 1, 2)])
    assert _level(land, 15).level == 5


def test_only_aplikasi_umum_proves_nothing_of_the_instansis_own_development():
    umum = [app(1, kind=ls.AppKind.UMUM, last_review_on=None, consulted_ict_unit_on=None),
            app(2, kind=ls.AppKind.UMUM, last_review_on=None)]
    land = landscape_of(apps=umum, links=[link(1, 1, 2)])
    computed = _level(land, 15)
    assert computed.level == 2
    assert "(0 dari 0)" in computed.not_met[0]


def test_only_planned_applications_prove_nothing():
    land = landscape_of(apps=[app(1, lifecycle=ls.Lifecycle.PLANNED),
                              app(2, lifecycle=ls.Lifecycle.PLANNED)])
    assert _level(land, 15).level == 1


def test_an_application_in_development_outside_ict_control_counts_against_15():
    land = landscape_of(apps=[app(1, lifecycle=ls.Lifecycle.DEVELOPMENT, ict_controlled=False),
                              app(2)], links=[link(1, 1, 2)])
    assert "app_outside_ict_control" in {b.rule_id for b in
                                         blockers.find_blockers(land, as_of=AS_OF)}
    assert _level(land, 15).level == 3


def test_one_bus_link_in_one_of_many_opds_is_not_all_opds():
    units = tuple(ls.Unit(i, f"U{i}", f"Dinas {i}") for i in range(1, 6))
    apps = [app(i, unit_id=i) for i in range(1, 6)] + [app(6, unit_id=1)]
    land = landscape_of(apps=apps, links=[link(1, 1, 6)], units=units,
                        networks=(ls.Network(1, "Intra", frozenset(range(1, 6)),
                                             connected_to_jip=True),))
    computed = _level(land, 18)
    assert computed.level == 2
    assert "(1 dari 5 OPD)" in computed.not_met[0]


def test_applications_without_links_keep_18_from_level_5():
    land = landscape_of(apps=[app(1), app(2), app(3)], links=[link(1, 1, 2)])
    computed = _level(land, 18)
    assert computed.level == 4
    assert "(2 dari 3)" in computed.not_met[0]


def test_an_opd_server_room_is_not_a_data_centre():
    room = ls.DataCenter(1, "SR", "Ruang Server Dinas", ls.DataCenterKind.OPD_SERVER_ROOM)
    land = landscape_of(apps=[app(1), app(2)], links=[link(1, 1, 2)], data_centers=(room,))
    assert _level(land, 16).level == 1
    assert _level(land, 14, PEMDI).level == 1


@pytest.mark.parametrize("kind", [ls.DataCenterKind.CLOUD, ls.DataCenterKind.COLOCATION])
def test_cloud_and_colocation_are_not_the_instansis_own(kind):
    own = ls.DataCenter(1, "DC", "Pusat Data", ls.DataCenterKind.OWN, uses_pdn=True, sop=True)
    vendor = ls.DataCenter(2, "V", "Vendor", kind)
    land = landscape_of(apps=[app(1), app(2, hosting_id=2)], links=[link(1, 1, 2)],
                        data_centers=(own, vendor))
    assert "app_hosted_outside" in {b.rule_id for b in
                                    blockers.find_blockers(land, as_of=AS_OF)}
    assert _level(land, 16).level == 2


def test_the_data_centre_sop_is_checked_for_level_3():
    center = ls.DataCenter(1, "DC", "Pusat Data", ls.DataCenterKind.OWN, uses_pdn=True)
    land = landscape_of(apps=[app(1), app(2)], links=[link(1, 1, 2)], data_centers=(center,))
    computed = _level(land, 16)
    assert computed.level == 2
    assert "SOP" in computed.not_met[0]


def _audits(*records):
    return tuple(ls.Audit(i, ls.AuditType.SECURITY, on, kind, followed_up=followed)
                 for i, (on, kind, followed) in enumerate(records, start=1))


EXTERNAL, INTERNAL = ls.AuditorKind.EXTERNAL_CERTIFIED, ls.AuditorKind.INTERNAL


@pytest.mark.parametrize("records", [
    # a later internal audit does not wipe out an earlier external one
    [(date(2026, 2, 1), EXTERNAL, True), (date(2026, 9, 1), INTERNAL, False)],
    # a same-day tie: the best evidence wins, whatever the row order
    [(date(2026, 5, 5), INTERNAL, False), (date(2026, 5, 5), EXTERNAL, True)],
    [(date(2026, 5, 5), EXTERNAL, True), (date(2026, 5, 5), INTERNAL, False)],
])
def test_every_audit_in_the_window_counts_and_the_best_wins(records):
    base = landscape_of(apps=[app(1), app(2)], links=[link(1, 1, 2)])
    others = tuple(a for a in base.audits if a.type is not ls.AuditType.SECURITY)
    land = replace(base, audits=others + tuple(replace(a, id=10 + a.id) for a in _audits(*records)))
    security = [b for b in blockers.find_blockers(land, as_of=AS_OF) if b.indicator == 31]
    assert security == []
    area = AreaFacts(plan="Renstra", guideline="Pedoman", guideline_on=date(2025, 1, 1))
    assert _level(land, 31, areas={"audit_security": area}).level == 5


def test_an_audit_after_the_day_judged_does_not_count():
    base = landscape_of(apps=[app(1), app(2)], links=[link(1, 1, 2)])
    others = tuple(a for a in base.audits if a.type is not ls.AuditType.SECURITY)
    land = replace(base, audits=others + _audits((date(2026, 12, 1), EXTERNAL, True)))
    found = {(b.rule_id, b.indicator) for b in blockers.find_blockers(land, as_of=AS_OF)}
    assert ("audit_missing", 31) in found


def test_a_status_alone_raises_no_level():
    says = {key: AreaFacts(status="improved") for key in ("ict_assets", "audit_security",
                                                          "competence")}
    land = landscape_of(apps=[app(1), app(2)], links=[link(1, 1, 2)], audits=())
    computed = levels.compute_levels(_facts(land, areas=says), OLD)
    assert (computed[24].level, computed[31].level) == (1, 1)
    assert "rencana atau pedoman tercatat (0 dari 1 area)" in computed[24].not_met[0]


def test_an_area_reviewed_last_year_stays_at_level_3():
    area = AreaFacts(status="improved", plan="Renstra", guideline="Pedoman",
                     guideline_on=date(2025, 1, 1), reviewed_on=date(2025, 12, 31))
    land = landscape_of(apps=[app(1), app(2)], links=[link(1, 1, 2)])
    assert _level(land, 24, areas={"ict_assets": area}).level == 3


def test_planned_applications_count_nowhere_under_either_instrument():
    planned = app(3, lifecycle=ls.Lifecycle.PLANNED)  # no links, never reviewed: not built yet
    land = landscape_of(apps=[planned, app(1), app(2)], links=[link(1, 1, 2)])
    assert _level(land, 18).level == 5
    assert _level(land, 16, PEMDI).level == 5
    only = landscape_of(apps=[planned])
    assert (_level(only, 15).level, _level(only, 13, PEMDI).level) == (1, 1)
