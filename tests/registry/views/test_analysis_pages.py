"""The integration analysis pages: blockers, the graph, the neighbourhood, diagram downloads."""

import xml.etree.ElementTree as ET

import pytest


def test_blockers_page_links_each_blocker_to_its_record(client, auth, landscape):
    auth.login("reviewer")
    page = client.get("/integrations/blockers").text
    assert f'/inventory/applications/{landscape["legacy"].id}/edit' in page
    assert f'/integrations/links/{landscape["p2p"].id}/edit' in page
    assert "dibangun tanpa konsultasi" in page
    assert "maks. level 2" in page


def test_blockers_diagram_in_the_page_is_red_and_green_with_clickable_nodes(
        client, auth, landscape):
    auth.login("viewer")
    page = client.get("/integrations/blockers?show=all").text  # the default draws the lifts
    svg = page[page.index("<svg"):page.index("</svg>") + 6]
    root = ET.fromstring(svg)
    hrefs = {a.get("{http://www.w3.org/1999/xlink}href") for a in root.iter(
        "{http://www.w3.org/2000/svg}a")}
    assert f"/inventory/applications/{landscape['legacy'].id}" in hrefs
    assert "#f8d7da" in svg
    assert "#d1e7dd" in svg
    assert "Service bus" in svg


def test_graph_page_and_opd_filter(client, auth, landscape, other_unit):
    auth.login("viewer")
    assert "SIMPEG" in client.get("/integrations/graph").text
    opd = client.get(f"/integrations/graph?unit={other_unit.id}").text
    assert "e&#45;Kinerja" in opd  # graphviz escapes the hyphen
    assert "SIMPEG" in opd
    assert "Aplikasi Lama" not in opd


def test_application_page_shows_its_neighbourhood(client, auth, landscape):
    auth.login("viewer")
    page = client.get(f"/inventory/applications/{landscape['ekinerja'].id}?depth=2").text
    assert "Lingkungan integrasi" in page  # two steps away
    assert "Aplikasi Lama" in page
    one = client.get(f"/inventory/applications/{landscape['ekinerja'].id}").text
    assert "Aplikasi Lama" not in one


@pytest.mark.parametrize(("fmt", "start"), [("svg", b"<?xml"), ("png", b"\x89PNG"),
                                            ("dot", b"digraph")])
def test_diagram_downloads(client, auth, landscape, fmt, start):
    auth.login("viewer")
    response = client.get(f"/integrations/diagram.{fmt}?kind=blockers")
    assert response.status_code == 200
    assert response.data.startswith(start)
    assert "attachment" in response.headers["Content-Disposition"]
