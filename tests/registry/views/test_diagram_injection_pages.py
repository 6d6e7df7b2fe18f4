"""Issue 17.1-17.2 on the served pages: a hostile application name renders as text on every
page that inlines a diagram, in every download, and a diagram that fails leaves the page up.
"""

import pytest

from arch_models.errors import DiagramRenderError
from registry.services import analysis, integrations

PROBE = '<<table><tr><td><img src="/etc/hostname"/></td></tr></table>>'
JS_LINK = '<<table href="javascript:alert(1)"><tr><td>x</td></tr></table>>'


@pytest.fixture(params=[PROBE, JS_LINK, "Aplikasi \\", "<script>alert(1)</script>"])
def hostile(request, make_application, other_unit):
    """A hostile application of one OPD, linked to an application of another OPD."""
    bad = make_application(name=request.param)
    neighbour = make_application(name="Tetangga", owner_unit_id=other_unit.id)
    integrations.create_link({"provider_id": bad.id, "consumer_id": neighbour.id,
                              "channel": "direct_api", "status": "active"}, actor=None)
    return bad, neighbour


def _svg_is_plain(page):
    assert "<image" not in page
    assert 'href="javascript:' not in page
    assert "<script>alert(1)" not in page


def test_every_page_with_a_diagram_renders_a_hostile_name(client, auth, hostile, other_unit):
    bad, neighbour = hostile
    auth.login("viewer")
    for path in (f"/inventory/applications/{bad.id}",
                 f"/inventory/applications/{neighbour.id}",
                 f"/inventory/applications/{neighbour.id}?depth=2",
                 "/integrations/graph", f"/integrations/graph?unit={other_unit.id}",
                 "/integrations/blockers", "/integrations/blockers?only_blockers=1"):
        response = client.get(path)
        assert response.status_code == 200, path
        _svg_is_plain(response.text)
    for fmt in ("svg", "png", "dot"):
        for kind, target in (("landscape", ""), ("blockers", ""), ("app", bad.id),
                             ("opd", other_unit.id)):
            response = client.get(f"/integrations/diagram.{fmt}?kind={kind}&target={target}")
            assert response.status_code == 200, (fmt, kind)
            if fmt == "svg":
                _svg_is_plain(response.text)


def test_a_diagram_that_fails_leaves_the_page_up_with_a_note(client, auth, hostile,
                                                             monkeypatch):
    bad, _neighbour = hostile

    def broken(dot, fmt):
        raise DiagramRenderError("Graphviz gagal menggambar diagram ini.")

    monkeypatch.setattr(analysis, "render_diagram", broken)
    auth.login("viewer")
    for path in (f"/inventory/applications/{bad.id}", "/integrations/graph",
                 "/integrations/blockers"):
        response = client.get(path)
        assert response.status_code == 200, path
        assert "Diagram tidak dapat digambar" in response.text
