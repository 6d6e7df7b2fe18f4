"""Issue 17.14 in the services: the bounded queries give what the whole landscape gives."""


import pytest

from arch_models import diagrams
from arch_models.landscape import Channel, LinkStatus
from registry import models, snapshots
from registry.extensions import db
from registry.services import analysis, demo, desk

# --- the same drawings and figures as from the whole landscape -------------------------------

@pytest.fixture
def province(app):
    """The demo province: 300 applications with every kind of link, lifecycle and hosting."""
    demo.load_demo(with_users=False)
    return analysis.resolve_agency()


FILTERS = [{}, {"statuses": (LinkStatus.ACTIVE, LinkStatus.PROPOSED, LinkStatus.RETIRED)},
           {"channels": (Channel.DIRECT_API, Channel.HYPERLINK)}]


@pytest.mark.parametrize("filters", FILTERS)
@pytest.mark.parametrize("max_nodes", [1, 30, analysis.MAX_DIAGRAM_NODES, 10**6])
def test_bounded_graph_draws_what_the_whole_landscape_draws(province, max_nodes, filters):
    land = snapshots.load_landscape(province.id)
    unit_url = lambda u: f"/integrations/graph?unit={u.id}"  # noqa: E731
    app_url = lambda a: f"/inventory/applications/{a.id}"  # noqa: E731
    common = {"url_for_app": app_url, "url_for_unit": unit_url, "max_nodes": max_nodes,
              **filters}
    assert analysis.graph_view(province, **common).dot.source == \
        diagrams.build_landscape(land, **common).source
    for unit in land.units[:8]:
        assert analysis.graph_view(province, unit_id=unit.id, **common).dot.source == \
            diagrams.build_unit(land, unit.id, **common).source


def test_bounded_graph_figures_are_graph_datas(province):
    land = snapshots.load_landscape(province.id)
    for unit_id in (None, *(u.id for u in land.units)):
        whole = analysis.graph_data(province, unit_id=unit_id)
        counted = analysis.graph_figures(province, unit_id=unit_id)
        assert (counted.applications, counted.links, counted.isolated) == (
            len(whole["nodes"]), len(whole["edges"]), len(whole["isolated"])), unit_id


@pytest.mark.parametrize("statuses", [(LinkStatus.ACTIVE,), tuple(LinkStatus)])
@pytest.mark.parametrize("depth", [1, 2])
def test_neighbourhood_from_the_database_is_the_whole_landscapes(province, depth, statuses):
    land = snapshots.load_landscape(province.id)
    for application in land.applications[::25]:
        assert analysis.build_diagram(province, "app", target=application.id, depth=depth,
                                      statuses=statuses).source == \
            diagrams.build_neighbourhood(land, application.id, depth=depth,
                                         statuses=statuses).source


def test_desk_lists_from_the_database_are_what_the_rules_find(province):
    """The SQL conditions of the paged lists say what the stale rule and _lacks say."""
    from registry.models.base import utcnow
    from registry.services import opd_scorecard

    stale_before = utcnow() - opd_scorecard.STALE_AFTER
    for unit in db.session.scalars(db.select(models.Unit)):
        live = [a for a in unit_applications(unit) if a.lifecycle in opd_scorecard.LIVE]
        found = desk.desk(unit.id)
        assert found.stale_application_page.pages == 1
        assert [a.id for a in found.stale_applications] == [
            a.id for a in live if a.confirmed_at is None or a.confirmed_at < stale_before]
        expected = [(a.id, [text for name, text in desk.EVIDENCE_GAPS if desk._lacks(a, name)])
                    for a in live]
        assert [(a.id, gaps) for a, gaps in found.evidence] == [
            (id_, gaps) for id_, gaps in expected if gaps]


def unit_applications(unit):
    """Return an OPD's applications in the desk's order (name, then id)."""
    app = models.Application
    return db.session.scalars(db.select(app).where(app.owner_unit_id == unit.id)
                              .order_by(app.name, app.id)).all()


def test_one_opds_facts_are_its_facts_among_all(province):
    """The desk counts one OPD's facts alone; they are that OPD's line of the scorecard."""
    from registry.services import opd_scorecard

    everyone = {f.unit_id: f for f in opd_scorecard.gather_facts(province.id)}
    for unit_id, facts in everyone.items():
        assert opd_scorecard.gather_facts(province.id, unit_id=unit_id) == [facts]
