"""Read models of the integration analysis: graph JSON, blockers, and cached diagrams."""

import threading
from collections import OrderedDict
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from arch_models import blockers as blocker_rules
from arch_models import diagrams, graph
from arch_models.errors import DiagramRenderError
from arch_models.landscape import Channel, LinkStatus
from registry import models
from registry.converters import MAX_ID
from registry.errors import NotFoundError, ValidationFailedError
from registry.extensions import db
from registry.models.text_match import same_code
from registry.services import instruments, organisation
from registry.snapshots import load_landscape, paused_gc

DIAGRAM_KINDS = ("landscape", "opd", "app", "blockers")
#: applications drawn one by one at most; past it the landscape is drawn per OPD
MAX_DIAGRAM_NODES = 150
_CACHE_SIZE = 64


@dataclass(frozen=True)
class BlockerReport:
    """The blockers of one agency, summarised and grouped for the page and the API, read for
    the instrument of one evaluation year."""

    agency: models.Agency
    as_of: date
    blockers: list
    summary: list
    by_unit: dict
    units: dict
    year: int = 0
    instrument: object = None  #: arch_models.reference.instrument.Instrument

    def indicator_name(self, number):
        """Return an indicator's name in the instrument read for ("" if it has none)."""
        try:
            return self.instrument.indicator(number).name
        except KeyError:
            return ""


def resolve_agency(agency_id=None, agency_code=None):
    """Return the agency asked for (by id or code), or the default one."""
    if agency_code:
        agency = db.session.scalar(select(models.Agency).where(
            same_code(models.Agency.code, agency_code)))
    elif agency_id:
        # an id past what the database stores is no agency (not an overflow error)
        agency = db.session.get(models.Agency, agency_id) \
            if 0 < agency_id <= MAX_ID else None
    else:
        agency = organisation.default_agency()
    if agency is None:
        raise NotFoundError("Instansi tidak ditemukan.")
    return agency


def blocker_report(agency, *, as_of=None, year=None):
    """Find what stands between the agency (None: every agency) and level 5, read for the
    instrument of ``year`` (default: the year of ``as_of``, else this year)."""
    as_of = as_of or date.today()
    year = year or as_of.year
    used = instruments.for_agency_year(agency.id if agency is not None else None, year)
    land = load_landscape(agency.id if agency is not None else None)
    with paused_gc():
        # Audits are judged per agency; a landscape of every agency would pool them.
        found = blocker_rules.find_blockers(land, as_of=as_of, audits=agency is not None,
                                            targets=used.blocker_targets)
        names = {i.number: i.name for i in used.indicators}
        return BlockerReport(
            agency=agency, as_of=as_of, blockers=found,
            summary=blocker_rules.summarise(found, used.summary_indicators, names),
            by_unit=blocker_rules.blockers_by_unit(found), units={u.id: u for u in land.units},
            year=year, instrument=used,
        )


def graph_data(agency, *, channels=None, statuses=(LinkStatus.ACTIVE,), unit_id=None):
    """Return the integration graph as JSON-ready nodes and edges, with its key figures."""
    land = load_landscape(agency.id)
    own = {a.id for a in land.applications if unit_id is None or a.unit_id == unit_id}
    touching = [link for link in land.links if own & {link.provider_id, link.consumer_id}]
    ids = own | {x for link in touching for x in (link.provider_id, link.consumer_id)}
    apps = [a for a in land.applications if a.id in ids]
    g = graph.build_integration_graph(land, statuses=statuses, include_hyperlinks=True)
    integrated = graph.integrated_through_bus(land)
    nodes = [
        {"id": a.id, "code": a.code, "name": a.name, "unit_id": a.unit_id,
         "kind": a.kind.value, "lifecycle": a.lifecycle.value,
         "integrated": a.id in integrated, "degree": g.degree(a.id)}
        for a in sorted(apps, key=lambda a: a.id)
    ]
    edges = [
        {"id": link.id, "provider_id": link.provider_id, "consumer_id": link.consumer_id,
         "channel": link.channel.value, "status": link.status.value,
         "direction": link.direction.value}
        for link in sorted(land.links, key=lambda x: x.id)
        if link.status in statuses and (not channels or link.channel in channels)
        and link.provider_id in ids and link.consumer_id in ids
    ]
    data_graph = graph.build_integration_graph(land, statuses=statuses)
    return {
        "agency": agency.code,
        "nodes": nodes,
        "edges": edges,
        "components": len(graph.components(data_graph)),
        # of the applications shown: an OPD's view counts its own isolated applications
        "isolated": [i for i in graph.isolated_applications(land, data_graph) if i in own],
        "hubs": [{"id": h.app_id, "degree": h.degree, "betweenness": h.betweenness}
                 for h in graph.hubs(data_graph, top=10)],
    }


