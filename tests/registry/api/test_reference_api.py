"""The reference catalogue page and its JSON API."""

from registry import models
from tests.registry.builders import unchanged


def test_catalogue_page_and_api(client, auth, agency, token_for):
    auth.login("architect")
    added = client.post("/architecture/reference", data={"code": "rab.1.1", "name": "Urusan"})
    assert added.status_code == 302
    page = client.get("/architecture/reference").text
    assert "RAB.01.01" in page
    assert "RAB: 1" in page
    with unchanged(models.ReferenceEntry, models.ChangeLog):
        bad = client.post("/architecture/reference", data={"code": "NOPE", "name": "x"})
    assert bad.status_code == 422
    assert "bukan kode referensi" in bad.text
    headers = token_for("admin")
    listed = client.get("/api/v1/reference-entries", headers=headers).json
    entry_id = listed[0]["id"]
    patched = client.patch(f"/api/v1/reference-entries/{entry_id}", headers=headers,
                           json={"name": "Urusan pemerintahan", "version": 1})
    assert patched.json.get("name") == "Urusan pemerintahan", patched.json
    assert client.delete(f"/api/v1/reference-entries/{entry_id}",
                         headers=headers).status_code == 204
    viewer = token_for("viewer")
    with unchanged(models.ReferenceEntry, models.ChangeLog):
        assert client.post("/api/v1/reference-entries", headers=viewer, json={
            "agency_id": agency.id, "code": "RAK.01", "name": "x"}).status_code == 403
