"""Issue 17.3-17.4 in the API: control, broken or invisible characters in names are refused."""


import pytest


@pytest.mark.parametrize("name", ["Aplikasi\x01", "\u200b\u200b", "a\ud800b", "x\x1fy"])
def test_the_api_refuses_control_broken_or_invisible_names(client, unit, token_for, name):
    response = client.post("/api/v1/applications", headers=token_for("architect"), json={
        "code": "BAD-1", "name": name, "owner_unit_id": unit.id, "kind": "khusus",
        "lifecycle": "production"})
    assert response.status_code == 422
    assert "name" in response.json["errors"]
