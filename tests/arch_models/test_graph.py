"""Graph analysis on small hand-made landscapes."""

from arch_models import graph
from arch_models.landscape import Channel, LinkDirection, LinkStatus
from tests.arch_models.conftest import app, landscape_of, link


def _chain():
    # 1 -> 2 -> 3, 4 -> 2, 5 alone, 6 only hyperlinked to 1
    return landscape_of(
        apps=[app(i) for i in range(1, 7)],
        links=[link(1, 1, 2), link(2, 2, 3), link(3, 4, 2, Channel.DIRECT_API),
               link(4, 6, 1, Channel.HYPERLINK)],
    )


def test_graph_leaves_out_hyperlinks_and_inactive_links():
    land = landscape_of(apps=[app(1), app(2), app(3)],
                        links=[link(1, 1, 2, Channel.HYPERLINK),
                               link(2, 2, 3, status=LinkStatus.RETIRED)])
    assert graph.build_integration_graph(land).number_of_edges() == 0
    with_all = graph.build_integration_graph(land, include_hyperlinks=True,
                                             statuses=tuple(LinkStatus))
    assert with_all.number_of_edges() == 2


def test_bidirectional_link_adds_the_reverse_edge():
    land = landscape_of(apps=[app(1), app(2)],
                        links=[link(1, 1, 2, direction=LinkDirection.BIDIRECTIONAL)])
    g = graph.build_integration_graph(land)
    assert g.has_edge(1, 2)
    assert g.has_edge(2, 1)


def test_components_largest_first():
    g = graph.build_integration_graph(_chain())
    assert graph.components(g) == [[1, 2, 3, 4], [5], [6]]


def test_hyperlink_only_application_counts_as_isolated():
    land = _chain()
    assert graph.isolated_applications(land, graph.build_integration_graph(land)) == [5, 6]


def test_hub_is_the_most_connected_application():
    top = graph.hubs(graph.build_integration_graph(_chain()), top=2)
    assert top[0].app_id == 2
    assert top[0].degree == 3
    assert top[0].betweenness > 0
    assert len(top) == 2


def test_impact_follows_data_downstream_only():
    g = graph.build_integration_graph(_chain())
    assert graph.impact(g, 1) == [2, 3]
    assert graph.impact(g, 3) == []
    assert graph.impact(g, 99) == []


def test_path_ignores_direction_and_reports_none_when_apart():
    g = graph.build_integration_graph(_chain())
    assert graph.path(g, 3, 4) == [3, 2, 4]
    assert graph.path(g, 1, 5) is None


def test_cycles_are_found_but_a_two_way_link_is_not_one():
    land = landscape_of(apps=[app(i) for i in range(1, 5)],
                        links=[link(1, 1, 2), link(2, 2, 3), link(3, 3, 1),
                               link(4, 3, 4, direction=LinkDirection.BIDIRECTIONAL)])
    assert graph.cycles(graph.build_integration_graph(land)) == [[1, 2, 3]]


def test_integrated_through_bus_counts_only_active_bus_links():
    land = landscape_of(apps=[app(i) for i in range(1, 5)],
                        links=[link(1, 1, 2), link(2, 3, 4, Channel.DIRECT_API),
                               link(3, 2, 3, status=LinkStatus.PROPOSED)])
    assert graph.integrated_through_bus(land) == {1, 2}
