"""The ArchiMate 3.1 exchange file: concepts, properties, folders, the view, and the schema."""

import re
import xml.etree.ElementTree as ET
from collections import Counter

from arch_models import archimate, diagrams
from arch_models import landscape as ls
from tests.arch_models.conftest import app, landscape_of, link
from tests.archimate_schema import NS, XSI_TYPE, archimate_schema, needs_dot

NCNAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_.-]*$")


def small_landscape():
    """Two OPDs, four applications (one retired), a link of each kind of mapping."""
    return landscape_of(
        apps=[app(1, 1, name="SIMPEG", reference_code="RAA.02.01"), app(2, 1, name="e-Kinerja"),
              app(3, 2, name="SIPD", kind=ls.AppKind.UMUM, hosting_id=None),
              app(4, 2, name="Arsip Lama", lifecycle=ls.Lifecycle.RETIRED)],
        links=[link(1, 1, 2, data_exchanged="Data pegawai"),
               link(2, 2, 3, ls.Channel.HYPERLINK),
               link(3, 3, 1, ls.Channel.DIRECT_API, status=ls.LinkStatus.PROPOSED,
                    direction=ls.LinkDirection.BIDIRECTIONAL, protocol="REST")],
    )


def export(land, positions=None):
    """Return the exchange file of a landscape and its parsed root."""
    body = archimate.build_exchange(land, model_name="Arsitektur SPBE Uji",
                                    agency_name="Provinsi Uji", positions=positions)
    return body, ET.fromstring(body)


def types_of(root, path):
    return Counter(e.get(XSI_TYPE) for e in root.findall(path, NS))


def properties_of(root, identifier):
    names = {d.get("identifier"): d.find("a:name", NS).text
             for d in root.findall("a:propertyDefinitions/a:propertyDefinition", NS)}
    concept = root.find(f".//*[@identifier='{identifier}']")
    return {names[p.get("propertyDefinitionRef")]: p.find("a:value", NS).text
            for p in concept.findall("a:properties/a:property", NS)}


def test_each_record_becomes_one_element_of_its_archimate_type():
    _body, root = export(small_landscape())
    assert types_of(root, "a:elements/a:element") == {
        "BusinessActor": 2, "ApplicationComponent": 4, "Node": 2, "CommunicationNetwork": 1}
    assert root.find("a:elements/a:element[@identifier='id-app-1']/a:name", NS).text == "SIMPEG"


def test_relationships_map_links_ownership_hosting_bus_and_network():
    _body, root = export(small_landscape())
    assert types_of(root, "a:relationships/a:relationship") == {
        "Association": 4,  # each application's owner OPD
        "Flow": 2,  # the two links that move data, whatever their status
        "Serving": 1 + 3 + 2 + 2,  # hyperlink, hosting, the service bus, network reach
    }
    flow = root.find("a:relationships/a:relationship[@identifier='id-link-1']", NS)
    assert (flow.get(XSI_TYPE), flow.get("source"), flow.get("target")) == (
        "Flow", "id-app-1", "id-app-2")
    assert flow.find("a:name", NS).text == "Data pegawai"
    hyperlink = root.find("a:relationships/a:relationship[@identifier='id-link-2']", NS)
    assert hyperlink.get(XSI_TYPE) == "Serving"
    owner = root.find("a:relationships/a:relationship[@identifier='id-own-3']", NS)
    assert (owner.get("source"), owner.get("target"), owner.get("isDirected")) == (
        "id-opd-2", "id-app-3", "true")
    bus_served = {r.get("target") for r in root.findall(
        "a:relationships/a:relationship[@source='id-bus-1']", NS)}
    assert bus_served == {"id-app-1", "id-app-2"}  # the active service-bus link's two ends


def test_application_and_flow_properties_carry_the_registry_facts():
    _body, root = export(small_landscape())
    assert properties_of(root, "id-app-1") == {
        "Kode": "A1", "OPD pemilik": "Dinas Satu", "Jenis": "khusus",
        "Siklus hidup": "production", "Kode referensi (RAA)": "RAA.02.01",
        "Hosting": "Pusat Data", "Tinjauan terakhir": "2026-06-01"}
    assert properties_of(root, "id-app-3")["Jenis"] == "umum"
    assert "Hosting" not in properties_of(root, "id-app-3")
    assert properties_of(root, "id-link-3") == {
        "Kanal": "direct_api", "Status": "proposed", "Arah": "bidirectional",
        "Protokol": "REST"}
    assert properties_of(root, "id-bus-1") == {"Terhubung SPLP": "true"}


def test_several_buses_serve_no_application_since_a_link_does_not_say_which():
    land = small_landscape()
    two = landscape_of(apps=land.applications, links=land.links,
                       service_buses=(ls.ServiceBus(1, "ESB"), ls.ServiceBus(2, "ESB 2")))
    _body, root = export(two)
    assert root.findall("a:relationships/a:relationship[@source='id-bus-1']", NS) == []


def test_links_to_applications_outside_the_landscape_are_left_out():
    land = small_landscape()
    stray = landscape_of(apps=land.applications, links=(*land.links, link(9, 1, 999)))
    body, root = export(stray)
    assert root.find(".//*[@identifier='id-link-9']") is None
    archimate_schema().validate(body.decode("utf-8"))


