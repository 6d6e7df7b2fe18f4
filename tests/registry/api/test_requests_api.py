"""The request, domain and inbox API."""

import pytest

from registry import models
from tests.registry.builders import unchanged


@pytest.fixture
def operator(token_for):
    return token_for("opd_operator", suffix="op")


@pytest.fixture
def reviewer(token_for):
    return token_for("reviewer", suffix="rv")


def test_a_subdomain_request_through_the_api(client, unit, operator, reviewer):
    check = client.get("/api/v1/requests/check-label?label=WWW", headers=operator)
    assert check.status_code == 200
    assert check.json["available"] is False
    assert "dicadangkan" in check.json["problems"][0]
    check = client.get("/api/v1/requests/check-label?label=sehat", headers=operator)
    assert check.json == {"label": "sehat", "fqdn": "sehat.contohprov.go.id",
                          "available": True, "problems": []}
    created = client.post("/api/v1/requests", json={"kind": "subdomain", "label": "sehat",
                                                    "purpose": "Portal"}, headers=operator)
    assert created.status_code == 201, created.json
    req_id = created.json["id"]
    sent = client.post(f"/api/v1/requests/{req_id}/transitions", json={"action": "submit"},
                       headers=operator)
    assert sent.status_code == 200
    assert sent.json["state"] == "submitted"
    with unchanged(models.Request, models.DomainName, models.ChangeLog):
        refused = client.post(f"/api/v1/requests/{req_id}/transitions",
                              json={"action": "approve"}, headers=operator)
        no_reason = client.post(f"/api/v1/requests/{req_id}/transitions",
                                json={"action": "reject"}, headers=reviewer)
    assert refused.status_code == 403
    assert no_reason.status_code == 422
    assert "reason" in no_reason.json["errors"]
    approved = client.post(f"/api/v1/requests/{req_id}/transitions",
                           json={"action": "approve", "reason": "OK"}, headers=reviewer)
    assert approved.json["state"] == "approved"
    assert approved.json["result_type"] == "domain_names"
    domain = client.get(f"/api/v1/domains/{approved.json['result_id']}", headers=reviewer)
    assert domain.json["fqdn"] == "sehat.contohprov.go.id"
    with unchanged(models.Request, models.DomainName, models.ChangeLog):
        again = client.post(f"/api/v1/requests/{req_id}/transitions",
                            json={"action": "approve"}, headers=reviewer)
    assert again.status_code == 409
    inbox = client.get("/api/v1/notifications", headers=operator).json
    assert inbox["total"] == 1
    assert "disetujui" in inbox["items"][0]["message"]
    marked = client.post("/api/v1/notifications/read", json={}, headers=operator)
    assert marked.json == {"marked": 1}


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"label": "x"}, "kind"),
        ({"kind": "planet", "label": "x"}, "kind"),
        ({"kind": "subdomain"}, "label"),
        ({"kind": "subdomain", "label": "ok", "colour": "red"}, "colour"),
        ({"kind": "application", "name": "AB"}, "name"),
        ({"kind": "link", "provider_id": "satu", "consumer_id": 2, "channel": "x"}, "provider_id"),
        ({"kind": "subdomain", "label": "bad_label", "purpose": "x"}, "label"),
    ],
)
def test_bad_bodies_get_422_naming_the_field(client, unit, operator, body, field):
    with unchanged(models.Request, models.ChangeLog):
        response = client.post("/api/v1/requests", json=body, headers=operator)
    assert response.status_code == 422, response.json
    assert field in response.json["errors"]


def test_duplicates_of_an_application_request(client, unit, make_application, operator):
    make_application(name="Sistem Informasi Manajemen Kepegawaian", acronym="SIMPEG")
    created = client.post("/api/v1/requests", json={
        "kind": "application", "name": "SIMPEG Baru", "acronym": "SIMPEG",
        "purpose": "Kepegawaian"}, headers=operator).json
    found = client.get(f"/api/v1/requests/{created['id']}/duplicates", headers=operator).json
    assert found[0]["name"] == "Sistem Informasi Manajemen Kepegawaian"
    assert found[0]["reasons"]
    with unchanged(models.Request, models.ChangeLog):
        refused = client.post(f"/api/v1/requests/{created['id']}/transitions",
                              json={"action": "submit"}, headers=operator)
    assert refused.status_code == 422
    assert "justification" in refused.json["errors"]


def test_another_opd_gets_404_for_a_draft(client, unit, other_unit, operator, token_for):
    stranger = token_for("opd_operator", suffix="x", unit_id=other_unit.id)
    created = client.post("/api/v1/requests", json={"kind": "subdomain", "label": "rahasia",
                                                    "purpose": "x"}, headers=operator).json
    assert client.get(f"/api/v1/requests/{created['id']}", headers=stranger).status_code == 404
    listed = client.get("/api/v1/requests?scope=all", headers=stranger).json
    assert listed["total"] == 0


def test_domains_api_validates_and_filters(client, unit, token_for):
    architect = token_for("architect")
    with unchanged(models.DomainName, models.ChangeLog):
        bad = client.post("/api/v1/domains", json={"fqdn": "x.lain.go.id", "unit_id": unit.id},
                          headers=architect)
    assert bad.status_code == 422
    assert "fqdn" in bad.json["errors"]
    ok = client.post("/api/v1/domains", json={"fqdn": "x.contohprov.go.id", "unit_id": unit.id},
                     headers=architect)
    assert ok.status_code == 201
    flagged = client.get("/api/v1/domains?flag=no_application", headers=architect).json
    assert [d["fqdn"] for d in flagged["items"]] == ["x.contohprov.go.id"]
    changed = client.patch(f"/api/v1/domains/{ok.json['id']}",
                           json={"tls_expires_on": "2027-02-01", "version": ok.json["version"]},
                           headers=architect)
    assert changed.status_code == 200
    assert changed.json["tls_expires_on"] == "2027-02-01"
    history = client.get(f"/api/v1/domains/{ok.json['id']}/changes", headers=architect).json
    assert [h["action"] for h in history] == ["update", "create"]
