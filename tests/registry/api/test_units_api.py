"""The OPD API: master data kept by admins and architects."""

import pytest

from registry import models
from tests.registry.builders import unchanged

URL = "/api/v1/units"


def test_list_and_get(client, unit, token_for):
    headers = token_for("viewer")
    assert [u["code"] for u in client.get(URL, headers=headers).json] == ["DINKES"]
    assert client.get(f"{URL}/{unit.id}", headers=headers).json["name"] == "Dinas Kesehatan"


@pytest.mark.parametrize(("role", "status"), [("admin", 201), ("architect", 201),
                                              ("reviewer", 403), ("viewer", 403),
                                              ("opd_operator", 403)])
def test_create_by_role(client, agency, unit, token_for, role, status):
    body = {"agency_id": agency.id, "code": "BAPPEDA", "name": "Bappeda"}
    assert client.post(URL, json=body, headers=token_for(role)).status_code == status


BAD = [({"code": None}, "code"), ({"name": "x" * 201}, "name"), ({"agency_id": 999}, "agency_id"),
       ({"agency_id": "satu"}, "agency_id"), ({"is_ict_unit": "mungkin"}, "is_ict_unit"),
       ({"code": "DINKES"}, "code")]


@pytest.mark.parametrize(
    ("change", "field"), BAD, ids=[f"{f}-{i}" for i, (_c, f) in enumerate(BAD)]
)
def test_bad_input_names_the_field(client, agency, unit, token_for, change, field):
    body = {"agency_id": agency.id, "code": "BAPPEDA", "name": "Bappeda"} | change
    headers = token_for("architect")
    with unchanged(models.Unit, models.ChangeLog):
        response = client.post(URL, json=body, headers=headers)
    assert response.status_code == 422
    assert field in response.json["errors"]


def test_stale_patch_is_409(client, unit, token_for):
    headers = token_for("architect")
    assert client.patch(f"{URL}/{unit.id}", json={"name": "A", "version": 1},
                        headers=headers).status_code == 200
    with unchanged(models.Unit, models.ChangeLog):
        assert client.patch(f"{URL}/{unit.id}", json={"name": "B", "version": 1},
                            headers=headers).status_code == 409
    history = client.get(f"{URL}/{unit.id}/history", headers=headers).json
    assert [h["action"] for h in history] == ["update", "create"]
