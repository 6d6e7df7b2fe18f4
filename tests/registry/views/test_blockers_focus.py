"""The province blockers diagram draws what blocks first: the records of the quickest lifts.

Issue 19.5: a province's blockers view leads with the few applications and links whose fix lifts
a level most, and its diagram shows those rather than every application of every OPD.
"""

import re

import pytest

from registry.services import analysis, demo

NODE = re.compile(r'<g id="node\d+" class="node">\s*<title>([^<]+)</title>')


@pytest.fixture
def province(app):
    demo.load_demo(apps=200, links=250)


def _sign_in(client):
    response = client.post("/auth/login", data={"email": "arsitek@demo.go.id",
                                                "password": demo.DEMO_PASSWORD})
    assert response.status_code == 302


def _drawn(html):
    """The node ids of the page's diagram (applications are drawn as a<id>)."""
    svg = html[html.index("<svg"):html.index("</svg>")]
    return set(NODE.findall(svg))


def _lift_apps(report):
    """The applications named by the quickest lifts the page lists (five per lift)."""
    providers = {link.id: (link.provider_id, link.consumer_id) for link in report.landscape.links}
    apps = set()
    for lift in analysis.quickest_lifts(report):
        for blocker in lift.blockers[:5]:
            if blocker.subject_kind == "application":
                apps.add(blocker.subject_id)
            elif blocker.subject_kind == "link":
                apps.update(providers.get(blocker.subject_id, ()))
    return apps


def test_the_province_diagram_draws_the_quickest_lifts_by_default(client, province):
    _sign_in(client)
    report = analysis.blocker_report(analysis.resolve_agency())
    wanted = {f"a{i}" for i in _lift_apps(report)}
    assert wanted, "the demo has lifts"
    html = client.get("/integrations/blockers").text
    drawn = {n for n in _drawn(html) if re.fullmatch(r"a\d+", n)}
    assert drawn == wanted
    assert 'value="top" selected' in html or 'id="show-top" checked' in html


def test_every_application_is_drawn_when_asked(client, province):
    _sign_in(client)
    report = analysis.blocker_report(analysis.resolve_agency())
    html = client.get("/integrations/blockers?show=all").text
    assert "<svg" in html
    top = client.get("/integrations/blockers").text
    # "all" draws more than the default (or aggregates per OPD past the node limit)
    assert len(_drawn(html)) != len(_drawn(top))
    assert len(report.landscape.applications) > len(_lift_apps(report))


def test_the_old_only_blockers_link_still_draws_every_blocking_application(client, province):
    _sign_in(client)
    report = analysis.blocker_report(analysis.resolve_agency())
    blocked = {b.subject_id for b in report.blockers if b.subject_kind == "application"}
    html = client.get("/integrations/blockers?only_blockers=1").text
    drawn = {n for n in _drawn(html) if re.fullmatch(r"a\d+", n)}
    if drawn:  # drawn per application (not aggregated per OPD)
        assert {f"a{i}" for i in blocked} <= drawn


def test_the_download_draws_what_the_page_draws(client, province):
    _sign_in(client)
    page = client.get("/integrations/blockers").text
    source = client.get("/integrations/diagram.dot?kind=blockers&show=top").text
    drawn = {n for n in _drawn(page) if re.fullmatch(r"a\d+", n)}
    assert drawn
    for node in drawn:
        assert f"\t{node} [" in source


def test_an_unknown_show_value_is_refused(client, province):
    _sign_in(client)
    assert client.get("/integrations/blockers?show=%3Cb%3E").status_code == 400
