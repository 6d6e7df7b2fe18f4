"""The landscape as an ArchiMate 3.1 Model Exchange File (The Open Group format Archi imports).

What becomes what, and why (each choice is allowed by the ArchiMate 3.1 relationship tables,
which Archi enforces through its ``relationships.xml``):

- an OPD is a **BusinessActor**; an application an **ApplicationComponent**; a data centre and
  a service bus (SPLP) a **Node**; an intra network a **CommunicationNetwork**.
- an integration link that moves data is a **Flow** from the provider to the consumer: flow is
  ArchiMate's "transfer from one element to another", and the registry's provider → consumer is
  exactly that direction. A bidirectional link stays one Flow (one relationship per registry
  record, ``id-link-<id>``) whose ``Arah`` property says ``bidirectional``.
- a hyperlink or shared-login link moves no data (``Channel.exchanges_data``), so it is not a
  Flow: it is **Serving** from the provider to the consumer (the provider's pages serve the
  consumer's users). Kept, rather than skipped, so the model holds every registry record.
- an OPD owning an application is an **Association** from the BusinessActor to the
  ApplicationComponent, directed, named ``pemilik``. Assignment would read better, but
  ArchiMate 3.1 does not allow Assignment from a business actor to an application component
  (only flow, triggering, serving and association), so Archi would mark it invalid;
  association is what the specification offers for ownership and responsibility.
- an application hosted in a data centre is **Serving** from the Node to the
  ApplicationComponent: technology serving applications is ArchiMate's cross-layer link, and
  it needs no Artifact the registry does not record (Realization through a deployed Artifact
  would). The service bus serves, the same way, every application with an active link through
  it, when the landscape has exactly one bus (a link does not say which of several buses it
  used, so none is guessed). An intra network serves each OPD it reaches.

Names are the records' own; labels the export adds (folders, the view, property names) are in
Bahasa Indonesia, except the five top folders, which carry Archi's own folder names so an
import files everything in Archi's Business, Application, Technology & Physical, Relations and
Views folders.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections import defaultdict

from arch_models import diagrams
from arch_models.landscape import Channel, Landscape, Lifecycle, LinkStatus

__all__ = [
    "MAX_VIEW_APPLICATIONS",
    "MAX_VIEW_UNITS",
    "NAMESPACE",
    "VIEW_NAME",
    "build_exchange",
    "build_view_dot",
]

NAMESPACE = "http://www.opengroup.org/xsd/archimate/3.0/"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
SCHEMA_LOCATION = f"{NAMESPACE} http://www.opengroup.org/xsd/archimate/3.1/archimate3_Diagram.xsd"
VIEW_NAME = "Lanskap integrasi"
#: applications in use drawn one by one in the view, at most
MAX_VIEW_APPLICATIONS = 300
#: OPDs drawn in the view when the applications are too many, at most
MAX_VIEW_UNITS = 300

#: key -> (identifier, name, type) of the property definitions
PROPERTIES = {
    "code": ("propid-kode", "Kode", "string"),
    "acronym": ("propid-akronim", "Akronim", "string"),
    "owner": ("propid-pemilik", "OPD pemilik", "string"),
    "kind": ("propid-jenis", "Jenis", "string"),
    "lifecycle": ("propid-siklus", "Siklus hidup", "string"),
    "reference_code": ("propid-raa", "Kode referensi (RAA)", "string"),
    "hosting": ("propid-hosting", "Hosting", "string"),
    "last_review": ("propid-tinjauan", "Tinjauan terakhir", "date"),
    "channel": ("propid-kanal", "Kanal", "string"),
    "status": ("propid-status", "Status", "string"),
    "direction": ("propid-arah", "Arah", "string"),
    "protocol": ("propid-protokol", "Protokol", "string"),
    "uses_pdn": ("propid-pdn", "Memakai PDN", "boolean"),
    "connected_to_jip": ("propid-jip", "Terhubung JIP", "boolean"),
    "connected_to_splp": ("propid-splp", "Terhubung SPLP", "boolean"),
}

# Characters XML 1.0 cannot carry at all; a stray one in a name would make the file unreadable.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")

ET.register_namespace("", NAMESPACE)
ET.register_namespace("xsi", XSI)


def _tag(name):
    return f"{{{NAMESPACE}}}{name}"


def _text(value):
    return _NOT_XML.sub("", str(value))


def _rgb(hex_colour):
    value = hex_colour.lstrip("#")
    return {"r": str(int(value[0:2], 16)), "g": str(int(value[2:4], 16)),
            "b": str(int(value[4:6], 16))}


class _Writer:
    """Build the exchange document, remembering which concepts and properties it holds."""

    def __init__(self):
        self.used_properties = set()
        self.concepts = set()
        self.relationships = []

    def child(self, parent, name, text=None, **attrs):
        node = ET.SubElement(parent, _tag(name), {k: v for k, v in attrs.items() if v is not None})
        if text is not None:
            node.text = _text(text)
        return node

    def concept(self, parent, tag, identifier, xsi_type, *, name=None, properties=(), **attrs):
        node = self.child(parent, tag, identifier=identifier, **attrs)
        node.set(f"{{{XSI}}}type", xsi_type)
        if name:
            self.child(node, "name", name)
        self.properties(node, properties)
        self.concepts.add(identifier)
        return node

    def properties(self, parent, values):
        values = [(key, value) for key, value in values if value not in (None, "")]
        if not values:
            return
        holder = self.child(parent, "properties")
        for key, value in values:
            if isinstance(value, bool):
                value = "true" if value else "false"
            self.used_properties.add(key)
            prop = self.child(holder, "property", propertyDefinitionRef=PROPERTIES[key][0])
            self.child(prop, "value", value)


def build_view_dot(landscape: Landscape):
    """Return the diagram whose Graphviz layout places the view, or None when none is drawn.

    The rule keeps the one view readable and its layout quick, whatever the landscape's size:

    - up to ``MAX_VIEW_APPLICATIONS`` applications in use (not retired): every one of them,
      nested in its OPD, with a line per active integration link (``diagrams.build_landscape``,
      the drawing of the integration page);
    - more applications, but up to ``MAX_VIEW_UNITS`` OPDs: the OPDs only, placed by the spring
      layout that keeps OPDs exchanging data near one another (the page's aggregated drawing);
      the applications and their links stay complete in the model and its folders;
    - more OPDs still (a national registry): no view. No single diagram of tens of thousands of
      boxes is readable, and laying one out takes minutes; export an agency instead, or let
      Archi generate views from the model.
    """
    in_use = [a for a in landscape.applications if a.lifecycle is not Lifecycle.RETIRED]
    if len(in_use) > MAX_VIEW_APPLICATIONS and len({a.unit_id for a in in_use}) > MAX_VIEW_UNITS:
        return None
    return diagrams.build_landscape(landscape, max_nodes=MAX_VIEW_APPLICATIONS)


def build_exchange(landscape: Landscape, *, model_name: str, agency_name: str = "",
                   positions=None) -> bytes:
    """Return the landscape as an ArchiMate 3.1 exchange file: UTF-8 XML with its declaration.

    The parts follow the order the schema fixes inside ``<model>``: name, documentation,
    elements, relationships, organizations (folders), property definitions, views.

    :param positions: the view's boxes, ``diagrams.layout(build_view_dot(landscape))``: DOT
        names (``a<id>``, ``cluster_u<id>``, ``u<id>``) to ``(x, y, w, h)`` pixels. Empty or
        None: the file has no view.
    """
    out = _Writer()
    root = ET.Element(_tag("model"), {"identifier": "id-model",
                                      f"{{{XSI}}}schemaLocation": SCHEMA_LOCATION})
    out.child(root, "name", model_name)
    source = "Diekspor dari Registri Arsitektur SPBE"
    out.child(root, "documentation", f"{source}: {agency_name}." if agency_name else f"{source}.")
    folders = defaultdict(list)  # (top folder, sub-folder or "") -> identifiers, in order
    _elements(out, out.child(root, "elements"), landscape, folders)
    _relationships(out, out.child(root, "relationships"), landscape, folders)
    view = _view(out, landscape, positions) if positions else None
    if view is not None:
        folders[("Views", "")].append(view.get("identifier"))
    _organizations(out, out.child(root, "organizations"), folders)
    if out.used_properties:
        definitions = out.child(root, "propertyDefinitions")
        for key, (identifier, name, data_type) in PROPERTIES.items():
            if key in out.used_properties:
                definition = out.child(definitions, "propertyDefinition", identifier=identifier,
                                       type=data_type)
                out.child(definition, "name", name)
    if view is not None:
        out.child(out.child(root, "views"), "diagrams").append(view)
    for part in list(root):
        if part.tag in {_tag("elements"), _tag("relationships"), _tag("organizations")} \
                and not len(part):
            root.remove(part)  # the schema wants at least one child in each, or none at all
    ET.indent(root)
    # registered again on each export, not only at import: another library's
    # register_namespace("", ...) (WeasyPrint's does) takes the default prefix process-wide, and
    # tostring's default_namespace refuses the unprefixed attributes the schema wants
    ET.register_namespace("", NAMESPACE)
    ET.register_namespace("xsi", XSI)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


def _elements(out, holder, landscape, folders):
    units = {u.id: u for u in landscape.units}
    centers = {d.id: d for d in landscape.data_centers}
    for unit in sorted(landscape.units, key=lambda u: u.id):
        out.concept(holder, "element", f"id-opd-{unit.id}", "BusinessActor",
                    name=unit.name or unit.code,
                    properties=[("code", unit.code), ("acronym", unit.acronym)])
        folders[("Business", "")].append(f"id-opd-{unit.id}")
    for app in sorted(landscape.applications, key=lambda a: a.id):
        owner, host = units.get(app.unit_id), centers.get(app.hosting_id)
        out.concept(holder, "element", f"id-app-{app.id}", "ApplicationComponent",
                    name=app.name or app.code, properties=[
                        ("code", app.code), ("acronym", app.acronym),
                        ("owner", owner.name if owner else ""), ("kind", app.kind.value),
                        ("lifecycle", app.lifecycle.value),
                        ("reference_code", app.reference_code),
                        ("hosting", host.name if host else ""),
                        ("last_review", app.last_review_on.isoformat()
                         if app.last_review_on else ""),
                    ])
        folders[("Application", owner.name if owner else "")].append(f"id-app-{app.id}")
    for center in sorted(centers.values(), key=lambda d: d.id):
        out.concept(holder, "element", f"id-dc-{center.id}", "Node",
                    name=center.name or center.code,
                    properties=[("code", center.code), ("kind", center.kind.value),
                                ("uses_pdn", center.uses_pdn)])
        folders[("Technology & Physical", "Pusat data")].append(f"id-dc-{center.id}")
    for bus in sorted(landscape.service_buses, key=lambda b: b.id):
        out.concept(holder, "element", f"id-bus-{bus.id}", "Node", name=bus.name or "SPLP",
                    properties=[("connected_to_splp", bus.connected_to_splp)])
        folders[("Technology & Physical", "Service bus")].append(f"id-bus-{bus.id}")
    for network in sorted(landscape.networks, key=lambda n: n.id):
        out.concept(holder, "element", f"id-net-{network.id}", "CommunicationNetwork",
                    name=network.name or "Jaringan intra",
                    properties=[("connected_to_jip", network.connected_to_jip)])
        folders[("Technology & Physical", "Jaringan intra")].append(f"id-net-{network.id}")


def _relationships(out, holder, landscape, folders):
    """Relate what the registry relates; a relationship to a record outside the file is left out."""

    def relate(identifier, xsi_type, source, target, folder, *, name=None, properties=(),
               **attrs):
        if source in out.concepts and target in out.concepts:
            out.relationships.append(out.concept(
                holder, "relationship", identifier, xsi_type, name=name,
                properties=properties, source=source, target=target, **attrs))
            folders[("Relations", folder)].append(identifier)

    apps = sorted(landscape.applications, key=lambda a: a.id)
    for app in apps:
        relate(f"id-own-{app.id}", "Association", f"id-opd-{app.unit_id}", f"id-app-{app.id}",
               "Kepemilikan", name="pemilik", isDirected="true")
    for link in sorted(landscape.links, key=lambda x: x.id):
        flows = link.channel.exchanges_data
        relate(f"id-link-{link.id}", "Flow" if flows else "Serving",
               f"id-app-{link.provider_id}", f"id-app-{link.consumer_id}",
               "Aliran data" if flows else "Tautan hyperlink", name=link.data_exchanged,
               properties=[("channel", link.channel.value), ("status", link.status.value),
                           ("direction", link.direction.value), ("protocol", link.protocol)])
    for app in apps:
        if app.hosting_id is not None:
            relate(f"id-host-{app.id}", "Serving", f"id-dc-{app.hosting_id}",
                   f"id-app-{app.id}", "Hosting")
    if len(landscape.service_buses) == 1:
        bus = landscape.service_buses[0]
        on_bus = {x for link in landscape.links
                  if link.channel is Channel.SERVICE_BUS and link.status is LinkStatus.ACTIVE
                  for x in (link.provider_id, link.consumer_id)}
        for app_id in sorted(on_bus):
            relate(f"id-splp-{bus.id}-{app_id}", "Serving", f"id-bus-{bus.id}",
                   f"id-app-{app_id}", "Service bus (SPLP)")
    for network in sorted(landscape.networks, key=lambda n: n.id):
        for unit_id in sorted(network.unit_ids):
            relate(f"id-reach-{network.id}-{unit_id}", "Serving", f"id-net-{network.id}",
                   f"id-opd-{unit_id}", "Jangkauan jaringan")


def _organizations(out, holder, folders):
    """File every concept under Archi's top folders, in Indonesian-named sub-folders."""
    for top in ("Business", "Application", "Technology & Physical", "Relations", "Views"):
        subs = sorted({sub for (t, sub) in folders if t == top})
        if not subs:
            continue
        top_item = out.child(holder, "item")
        out.child(top_item, "label", top)
        for sub in subs:
            item = top_item
            if sub:
                item = out.child(top_item, "item")
                out.child(item, "label", sub)
            for identifier in folders[(top, sub)]:
                out.child(item, "item", identifierRef=identifier)


def _view(out, landscape, positions):
    """Return the ``<view>`` drawing what ``positions`` places, or None if it places nothing.

    Applications sit inside their OPD's box when the OPD is drawn as a cluster (Archi reads the
    nesting as the ownership association and adds its line itself); every other relationship
    between two drawn elements gets a line, except integration links that are not active.
    """
    view_id = "id-view-lanskap"
    placed = sorted((_dot_key(name), box) for name, box in positions.items())
    unit_ids = {u.id for u in landscape.units}
    apps = {a.id: a for a in landscape.applications}
    unit_boxes = [(number, box) for (kind, number), box in placed
                  if kind == "unit" and number in unit_ids]
    app_boxes = [(number, box) for (kind, number), box in placed
                 if kind == "app" and number in apps]
    if not unit_boxes and not app_boxes:
        return None

    view = ET.Element(_tag("view"), {"identifier": view_id, f"{{{XSI}}}type": "Diagram"})
    out.child(view, "name", VIEW_NAME)
    if not app_boxes:
        out.child(view, "documentation",
                  "Lanskap terlalu besar untuk digambar per aplikasi: satu kotak untuk tiap OPD. "
                  "Semua aplikasi dan aliran datanya ada di model (folder Application dan "
                  "Relations).")
    nodes, containers = {}, {}  # element identifier -> node identifier; unit id -> <node>

    def node(parent, element_id, box):
        x, y, w, h = box
        nodes[element_id] = f"{view_id}-{element_id.removeprefix('id-')}"
        drawn = out.child(parent, "node", identifier=nodes[element_id], elementRef=element_id,
                          x=str(x), y=str(y), w=str(w), h=str(h))
        drawn.set(f"{{{XSI}}}type", "Element")
        return drawn

    for number, box in unit_boxes:
        containers[number] = node(view, f"id-opd-{number}", box)
    nested = set()
    for number, box in app_boxes:
        owner = containers.get(apps[number].unit_id)
        node(view if owner is None else owner, f"id-app-{number}", box)
        if owner is not None:
            nested.add(f"id-own-{number}")

    colours = {channel: _rgb(style["color"]) for channel, style in diagrams.CHANNEL_STYLE.items()}
    active = {f"id-link-{link.id}": link for link in landscape.links
              if link.status is LinkStatus.ACTIVE}
    for relationship in out.relationships:
        identifier = relationship.get("identifier")
        source, target = nodes.get(relationship.get("source")), nodes.get(
            relationship.get("target"))
        if not (source and target) or identifier in nested:
            continue
        if identifier.startswith("id-link-") and identifier not in active:
            continue
        connection = out.child(view, "connection",
                               identifier=f"{view_id}-{identifier.removeprefix('id-')}",
                               relationshipRef=identifier, source=source, target=target)
        connection.set(f"{{{XSI}}}type", "Relationship")
        if identifier in active:
            out.child(out.child(connection, "style"), "lineColor",
                      **colours[active[identifier].channel])
    return view


def _dot_key(name):
    """Read a DOT name of ``diagrams``: ``a42`` an application, ``cluster_u3`` or ``u3`` an OPD."""
    match = re.fullmatch(r"(?:cluster_)?([au])(\d+)", name)
    if not match:
        return ("", 0)
    return ("app" if match[1] == "a" else "unit", int(match[2]))