def test_identifiers_are_unique_xml_ids_and_the_model_keeps_the_schema_order():
    body, root = export(small_landscape())
    identifiers = [e.get("identifier") for e in root.iter() if e.get("identifier")]
    assert all(NCNAME.match(i) for i in identifiers)
    assert len(identifiers) == len(set(identifiers))
    assert [child.tag.split("}")[1] for child in root] == [
        "name", "documentation", "elements", "relationships", "organizations",
        "propertyDefinitions"]
    assert body.startswith(b"<?xml version='1.0' encoding='utf-8'?>")


def test_folders_use_archi_top_folder_names_and_file_every_concept_once():
    _body, root = export(small_landscape())
    tops = root.findall("a:organizations/a:item", NS)
    assert [t.find("a:label", NS).text for t in tops] == [
        "Business", "Application", "Technology & Physical", "Relations"]
    application = tops[1]
    assert sorted(i.find("a:label", NS).text for i in application.findall("a:item", NS)) == [
        "Dinas Dua", "Dinas Satu"]
    filed = [i.get("identifierRef") for i in root.iter(f"{{{archimate.NAMESPACE}}}item")
             if i.get("identifierRef")]
    concepts = [e.get("identifier") for e in root.findall("a:elements/a:element", NS)]
    concepts += [r.get("identifier") for r in root.findall("a:relationships/a:relationship", NS)]
    assert sorted(filed) == sorted(concepts)


def test_characters_xml_cannot_carry_are_dropped_from_names():
    land = landscape_of(apps=[app(1, name="Sistem\x0bInformasi")])
    body, root = export(land)
    assert root.find("a:elements/a:element[@identifier='id-app-1']/a:name", NS).text == (
        "SistemInformasi")
    archimate_schema().validate(body.decode("utf-8"))


def test_without_positions_the_file_has_no_view_and_is_valid():
    body, root = export(small_landscape())
    assert root.find("a:views", NS) is None
    archimate_schema().validate(body.decode("utf-8"))


@needs_dot
def test_layout_turns_graphviz_points_into_pixel_boxes_with_y_downward():
    land = small_landscape()
    boxes = diagrams.layout(archimate.build_view_dot(land), dpi=72)
    assert set(boxes) == {"cluster_u1", "cluster_u2", "a1", "a2", "a3"}
    assert all(isinstance(v, int) for box in boxes.values() for v in box)
    for name, unit in (("a1", "cluster_u1"), ("a2", "cluster_u1"), ("a3", "cluster_u2")):
        x, y, w, h = boxes[name]
        cx, cy, cw, ch = boxes[unit]
        assert cx <= x
        assert x + w <= cx + cw
        assert cy <= y
        assert y + h <= cy + ch
    # a cluster's label sits above its nodes in Graphviz; with y downward, nodes are lower
    assert boxes["a1"][1] > boxes["cluster_u1"][1]


@needs_dot
def test_the_view_nests_applications_in_their_opd_and_draws_active_links():
    land = small_landscape()
    body, root = export(land, diagrams.layout(archimate.build_view_dot(land)))
    view = root.find("a:views/a:diagrams/a:view", NS)
    assert view.find("a:name", NS).text == "Lanskap integrasi"
    opd = view.find("a:node[@elementRef='id-opd-1']", NS)
    assert sorted(n.get("elementRef") for n in opd.findall("a:node", NS)) == [
        "id-app-1", "id-app-2"]
    drawn = {n.get("elementRef") for n in view.iter(f"{{{archimate.NAMESPACE}}}node")}
    assert "id-app-4" not in drawn  # retired: in the model, not in the landscape view
    connections = view.findall("a:connection", NS)
    assert sorted(c.get("relationshipRef") for c in connections) == ["id-link-1", "id-link-2"]
    boxes = [tuple(int(n.get(k)) for k in "xywh")
             for n in view.iter(f"{{{archimate.NAMESPACE}}}node")
             if n.get("elementRef").startswith("id-app-")]
    for i, (x, y, w, h) in enumerate(boxes):
        assert w > 0
        assert h > 0
        for x2, y2, w2, h2 in boxes[i + 1:]:
            assert x + w <= x2 or x2 + w2 <= x or y + h <= y2 or y2 + h2 <= y  # no overlap
    assert root[-1].tag == f"{{{archimate.NAMESPACE}}}views"
    archimate_schema().validate(body.decode("utf-8"))


@needs_dot
def test_past_the_application_cap_the_view_draws_opds_only(monkeypatch):
    monkeypatch.setattr(archimate, "MAX_VIEW_APPLICATIONS", 2)
    land = small_landscape()
    dot = archimate.build_view_dot(land)
    assert "cluster_" not in dot.source
    body, root = export(land, diagrams.layout(dot))
    view = root.find("a:views/a:diagrams/a:view", NS)
    assert sorted(n.get("elementRef") for n in view.findall("a:node", NS)) == [
        "id-opd-1", "id-opd-2"]
    assert view.findall("a:connection", NS) == []
    assert "satu kotak untuk tiap OPD" in view.find("a:documentation", NS).text
    archimate_schema().validate(body.decode("utf-8"))


def test_past_both_caps_no_view_is_laid_out(monkeypatch):
    monkeypatch.setattr(archimate, "MAX_VIEW_APPLICATIONS", 2)
    monkeypatch.setattr(archimate, "MAX_VIEW_UNITS", 1)
    assert archimate.build_view_dot(small_landscape()) is None
