"""Issue 17.1-17.2: every text given to Graphviz is plain text. A name shaped like an HTML-like
label, with a backslash, quotes or DOT escapes, renders as itself on every diagram kind, and
never makes dot read a file or put a link of its own into the SVG.
"""

import shutil
import xml.etree.ElementTree as ET

import pytest

from arch_models import blockers, diagrams
from arch_models import landscape as ls
from arch_models.errors import DiagramRenderError
from tests.arch_models.conftest import AS_OF, app, landscape_of, link

needs_dot = pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz dot not installed")

PROBE = '<<table><tr><td><img src="/etc/hostname"/></td></tr></table>>'
JS_LINK = '<<table href="javascript:alert(1)"><tr><td>x</td></tr></table>>'
NASTY = [PROBE, JS_LINK, "Aplikasi \\", "a\\\\", 'kutip " tengah', "\\N\\G\\E \\l",
         "<script>alert(1)</script>", "baris\nbaru", "[label=x]; a -> b"]


def _land(name, unit_name="Dinas Satu"):
    units = (ls.Unit(1, "U1", unit_name, acronym=unit_name), ls.Unit(2, "U2", "Dinas Dua"))
    return landscape_of(apps=[app(1, name=name, code=name[:20]), app(2, unit_id=2)],
                        links=[link(1, 1, 2, ls.Channel.DIRECT_API)], units=units)


def _all_kinds(land):
    found = blockers.find_blockers(land, as_of=AS_OF)
    url = lambda a: f"/inventory/applications/{a.id}"  # noqa: E731
    unit_url = lambda u: f"/integrations/graph?unit={u.id}"  # noqa: E731
    return [
        diagrams.build_landscape(land, url_for_app=url, url_for_unit=unit_url),
        diagrams.build_landscape(land, url_for_unit=unit_url, max_nodes=1),  # per OPD
        diagrams.build_unit(land, 1, url_for_app=url),
        diagrams.build_neighbourhood(land, 1, depth=2, url_for_app=url),
        diagrams.build_blockers(land, found, url_for_app=url, url_for_unit=unit_url),
        diagrams.build_blockers(land, found, url_for_unit=unit_url, max_nodes=1),
    ]


@needs_dot
@pytest.mark.parametrize("name", NASTY)
def test_any_name_renders_as_plain_text_on_every_diagram_kind(name):
    for dot in _all_kinds(_land(name, unit_name=name)):
        root = ET.fromstring(diagrams.render(dot, "svg"))
        tags = {element.tag.rsplit("}", 1)[-1] for element in root.iter()}
        assert not tags & {"image", "script", "foreignObject"}
        links = [value for element in root.iter() for key, value in element.attrib.items()
                 if key.endswith("href")]
        assert all(link.startswith(("/inventory/", "/integrations/")) for link in links)
        assert diagrams.render(dot, "png").startswith(b"\x89PNG")


@needs_dot
def test_an_html_like_name_is_shown_as_text_not_markup():
    svg = diagrams.render(diagrams.build_unit(_land(PROBE), 1), "svg").decode("utf-8")
    assert "&lt;&lt;table&gt;" in svg  # the name itself, escaped, in a text element


def test_the_dot_source_quotes_every_name():
    for name in NASTY:
        source = diagrams.build_unit(_land(name), 1).source
        assert "=<" not in source  # never passed unquoted, as an HTML-like label
    assert 'label="<<table' in diagrams.build_unit(_land(PROBE), 1).source


@needs_dot
def test_a_failing_render_does_not_show_dots_message_or_server_paths():
    import graphviz

    broken = graphviz.Digraph()
    broken.body.append('a [image="/etc/passwd" label=<oops>]')
    broken.body.append("this is not dot {")
    with pytest.raises(DiagramRenderError) as error:
        diagrams.render(broken, "svg")
    assert "/etc" not in str(error.value)
    assert "syntax" not in str(error.value).lower()