class _DiagramCache:
    """Rendered diagrams keyed by the hash of their DOT source: an unchanged graph is free."""

    def __init__(self, size):
        self._items, self._size, self._lock = OrderedDict(), size, threading.Lock()
        self.hits = self.misses = 0

    def get_or_render(self, dot, fmt):
        key = (diagrams.content_key(dot.source), fmt)
        with self._lock:
            if key in self._items:
                self._items.move_to_end(key)
                self.hits += 1
                return self._items[key]
        body = diagrams.render(dot, fmt)
        with self._lock:
            self.misses += 1
            self._items[key] = body
            while len(self._items) > self._size:
                self._items.popitem(last=False)
        return body


diagram_cache = _DiagramCache(_CACHE_SIZE)


def build_diagram(agency, kind, *, target=None, depth=1, unit_id=None, channels=None,
                  statuses=(LinkStatus.ACTIVE,), only_blockers=False, url_for_app=None,
                  url_for_unit=None, max_nodes=MAX_DIAGRAM_NODES, year=None):
    """Build the DOT of one diagram kind for an agency (blockers: read for ``year``'s
    instrument, default this year)."""
    if kind not in DIAGRAM_KINDS:
        raise ValidationFailedError(errors={"kind": [f"Pilih salah satu dari {DIAGRAM_KINDS}."]})
    land = load_landscape(agency.id)
    common = {"url_for_app": url_for_app}
    if kind == "app":
        if target is None or target not in {a.id for a in land.applications}:
            raise ValidationFailedError(errors={"target": ["Aplikasi tidak dikenal."]})
        return diagrams.build_neighbourhood(land, target, depth=depth, statuses=statuses,
                                            **common)
    if kind == "opd":
        if target is None or target not in {u.id for u in land.units}:
            raise ValidationFailedError(errors={"target": ["OPD tidak dikenal."]})
        return diagrams.build_unit(land, target, url_for_unit=url_for_unit, channels=channels,
                                   statuses=statuses, max_nodes=max_nodes, **common)
    if kind == "blockers":
        used = instruments.for_agency_year(agency.id, year or date.today().year)
        found = blocker_rules.find_blockers(land, as_of=date.today(),
                                            targets=used.blocker_targets)
        return diagrams.build_blockers(land, found, url_for_unit=url_for_unit,
                                       unit_ids=[unit_id] if unit_id else None,
                                       only_blockers=only_blockers, max_nodes=max_nodes,
                                       **common)
    if unit_id:  # one OPD: its applications and the partners they exchange data with
        return diagrams.build_unit(land, unit_id, url_for_unit=url_for_unit, channels=channels,
                                   statuses=statuses, max_nodes=max_nodes, **common)
    return diagrams.build_landscape(land, url_for_unit=url_for_unit, channels=channels,
                                    statuses=statuses, max_nodes=max_nodes, **common)


def render_diagram(dot, fmt):
    """Render a diagram through the content-keyed cache."""
    return diagram_cache.get_or_render(dot, fmt)


def svg_for_page(dot):
    """Return (inline SVG, note): a diagram that fails to render leaves its page up, with a
    note in place of the drawing (dot's own message is logged by the core, never shown)."""
    try:
        return render_diagram(dot, "svg").decode("utf-8"), None
    except DiagramRenderError as error:
        return "", str(error)


def parse_channels(values):
    """Turn channel names into Channel members, naming a bad one."""
    try:
        return tuple(Channel(v) for v in values if v) or None
    except ValueError as error:
        raise ValidationFailedError(errors={"channel": [str(error)]}) from error
