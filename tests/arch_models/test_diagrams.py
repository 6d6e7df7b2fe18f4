"""Diagram DOT holds the expected nodes, edges, colours and links; SVG renders through dot."""

import shutil
import xml.etree.ElementTree as ET

import pytest

from arch_models import blockers, diagrams
from arch_models import landscape as ls
from arch_models.errors import DiagramRenderError
from tests.arch_models.conftest import AS_OF, app, landscape_of, link

needs_dot = pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz dot not installed")
SVG = "{http://www.w3.org/2000/svg}"


def _url(a):
    return f"/inventory/applications/{a.id}"


def _unit_url(u):
    return f"/integrations/graph?unit={u.id}"


def _land():
    return landscape_of(
        apps=[app(1, name="SIMPEG"), app(2, name="e-Kinerja", unit_id=2),
              app(3, name="SP4N-LAPOR! & <Aduan>", consulted_ict_unit_on=None),
              app(4, lifecycle=ls.Lifecycle.RETIRED)],
        links=[link(1, 1, 2), link(2, 1, 3, ls.Channel.DIRECT_API), link(3, 4, 1)],
    )


def test_landscape_is_clustered_by_opd_with_links_to_pages():
    source = diagrams.build_landscape(_land(), url_for_app=_url).source
    assert "subgraph cluster_u1" in source
    assert "subgraph cluster_u2" in source
    assert 'URL="/inventory/applications/1"' in source
    assert "a1 -> a2" in source
    assert "a1 -> a3" in source
    assert "a4" not in source  # retired applications are not drawn


def test_edges_are_styled_by_channel():
    source = diagrams.build_landscape(_land()).source
    assert 'a1 -> a3 [color="#dc3545" style=dashed]' in source
    assert 'a1 -> a2 [color="#198754"]' in source


def test_dot_source_is_stable():
    assert diagrams.build_landscape(_land()).source == diagrams.build_landscape(_land()).source


def test_large_landscape_is_aggregated_per_opd_with_weighted_edges():
    apps = [app(i, unit_id=1 + i % 2) for i in range(1, 21)]
    links = [link(i, i, i + 1) for i in range(1, 20)]
    source = diagrams.build_landscape(landscape_of(apps=apps, links=links), max_nodes=10,
                                      url_for_unit=_unit_url).source
    assert "u1 -> u2" in source
    assert "dir=none" in source
    assert "10 aplikasi" in source
    assert "a1" not in source
    assert 'URL="/integrations/graph?unit=1"' in source
    assert "label=19" in source  # both directions of the 19 links, on one line


def test_blockers_view_colours_and_explains():
    land = _land()
    found = blockers.find_blockers(land, as_of=AS_OF)
    source = diagrams.build_blockers(land, found, url_for_app=_url).source
    assert 'a3 [label="SP4N-LAPOR! & <Aduan>"' in source
    red = [line for line in source.splitlines() if "#f8d7da" in line]
    green = [line for line in source.splitlines() if "#d1e7dd" in line]
    assert any(line.strip().startswith("a3 ") for line in red)
    assert any(line.strip().startswith("a1 ") for line in red)  # its point-to-point link
    assert any(line.strip().startswith("a2 ") for line in green)
    assert "bus [label=" in source
    assert "a1 -> bus" in source
    assert "bus -> a2" in source
    assert "konsultasi dengan unit TIK" in source


def test_only_blockers_filter_drops_compliant_applications():
    land = _land()
    found = blockers.find_blockers(land, as_of=AS_OF)
    source = diagrams.build_blockers(land, found, only_blockers=True).source
    assert "a2 " not in source
    assert "a3 " in source


def test_neighbourhood_depth_one_and_two():
    land = landscape_of(apps=[app(i) for i in range(1, 5)],
                        links=[link(1, 1, 2), link(2, 2, 3), link(3, 3, 4)])
    one = diagrams.build_neighbourhood(land, 2, depth=1).source
    two = diagrams.build_neighbourhood(land, 2, depth=2).source
    assert {"a1", "a2", "a3"} <= _nodes(one)
    assert "a4" not in _nodes(one)
    assert "a4" in _nodes(two)


def test_unit_view_shows_partners_of_its_applications():
    land = _land()
    source = diagrams.build_unit(land, 2).source
    assert "a1" in _nodes(source)
    assert "a2" in _nodes(source)
    assert "a3" not in _nodes(source)


def _nodes(source):
    return {line.split()[0] for line in source.splitlines()
            if line.strip().startswith("a") and "->" not in line}


def test_unknown_format_is_refused():
    with pytest.raises(DiagramRenderError):
        diagrams.render(diagrams.build_landscape(_land()), "gif")


def test_content_key_changes_with_the_source():
    one = diagrams.build_landscape(_land()).source
    assert diagrams.content_key(one) == diagrams.content_key(one)
    assert diagrams.content_key(one) != diagrams.content_key(one + " ")


@needs_dot
def test_svg_has_the_nodes_and_clickable_links():
    land = _land()
    svg = diagrams.to_svg(diagrams.build_blockers(
        land, blockers.find_blockers(land, as_of=AS_OF), url_for_app=_url))
    root = ET.fromstring(svg)
    titles = {t.text for t in root.iter(f"{SVG}title")}
    assert {"a1", "a2", "a3", "bus"} <= titles
    hrefs = {a.get("{http://www.w3.org/1999/xlink}href") for a in root.iter(f"{SVG}a")}
    assert "/inventory/applications/3" in hrefs


@needs_dot
def test_png_renders():
    assert diagrams.render(diagrams.build_landscape(_land()), "png")[:8] == b"\x89PNG\r\n\x1a\n"


def test_blockers_view_of_one_opd_shows_its_partners():
    land = _land()
    found = blockers.find_blockers(land, as_of=AS_OF)
    source = diagrams.build_blockers(land, found, unit_ids=[2]).source
    assert {"a1", "a2"} <= _nodes(source)
    assert "a3" not in _nodes(source)
