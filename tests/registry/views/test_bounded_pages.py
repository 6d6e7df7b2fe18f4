"""Pages bounded whatever the data (issue 17, finding 14): work bounded by what a page shows.

An agency of a few thousand applications, inserted in bulk, stands in for one of 100,000: the
tests count what a page loads (ORM rows and snapshot rows) and what it sends (HTML bytes,
table rows), never the time it takes.
"""

import re
from contextlib import contextmanager

import pytest
from sqlalchemy import event, insert

from registry import models, snapshots
from registry.extensions import db
from registry.services import analysis, desk

#: applications of the large agency: BIG owns most, SMALL a few, the others the rest
BIG, SMALL, OTHERS = 1400, 20, (290, 290)
#: stale, never-confirmed domains of BIG
DOMAINS = 300
#: rows a bounded page may load: its OPDs, its counts, one page of a list, a few records
ROW_BUDGET = 400
#: bytes of HTML a bounded page may send
HTML_BUDGET = 200_000


@pytest.fixture
def rows_loaded(app, monkeypatch):
    """Return a context manager counting the rows a request loads: ORM objects, and the
    tuples the snapshot bridge reads (the landscape's applications, links, OPDs …).
    """

    @contextmanager
    def counting():
        counts = {"orm": 0, "snapshot": 0}

        def on_load(target, context):
            counts["orm"] += 1

        def counted(fetch):
            def wrapper(stmt):
                rows = fetch(stmt)
                counts["snapshot"] += len(rows)
                return rows
            return wrapper

        monkeypatch.setattr(snapshots, "_tuples", counted(snapshots._tuples))
        monkeypatch.setattr(snapshots, "_rows", counted(snapshots._rows))
        event.listen(db.Model, "load", on_load, propagate=True)
        try:
            yield counts
        finally:
            event.remove(db.Model, "load", on_load)
            monkeypatch.undo()

    return counting


def _total(counts):
    return counts["orm"] + counts["snapshot"]


@pytest.fixture
def large_agency(agency, unit, other_unit, make_unit):
    """An agency of 2,000 applications in four OPDs, chained by links, with BIG's domains.

    ``unit`` is BIG (1,400 applications), ``other_unit`` SMALL (20, each also linked to one of
    BIG's), two more OPDs share the rest. Every application is unconfirmed and lacks its
    reference code, so the desk has a stale record and an evidence gap for each.
    """
    third, fourth = make_unit(), make_unit()
    owners = ([unit.id] * BIG + [other_unit.id] * SMALL + [third.id] * OTHERS[0]
              + [fourth.id] * OTHERS[1])
    lifecycles = ("retired", "planned") + ("production",) * 18
    db.session.execute(insert(models.Application), [
        {"agency_id": agency.id, "code": f"BULK-{n:05d}", "name": f"Aplikasi Massal {n:05d}",
         "kind": "khusus", "owner_unit_id": owner, "lifecycle": lifecycles[n % 20],
         "service_codes": [], "data_codes": [], "version": 1}
        for n, owner in enumerate(owners)])
    ids = dict(db.session.execute(db.select(models.Application.code, models.Application.id)).all())
    ordered = [ids[f"BULK-{n:05d}"] for n in range(len(owners))]
    links = [(ordered[n], ordered[n + 1], "service_bus" if n % 2 else "direct_api")
             for n in range(len(ordered) - 1)]
    links += [(ordered[BIG + n], ordered[n], "service_bus") for n in range(SMALL)]
    db.session.execute(insert(models.IntegrationLink), [
        {"agency_id": agency.id, "provider_id": provider, "consumer_id": consumer,
         "channel": channel, "status": "active", "direction": "provider_to_consumer", "version": 1}
        for provider, consumer, channel in links])
    db.session.execute(insert(models.DomainName), [
        {"agency_id": agency.id, "fqdn": f"layanan{n}.contohprov.go.id", "unit_id": unit.id,
         "status": "active", "hosted_in_indonesia": True, "version": 1}
        for n in range(DOMAINS)])
    db.session.commit()
    return {"big": unit, "small": other_unit, "apps": ordered}


def _svg_nodes(html):
    """Count the nodes of the inline diagram (Graphviz writes one <g class="node"> each)."""
    return html.count('class="node"')


# --- the integration graph --------------------------------------------------------------------

def test_graph_page_of_a_large_agency_counts_and_draws_without_loading_applications(
        client, auth, large_agency, rows_loaded):
    auth.login("viewer")
    with rows_loaded() as loaded:
        page = client.get("/integrations/graph")
    assert page.status_code == 200
    assert _total(loaded) < ROW_BUDGET, loaded
    assert len(page.data) < HTML_BUDGET
    assert _svg_nodes(page.text) <= 4  # one box per OPD
    assert "2000 aplikasi" in page.text
    assert f"{1999 + SMALL} tautan" in page.text
    assert "satu kotak untuk tiap OPD" in page.text


