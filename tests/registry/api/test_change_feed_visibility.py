"""Issue 17.5: the change feed shows each entry only to who may see its record."""

from registry.services import requests


def _entries(client, path):
    return client.get(path).text


def test_the_feed_hides_other_opds_drafts_and_accounts_from_non_admins(
        client, auth, make_user, other_unit, token_for):
    stranger = make_user("opd_operator", unit_id=other_unit.id, email="lain@uji.go.id")
    requests.create_request("subdomain", {"label": "rahasia-draf",
                                          "purpose": "Draf OPD lain"}, actor=stranger)
    auth.login("viewer")
    page = _entries(client, "/changes/")
    assert "rahasia-draf" not in page
    assert "lain@uji.go.id" not in page
    api = client.get("/api/v1/changes?per_page=100", headers=token_for("viewer", suffix="api")).json
    kinds = {item["object_type"] for item in api["items"]}
    assert not kinds & {"users", "api_tokens"}
    assert "rahasia-draf" not in str(api)
    admin = client.get("/api/v1/changes?per_page=100", headers=token_for("admin")).json
    assert {"users", "requests"} <= {item["object_type"] for item in admin["items"]}
