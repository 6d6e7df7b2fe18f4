"""The integration analysis through the services: blockers, the graph and its cache."""

from datetime import date

from registry.services import analysis, management


def test_blocker_report_names_each_record_and_rule(landscape, agency):
    report = analysis.blocker_report(agency)
    found = {(b.rule_id, b.subject_id) for b in report.blockers}
    assert found == {("app_not_consulted", landscape["legacy"].id),
                     ("app_hosted_outside", landscape["legacy"].id),
                     ("link_point_to_point", landscape["p2p"].id)}
    # This year (2026 on) the blockers cap the Indeks Pemdi's indicators.
    assert report.instrument.id == "permenpanrb-8-2026"
    levels = {s.indicator: s.max_level for s in report.summary}
    assert levels == {13: 2, 14: 2, 15: 5, 16: 2, 18: 5}
    assert {s.indicator: s.name for s in report.summary}[16] == "Integrasi Aplikasi"
    # 2025 is read with 59/2020: the same records cap 15, 16 and 18.
    past = analysis.blocker_report(agency, year=2025)
    assert past.instrument.id == "permenpanrb-59-2020"
    assert {(b.rule_id, b.subject_id) for b in past.blockers} == found
    assert {s.indicator: s.max_level for s in past.summary} == {15: 2, 16: 2, 17: 5, 18: 2}


def test_unchanged_graph_is_served_from_the_cache(agency, landscape):
    dot = analysis.build_diagram(agency, "landscape")
    cache = analysis.diagram_cache.current_cache()
    before = cache.hits
    first = analysis.render_diagram(dot, "svg")
    second = analysis.render_diagram(analysis.build_diagram(agency, "landscape"), "svg")
    assert first == second
    assert cache.hits == before + 1


def test_audits_feed_the_audit_blockers(agency, landscape):
    [security] = [a for a in management.list_audits(agency.id) if a.type.value == "security"]
    management.update_audit(security.id, {"followed_up": False}, actor=None,
                            expected_version=security.version)
    found = {(b.rule_id, b.indicator) for b in analysis.blocker_report(agency).blockers}
    assert ("audit_not_followed_up", 9) in found  # Indeks Pemdi: one audit indicator
    management.delete_audit(security.id, actor=None)
    found = {(b.rule_id, b.indicator) for b in analysis.blocker_report(agency).blockers}
    assert ("audit_missing", 9) in found
    past = analysis.blocker_report(agency, year=2025, as_of=date(2025, 12, 31))
    assert ("audit_missing", 31) in {(b.rule_id, b.indicator) for b in past.blockers}


def test_an_opds_graph_counts_only_its_own_isolated_applications(landscape, agency, unit,
                                                                   other_unit, make_application):
    lonely = make_application(name="Aplikasi Sendiri", owner_unit_id=other_unit.id)
    make_application(name="Aplikasi Sepi")  # isolated too, but in the first OPD
    whole = analysis.graph_data(agency)
    assert len(whole["isolated"]) == 2
    assert analysis.graph_data(agency, unit_id=other_unit.id)["isolated"] == [lonely.id]
