"""Infrastructure API: data centres, intra networks, service buses."""

import pytest

from registry import models
from registry.extensions import db
from tests.registry.builders import snapshot, unchanged


def test_data_centre_lifecycle_with_change_log(client, agency, token_for):
    headers = token_for("architect")
    created = client.post("/api/v1/data-centers", headers=headers, json={
        "agency_id": agency.id, "code": "DC1", "name": "Pusat Data Provinsi", "kind": "own",
        "tier": 3, "uses_pdn": False})
    assert created.status_code == 201, created.json
    dc_id = created.json["id"]
    patched = client.patch(f"/api/v1/data-centers/{dc_id}", headers=headers,
                           json={"uses_pdn": True, "version": 1})
    assert patched.json["uses_pdn"] is True
    assert patched.json["version"] == 2
    with unchanged(models.DataCenter, models.ChangeLog):
        stale = client.patch(f"/api/v1/data-centers/{dc_id}", headers=headers,
                             json={"uses_pdn": False, "version": 1})
    assert stale.status_code == 409
    assert client.delete(f"/api/v1/data-centers/{dc_id}", headers=headers).status_code == 204
    actions = [c.action.value for c in db.session.query(models.ChangeLog)
               .filter_by(object_type="data_centers")]
    assert sorted(actions) == ["create", "delete", "update"]


def test_data_centre_hosting_applications_cannot_be_deleted(client, agency, unit,
                                                             make_application, token_for):
    headers = token_for("admin")
    dc = client.post("/api/v1/data-centers", headers=headers, json={
        "agency_id": agency.id, "code": "DC1", "name": "DC", "kind": "own"}).json
    make_application(hosting_id=dc["id"])
    with unchanged(models.DataCenter, models.Application, models.ChangeLog):
        response = client.delete(f"/api/v1/data-centers/{dc['id']}", headers=headers)
    assert response.status_code == 409


@pytest.mark.parametrize(("body", "field"), [
    ({"kind": "castle"}, "kind"), ({"tier": 9}, "tier"), ({"code": ""}, "code"),
    ({"agency_id": 999}, "agency_id"), ({"uses_pdn": "maybe"}, "uses_pdn"),
])
def test_bad_data_centre_input_names_the_field(client, agency, token_for, body, field):
    base = {"agency_id": agency.id, "code": "DC1", "name": "DC", "kind": "own"}
    headers = token_for("architect")
    with unchanged(models.DataCenter, models.ChangeLog):
        response = client.post("/api/v1/data-centers", headers=headers, json=base | body)
    assert response.status_code == 422
    assert field in response.json["errors"]


def test_network_reach_is_recorded_and_versioned(client, agency, unit, other_unit, token_for):
    headers = token_for("architect")
    net = client.post("/api/v1/networks", headers=headers, json={
        "agency_id": agency.id, "code": "NET", "name": "Intra", "unit_ids": [unit.id]}).json
    assert net["unit_ids"] == [unit.id]
    moved = client.patch(f"/api/v1/networks/{net['id']}", headers=headers,
                         json={"unit_ids": [unit.id, other_unit.id], "version": 1}).json
    assert moved["unit_ids"] == sorted([unit.id, other_unit.id])
    assert moved["version"] == 2
    with unchanged(models.Network, models.ChangeLog):
        unknown = client.post("/api/v1/networks", headers=headers, json={
            "agency_id": agency.id, "code": "N2", "name": "X", "unit_ids": [424242]})
    assert unknown.status_code == 422
    assert "unit_ids" in unknown.json["errors"]


def test_service_bus_refuses_a_foreign_data_centre(client, agency, token_for):
    other = models.Agency(code="LAIN", name="Lain", kind="kota")
    db.session.add(other)
    db.session.flush()
    foreign = models.DataCenter(agency_id=other.id, code="X", name="X", kind="own")
    db.session.add(foreign)
    db.session.commit()
    headers = token_for("architect")
    with unchanged(models.ServiceBus, models.ChangeLog):
        response = client.post("/api/v1/service-buses", headers=headers, json={
            "agency_id": agency.id, "code": "ESB", "name": "ESB", "data_center_id": foreign.id})
    assert response.status_code == 422
    assert "data_center_id" in response.json["errors"]


@pytest.mark.parametrize(("role", "status"), [("admin", 201), ("architect", 201),
                                              ("reviewer", 403), ("viewer", 403),
                                              ("opd_operator", 403)])
def test_infrastructure_writes_by_role(client, agency, token_for, role, status):
    headers = token_for(role)
    before = snapshot(models.ServiceBus, models.ChangeLog)
    response = client.post("/api/v1/service-buses", headers=headers, json={
        "agency_id": agency.id, "code": "ESB", "name": "ESB", "connected_to_splp": True})
    assert response.status_code == status
    if status == 403:
        assert snapshot(models.ServiceBus, models.ChangeLog) == before
