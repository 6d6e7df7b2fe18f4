"""Reference codes: the catalogue, and the codes an application carries."""

import pytest

from registry import models
from registry.errors import ValidationFailedError
from registry.extensions import db
from registry.services import inventory, reference


def test_catalogue_normalises_codes_and_refuses_duplicates(agency):
    entry = reference.create_entry({"agency_id": agency.id, "code": "ral.2.3.2",
                                    "name": "Layanan kepegawaian"}, actor=None)
    assert entry.code == "RAL.02.03.02" and entry.prefix == "RAL"
    with pytest.raises(ValidationFailedError) as caught:
        reference.create_entry({"agency_id": agency.id, "code": "RAL.02.03.02", "name": "x"},
                               actor=None)
    assert "code" in caught.value.errors
    with pytest.raises(ValidationFailedError):
        reference.create_entry({"agency_id": agency.id, "code": "XYZ.1", "name": "x"},
                               actor=None)
    assert reference.counts_by_prefix(agency.id) == {"RAB": 0, "RAD": 0, "RAL": 1, "RAA": 0,
                                                     "RAI": 0, "RAK": 0}


def test_application_codes_are_normalised_and_checked(unit, agency):
    backup = models.DataCenter(agency_id=agency.id, code="DR", name="DRC", kind="cloud")
    db.session.add(backup)
    db.session.commit()
    app = inventory.create_application(
        {"code": "A1", "name": "SIMPEG", "owner_unit_id": unit.id,
         "service_codes": ["ral.2.3.2", "RAL.02.03.02"], "data_codes": ["Rad.4.1"],
         "backup_hosting_id": backup.id}, actor=None)
    assert app.service_codes == ["RAL.02.03.02"] and app.data_codes == ["RAD.04.01"]
    assert app.backup_hosting_id == backup.id
    with pytest.raises(ValidationFailedError) as caught:
        inventory.create_application({"code": "A2", "name": "X", "owner_unit_id": unit.id,
                                      "service_codes": ["RAD.01"], "backup_hosting_id": 999},
                                     actor=None)
    assert set(caught.value.errors) == {"service_codes", "backup_hosting_id"}


def test_form_takes_codes_separated_by_commas(client, auth, unit):
    auth.login("architect")
    response = client.post("/inventory/applications/new", data={
        "code": "SIAP", "name": "SIAP", "owner_unit_id": str(unit.id),
        "service_codes": "RAL.2.3.2, ral.02.03.03", "data_codes": ""})
    assert response.status_code == 302
    app = db.session.query(models.Application).one()
    assert app.service_codes == ["RAL.02.03.02", "RAL.02.03.03"] and app.data_codes == []
    listed = client.get("/inventory/applications?missing=services").text
    assert f'/inventory/applications/{app.id}"' not in listed


def test_catalogue_page_and_api(client, auth, agency, token_for):
    auth.login("architect")
    added = client.post("/architecture/reference", data={"code": "rab.1.1", "name": "Urusan"})
    assert added.status_code == 302
    page = client.get("/architecture/reference").text
    assert "RAB.01.01" in page and "RAB: 1" in page
    bad = client.post("/architecture/reference", data={"code": "NOPE", "name": "x"})
    assert bad.status_code == 422 and "bukan kode referensi" in bad.text
    headers = token_for("admin")
    listed = client.get("/api/v1/reference-entries", headers=headers).json
    entry_id = listed[0]["id"]
    patched = client.patch(f"/api/v1/reference-entries/{entry_id}", headers=headers,
                           json={"name": "Urusan pemerintahan", "version": 1})
    assert patched.json.get("name") == "Urusan pemerintahan", patched.json
    assert client.delete(f"/api/v1/reference-entries/{entry_id}",
                         headers=headers).status_code == 204
    assert client.post("/api/v1/reference-entries", headers=token_for("viewer"), json={
        "agency_id": agency.id, "code": "RAK.01", "name": "x"}).status_code == 403
