"""The integration analysis through the registry: pages, API, CLI, diagram cache."""

import json
import xml.etree.ElementTree as ET
from datetime import date

import pytest

from registry import models
from registry.extensions import db
from registry.services import analysis, integrations, management


@pytest.fixture
def landscape(agency, unit, other_unit, make_application):
    """A small province: a bus link, a point-to-point link, an unconsulted app, a server room."""
    center = models.DataCenter(agency_id=agency.id, code="DC", name="Pusat Data", kind="own",
                               uses_pdn=True)
    room = models.DataCenter(agency_id=agency.id, code="SR", name="Ruang Server Dinkes",
                             kind="opd_server_room")
    db.session.add_all([center, room,
                        models.Network(agency_id=agency.id, code="N", name="Intra",
                                       connected_to_jip=True, units=[unit, other_unit]),
                        models.ServiceBus(agency_id=agency.id, code="ESB", name="ESB",
                                          connected_to_splp=True)])
    db.session.commit()
    good = {"consulted_ict_unit_on": date(2020, 1, 1), "ict_controlled": True,
            "last_review_on": date.today(), "review_followup": "SK 1/2026",
            "hosting_id": center.id}
    simpeg = make_application(name="SIMPEG", **good)
    ekinerja = make_application(name="e-Kinerja", owner_unit_id=other_unit.id, **good)
    legacy = make_application(name="Aplikasi Lama", **(good | {"consulted_ict_unit_on": None,
                                                                "hosting_id": room.id}))
    integrations.create_link({"provider_id": simpeg.id, "consumer_id": ekinerja.id,
                              "channel": "service_bus", "status": "active"}, actor=None)
    p2p = integrations.create_link({"provider_id": simpeg.id, "consumer_id": legacy.id,
                                    "channel": "direct_api", "status": "active"}, actor=None)
    for kind in ("infrastructure", "application", "security"):
        management.create_audit({"agency_id": agency.id, "type": kind, "object_name": "Pemprov",
                                 "performed_on": date.today(),
                                 "auditor_kind": "external_certified", "followed_up": True},
                                actor=None)
    return {"simpeg": simpeg, "ekinerja": ekinerja, "legacy": legacy, "p2p": p2p}


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


def test_blockers_page_links_each_blocker_to_its_record(client, auth, landscape):
    auth.login("reviewer")
    page = client.get("/integrations/blockers").text
    assert f'/inventory/applications/{landscape["legacy"].id}/edit' in page
    assert f'/integrations/links/{landscape["p2p"].id}/edit' in page
    assert "dibangun tanpa konsultasi" in page and "maks. level 2" in page


def test_blockers_diagram_in_the_page_is_red_and_green_with_clickable_nodes(
        client, auth, landscape):
    auth.login("viewer")
    page = client.get("/integrations/blockers").text
    svg = page[page.index("<svg"):page.index("</svg>") + 6]
    root = ET.fromstring(svg)
    hrefs = {a.get("{http://www.w3.org/1999/xlink}href") for a in root.iter(
        "{http://www.w3.org/2000/svg}a")}
    assert f"/inventory/applications/{landscape['legacy'].id}" in hrefs
    assert "#f8d7da" in svg and "#d1e7dd" in svg and "Service bus" in svg


def test_graph_page_and_opd_filter(client, auth, landscape, other_unit):
    auth.login("viewer")
    assert "SIMPEG" in client.get("/integrations/graph").text
    opd = client.get(f"/integrations/graph?unit={other_unit.id}").text
    assert "e&#45;Kinerja" in opd and "SIMPEG" in opd  # graphviz escapes the hyphen
    assert "Aplikasi Lama" not in opd


def test_application_page_shows_its_neighbourhood(client, auth, landscape):
    auth.login("viewer")
    page = client.get(f"/inventory/applications/{landscape['ekinerja'].id}?depth=2").text
    assert "Lingkungan integrasi" in page and "Aplikasi Lama" in page  # two steps away
    one = client.get(f"/inventory/applications/{landscape['ekinerja'].id}").text
    assert "Aplikasi Lama" not in one


@pytest.mark.parametrize(("fmt", "start"), [("svg", b"<?xml"), ("png", b"\x89PNG"),
                                            ("dot", b"digraph")])
def test_diagram_downloads(client, auth, landscape, fmt, start):
    auth.login("viewer")
    response = client.get(f"/integrations/diagram.{fmt}?kind=blockers")
    assert response.status_code == 200 and response.data.startswith(start)
    assert "attachment" in response.headers["Content-Disposition"]


def test_api_graph_and_blockers(client, landscape, token_for):
    headers = token_for("viewer")
    graph = client.get("/api/v1/graph", headers=headers).json
    assert len(graph["nodes"]) == 3 and len(graph["edges"]) == 2
    assert graph["components"] == 1 and graph["isolated"] == []
    assert graph["hubs"][0]["id"] == landscape["simpeg"].id
    report = client.get("/api/v1/blockers", headers=headers).json
    assert {b["rule_id"] for b in report["blockers"]} == {
        "app_not_consulted", "app_hosted_outside", "link_point_to_point"}
    assert report["instrument"] == "permenpanrb-8-2026"
    assert [s["indicator"] for s in report["summary"]] == [13, 14, 15, 16, 18]
    assert report["indicators"]["16"] == "Integrasi Aplikasi"
    past = client.get("/api/v1/blockers?year=2025", headers=headers).json
    assert past["instrument"] == "permenpanrb-59-2020" and past["year"] == 2025
    assert [s["indicator"] for s in past["summary"]] == [15, 16, 17, 18]


def test_api_diagram_and_bad_arguments(client, landscape, token_for):
    headers = token_for("viewer")
    svg = client.get(f"/api/v1/diagrams.svg?kind=app&target={landscape['simpeg'].id}",
                     headers=headers)
    assert svg.status_code == 200 and b"SIMPEG" in svg.data
    assert client.get("/api/v1/diagrams.svg?kind=app&target=999999",
                      headers=headers).status_code == 422
    bad = client.get("/api/v1/diagrams.svg?kind=galaxy", headers=headers)
    assert bad.status_code == 422 and "kind" in bad.json["errors"]
    assert client.get("/api/v1/graph?channel=pigeon", headers=headers).status_code == 422


def test_unchanged_graph_is_served_from_the_cache(agency, landscape):
    dot = analysis.build_diagram(agency, "landscape")
    cache = analysis.diagram_cache.current_cache()
    before = cache.hits
    first = analysis.render_diagram(dot, "svg")
    second = analysis.render_diagram(analysis.build_diagram(agency, "landscape"), "svg")
    assert first == second and cache.hits == before + 1


def test_cli_blockers_json_and_diagram(runner, landscape, tmp_path):
    result = runner.invoke(args=["blockers", "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert report["agency"] == "CONTOHPROV" and len(report["blockers"]) == 3
    out = tmp_path / "landscape.dot"
    result = runner.invoke(args=["diagram", "--kind", "landscape", "--format", "dot",
                                 "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert 'URL="/inventory/applications/' in out.read_text()
    missing = runner.invoke(args=["diagram", "--kind", "opd", "-o", str(out)])
    assert missing.exit_code == 1 and "target" in missing.output


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
