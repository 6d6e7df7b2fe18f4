"""Infrastructure pages: the overview and the record forms."""

import pytest

from registry import models
from registry.extensions import db
from tests.registry.builders import unchanged


def test_overview_shows_centres_networks_and_unreached_units(client, auth, agency, unit,
                                                             other_unit):
    network = models.Network(agency_id=agency.id, code="NET", name="Intra Pemprov", units=[unit])
    db.session.add_all([network, models.DataCenter(agency_id=agency.id, code="SR", name="Ruang X",
                                                   kind="opd_server_room")])
    db.session.commit()
    auth.login("viewer")
    page = client.get("/architecture/infrastructure").text
    assert "Intra Pemprov" in page
    assert "Ruang X" in page
    assert "1 OPD belum terjangkau" in page
    assert "Disdik" in page


def test_network_form_records_the_units_reached(client, auth, agency, unit, other_unit):
    auth.login("architect")
    response = client.post("/architecture/networks/new", data={
        "code": "NET", "name": "Intra", "connected_to_jip": "1",
        "unit_ids": [str(unit.id), str(other_unit.id)]})
    assert response.status_code == 302
    network = db.session.query(models.Network).one()
    assert network.connected_to_jip
    assert {u.id for u in network.units} == {unit.id, other_unit.id}


def test_data_centre_form_names_a_bad_tier(client, auth, agency):
    auth.login("architect")
    response = client.post("/architecture/data-centers/new", data={
        "code": "DC", "name": "DC", "kind": "own", "tier": "7"})
    assert response.status_code == 422
    assert "Harus antara 1 dan 4" in response.text


@pytest.mark.parametrize(("role", "status"), [("architect", 302), ("viewer", 403),
                                              ("opd_operator", 403)])
def test_service_bus_form_by_role(client, auth, agency, role, status):
    auth.login(role)
    response = client.post("/architecture/service-buses/new", data={
        "code": "ESB", "name": "ESB Prov", "connected_to_splp": "1"})
    assert response.status_code == status


def test_infrastructure_records_and_audits_are_deleted_in_the_pages(client, auth, agency,
                                                                    make_application):
    from datetime import date

    from registry.services import management

    auth.login("architect")
    used = models.DataCenter(agency_id=agency.id, code="DC", name="DC", kind="own")
    spare = models.DataCenter(agency_id=agency.id, code="SR", name="Ruang", kind="own")
    db.session.add_all([used, spare])
    db.session.commit()
    make_application(hosting_id=used.id)
    assert client.post(f"/architecture/data-centers/{spare.id}/delete").status_code == 302
    with unchanged(models.DataCenter, models.Application, models.ChangeLog):
        assert client.post(f"/architecture/data-centers/{used.id}/delete").status_code == 409
    assert db.session.query(models.DataCenter).count() == 1
    audit = management.create_audit({"agency_id": agency.id, "type": "security",
                                     "object_name": "DC", "performed_on": date(2026, 1, 1),
                                     "auditor_kind": "internal"}, actor=None)
    assert client.post(f"/architecture/audits/{audit.id}/delete").status_code == 302
    network = models.Network(agency_id=agency.id, code="N", name="Intra")
    db.session.add(network)
    db.session.commit()
    auth.login("viewer", suffix="2")
    with unchanged(models.Network, models.ChangeLog):
        assert client.post(f"/architecture/networks/{network.id}/delete").status_code == 403
    assert db.session.get(models.Network, network.id) is not None