def test_graph_page_of_a_large_opd_is_drawn_per_opd_and_says_why(
        client, auth, large_agency, rows_loaded):
    auth.login("viewer")
    big = large_agency["big"]
    with rows_loaded() as loaded:
        page = client.get(f"/integrations/graph?unit={big.id}")
    assert page.status_code == 200
    assert _total(loaded) < ROW_BUDGET, loaded
    assert _svg_nodes(page.text) <= 4
    note = re.search(r'id="aggregated-note">(.*?)</div>', page.text, re.S).group(1)
    assert "lebih dari 150 yang dapat digambar satu per satu" in note
    assert f"/inventory/applications?agency={big.agency_id}&amp;unit={big.id}" in note


def test_graph_page_of_a_small_opd_in_a_large_agency_loads_only_what_it_draws(
        client, auth, large_agency, rows_loaded):
    auth.login("viewer")
    with rows_loaded() as loaded:
        page = client.get(f"/integrations/graph?unit={large_agency['small'].id}")
    assert page.status_code == 200
    # its 20 applications, the partners they reach, the links between them, the OPDs
    assert loaded["snapshot"] < 150, loaded
    assert 20 <= _svg_nodes(page.text) <= 50
    assert "aggregated-note" not in page.text


def test_application_page_in_a_large_agency_loads_only_its_neighbourhood(
        client, auth, large_agency, rows_loaded):
    auth.login("viewer")
    hub = large_agency["apps"][2]  # one of BIG's: chained on, and fed by one of SMALL's
    with rows_loaded() as loaded:
        page = client.get(f"/inventory/applications/{hub}")
    assert page.status_code == 200
    assert loaded["snapshot"] < 50, loaded


def test_diagram_download_of_a_large_agency_loads_no_applications(
        client, auth, large_agency, rows_loaded):
    auth.login("viewer")
    with rows_loaded() as loaded:
        response = client.get("/integrations/diagram.dot")
    assert response.status_code == 200
    assert b"aplikasi" in response.data
    assert _total(loaded) < ROW_BUDGET, loaded


def test_blockers_page_judges_the_agency_once_and_lists_a_bounded_page(
        client, auth, large_agency, rows_loaded):
    auth.login("viewer")
    with rows_loaded() as loaded:
        page = client.get("/integrations/blockers")
    assert page.status_code == 200
    # the summary covers the whole agency, so its landscape is read, but once (not again for
    # the diagram): its applications, links and OPDs, and a few infrastructure rows
    once = len(large_agency["apps"]) + len(large_agency["apps"]) + SMALL + 4
    assert loaded["snapshot"] < once * 1.2, loaded
    listed = re.findall(r"<details.*?</details>", page.text, re.S)
    assert listed
    assert all(d.count("<tr>") <= analysis.BLOCKERS_SHOWN + 2 for d in listed)
    assert "lainnya (unduh JSON dari API untuk daftar lengkap)" in page.text


# --- the OPD desk -----------------------------------------------------------------------------

def test_desk_of_a_large_opd_shows_a_page_of_each_list(client, auth, large_agency,
                                                       rows_loaded):
    auth.login("architect")
    big = large_agency["big"]
    with rows_loaded() as loaded:
        page = client.get(f"/units/{big.id}/desk")
    assert page.status_code == 200
    assert len(page.data) < HTML_BUDGET
    assert loaded["orm"] < ROW_BUDGET, loaded
    stale = page.text.count('name="application_ids"') + page.text.count('name="domain_ids"')
    assert stale == 2 * desk.DESK_PAGE_SIZE
    live = BIG * 18 // 20
    assert f"Belum dikonfirmasi: {live} aplikasi dan {DOMAINS} domain" in page.text
    assert f"{live} aplikasi belum lengkap buktinya" in page.text


def test_desk_pages_through_each_list(client, auth, large_agency):
    auth.login("architect")
    big = large_agency["big"]
    first = client.get(f"/units/{big.id}/desk").text
    assert f"/units/{big.id}/desk?stale_applications_page=2" in first
    assert f"/units/{big.id}/desk?evidence_page=2" in first
    second = client.get(f"/units/{big.id}/desk?stale_applications_page=2").text
    names = set(re.findall(r"Aplikasi Massal \d{5}", first))
    again = set(re.findall(r'aria-label="(Aplikasi Massal \d{5})"', second))
    assert len(again) == desk.DESK_PAGE_SIZE
    assert not again & names
    last = client.get(f"/units/{big.id}/desk?stale_domains_page=999").text
    assert last.count('name="domain_ids"') == DOMAINS - 5 * desk.DESK_PAGE_SIZE
