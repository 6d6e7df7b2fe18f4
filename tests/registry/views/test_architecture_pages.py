"""Infrastructure pages: the overview and the record forms."""

import pytest

from registry import models
from registry.extensions import db


def test_overview_shows_centres_networks_and_unreached_units(client, auth, agency, unit,
                                                             other_unit):
    network = models.Network(agency_id=agency.id, code="NET", name="Intra Pemprov", units=[unit])
    db.session.add_all([network, models.DataCenter(agency_id=agency.id, code="SR", name="Ruang X",
                                                   kind="opd_server_room")])
    db.session.commit()
    auth.login("viewer")
    page = client.get("/architecture/infrastructure").text
    assert "Intra Pemprov" in page and "Ruang X" in page
    assert "1 OPD belum terjangkau" in page and "Disdik" in page


def test_network_form_records_the_units_reached(client, auth, agency, unit, other_unit):
    auth.login("architect")
    response = client.post("/architecture/networks/new", data={
        "code": "NET", "name": "Intra", "connected_to_jip": "1",
        "unit_ids": [str(unit.id), str(other_unit.id)]})
    assert response.status_code == 302
    network = db.session.query(models.Network).one()
    assert network.connected_to_jip and {u.id for u in network.units} == {unit.id, other_unit.id}


def test_data_centre_form_names_a_bad_tier(client, auth, agency):
    auth.login("architect")
    response = client.post("/architecture/data-centers/new", data={
        "code": "DC", "name": "DC", "kind": "own", "tier": "7"})
    assert response.status_code == 422 and "Harus antara 1 dan 4" in response.text


@pytest.mark.parametrize(("role", "status"), [("architect", 302), ("viewer", 403),
                                              ("opd_operator", 403)])
def test_service_bus_form_by_role(client, auth, agency, role, status):
    auth.login(role)
    response = client.post("/architecture/service-buses/new", data={
        "code": "ESB", "name": "ESB Prov", "connected_to_splp": "1"})
    assert response.status_code == status
