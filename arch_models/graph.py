"""The integration graph: who exchanges data with whom, and what follows from it."""

from __future__ import annotations

from dataclasses import dataclass

import networkx as nx

from arch_models.landscape import Channel, Landscape, Lifecycle, LinkDirection, LinkStatus

__all__ = [
    "Hub",
    "build_integration_graph",
    "components",
    "cycles",
    "hubs",
    "impact",
    "integrated_through_bus",
    "isolated_applications",
    "path",
]

#: past this many nodes betweenness is estimated from a fixed sample of sources
EXACT_BETWEENNESS_LIMIT = 2000
BETWEENNESS_SAMPLE = 300


@dataclass(frozen=True, slots=True)
class Hub:
    """An application many others depend on."""

    app_id: int
    degree: int
    betweenness: float


def build_integration_graph(
    landscape: Landscape,
    *,
    statuses=(LinkStatus.ACTIVE,),
    include_hyperlinks: bool = False,
) -> nx.MultiDiGraph:
    """Build the graph: nodes are application ids, edges run from provider to consumer.

    A bidirectional link adds the reverse edge too, since data flows both ways. Links that are
    only a hyperlink or a shared login are left out unless asked for: they are not integration
    (docs/reference.md §2). Parallel edges (several links between one pair) are kept.
    """
    graph = nx.MultiDiGraph()
    for app in landscape.applications:
        graph.add_node(app.id, code=app.code, name=app.name, unit_id=app.unit_id,
                       kind=app.kind, lifecycle=app.lifecycle)
    for link in landscape.links:
        if link.status not in statuses:
            continue
        if not include_hyperlinks and not link.channel.exchanges_data:
            continue
        if link.provider_id not in graph or link.consumer_id not in graph:
            continue
        attrs = {"link_id": link.id, "channel": link.channel, "status": link.status}
        graph.add_edge(link.provider_id, link.consumer_id, key=link.id, **attrs)
        if link.direction is LinkDirection.BIDIRECTIONAL:
            graph.add_edge(link.consumer_id, link.provider_id, key=-link.id, **attrs)
    return graph


def components(graph) -> list[list[int]]:
    """Return the weakly connected components, largest first, each sorted."""
    found = [sorted(c) for c in nx.weakly_connected_components(graph)]
    return sorted(found, key=lambda c: (-len(c), c[0]))


def isolated_applications(landscape: Landscape, graph) -> list[int]:
    """Return the live applications that exchange data with no other application."""
    return sorted(
        app.id for app in landscape.applications
        if app.lifecycle != Lifecycle.RETIRED and graph.degree(app.id) == 0
    )


def hubs(graph, top: int = 10) -> list[Hub]:
    """Return the applications with the most links, with their betweenness centrality."""
    if graph.number_of_nodes() == 0:
        return []
    simple = nx.DiGraph(graph)
    k = None if simple.number_of_nodes() <= EXACT_BETWEENNESS_LIMIT else BETWEENNESS_SAMPLE
    between = nx.betweenness_centrality(simple, k=k, seed=7 if k else None)
    ranked = sorted(simple.nodes, key=lambda n: (-simple.degree(n), -between[n], n))
    return [Hub(n, simple.degree(n), round(between[n], 6)) for n in ranked[:top]
            if simple.degree(n) > 0]


def impact(graph, app_id: int) -> list[int]:
    """Return every application that depends, directly or not, on data from ``app_id``."""
    if app_id not in graph:
        return []
    return sorted(nx.descendants(graph, app_id))


def path(graph, source: int, target: int) -> list[int] | None:
    """Return the shortest chain of links between two applications, in either direction."""
    try:
        return nx.shortest_path(graph.to_undirected(as_view=True), source, target)
    except (nx.NetworkXNoPath, nx.NodeNotFound):
        return None


def cycles(graph, limit: int = 50) -> list[list[int]]:
    """Return up to ``limit`` data cycles (A feeds B feeds ... feeds A), shortest first."""
    # The reverse edge of a bidirectional link (negative key) is one exchange, not a cycle.
    simple = nx.DiGraph((u, v) for u, v, key in graph.edges(keys=True) if key >= 0)
    found = []
    for cycle in nx.simple_cycles(simple, length_bound=6):
        if len(cycle) < 2:
            continue
        start = cycle.index(min(cycle))
        found.append(cycle[start:] + cycle[:start])
        if len(found) >= limit * 4:
            break
    return sorted(found, key=lambda c: (len(c), c))[:limit]


def integrated_through_bus(landscape: Landscape) -> set[int]:
    """Return the ids of applications with an active link through the service bus."""
    result = set()
    for link in landscape.links:
        if link.status is LinkStatus.ACTIVE and link.channel is Channel.SERVICE_BUS:
            result.update((link.provider_id, link.consumer_id))
    return result
