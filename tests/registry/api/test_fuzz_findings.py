"""Bugs the API fuzzing found, each pinned by the smallest request that showed it."""

from datetime import date

import pytest

from registry import models
from registry.extensions import db
from registry.services import management
from registry.services import requests as requests_service

TOO_BIG = 2**63  # one past the largest integer SQLite and PostgreSQL's bigint store


@pytest.mark.parametrize("path", ["/api/v1/applications/{n}", "/api/v1/units/{n}/history",
                                  "/api/v1/requests/{n}", "/api/v1/domains/{n}"])
def test_an_id_past_64_bits_in_the_path_is_not_found(client, token_for, path):
    response = client.get(path.format(n=TOO_BIG), headers=token_for("architect"))
    assert response.status_code == 404


@pytest.mark.parametrize("query", ["/api/v1/applications?agency={n}",
                                   "/api/v1/networks?agency={n}",
                                   "/api/v1/requests/check-label?label=ok&unit={n}"])
def test_an_integer_past_64_bits_in_a_query_is_a_422_naming_it(client, token_for, query):
    response = client.get(query.format(n=TOO_BIG), headers=token_for("architect"))
    assert response.status_code == 422, response.json
    assert query.rsplit("&", 1)[-1].split("?")[-1].split("=")[0] in str(response.json["errors"])


def test_an_integer_past_64_bits_in_a_body_is_a_422_naming_it(client, unit, token_for):
    response = client.post("/api/v1/domains", headers=token_for("architect"),
                           json={"fqdn": "a.contohprov.go.id", "unit_id": TOO_BIG})
    assert response.status_code == 422
    assert "unit_id" in response.json["errors"]
    assert db.session.query(models.DomainName).count() == 0


def test_the_bound_is_in_the_openapi_document(client, token_for):
    document = client.get("/api/openapi.json", headers=token_for("viewer")).json
    path = document["paths"]["/api/v1/applications/{app_id}"]
    (parameter,) = [p for p in path["parameters"] if p["name"] == "app_id"]
    # ids are INTEGER columns: 32-bit on PostgreSQL
    assert parameter["schema"]["maximum"] == 2**31 - 1


def test_timestamps_carry_their_offset(client, unit, token_for):
    created = client.post("/api/v1/domains", headers=token_for("architect"),
                          json={"fqdn": "a.contohprov.go.id", "unit_id": unit.id})
    assert created.json["created_at"].endswith("+00:00")


def test_an_application_with_reviews_is_retired_not_deleted(client, make_application, token_for):
    app = make_application()
    review = management.record_review(app.id, {"reviewed_on": date(2026, 1, 1),
                                               "reviewer": "Inspektorat"}, actor=None)
    headers = token_for("architect")
    refused = client.delete(f"/api/v1/applications/{app.id}", headers=headers)
    assert refused.status_code == 409
    assert "reviu" in refused.json["errors"]["_schema"][0]
    assert client.delete(f"/api/v1/reviews/{review.id}", headers=headers).status_code == 204
    assert client.delete(f"/api/v1/applications/{app.id}", headers=headers).status_code == 204


def test_changing_one_certificate_date_checks_it_against_the_other(client, unit, token_for):
    headers = token_for("architect")
    cert = client.post("/api/v1/staff-certificates", headers=headers, json={
        "unit_id": unit.id, "person_name": "Ani", "competence": "Data", "certificate": "DA",
        "issuer": "BNSP", "issued_on": "2025-01-01", "expires_on": "2028-01-01"}).json
    early = client.patch(f"/api/v1/staff-certificates/{cert['id']}", headers=headers,
                         json={"expires_on": "2024-12-31", "version": cert["version"]})
    assert early.status_code == 422
    assert "expires_on" in early.json["errors"]
    later = client.patch(f"/api/v1/staff-certificates/{cert['id']}", headers=headers,
                         json={"expires_on": "2029-01-01", "version": cert["version"]})
    assert later.status_code == 200
    assert later.json["expires_on"] == "2029-01-01"


def test_a_released_name_is_taken_up_again_in_its_own_record(client, unit, token_for,
                                                             make_user):
    headers = token_for("architect")
    old = client.post("/api/v1/domains", headers=headers, json={
        "fqdn": "lama.contohprov.go.id", "unit_id": unit.id, "status": "released",
        "tls_expires_on": "2025-01-01"}).json
    again = client.post("/api/v1/domains", headers=headers,
                        json={"fqdn": "lama.contohprov.go.id", "unit_id": unit.id})
    assert again.status_code == 422
    assert "dilepas" in again.json["errors"]["fqdn"][0]

    operator, reviewer = make_user("opd_operator", suffix="op"), make_user("reviewer")
    req = requests_service.create_request(
        "subdomain", {"label": "lama", "purpose": "Portal baru"}, actor=operator)
    requests_service.transition(req.id, "submit", actor=operator)
    requests_service.transition(req.id, "approve", actor=reviewer, reason="Boleh")
    assert req.result_id == old["id"]
    domain = db.session.get(models.DomainName, old["id"])
    assert domain.status == models.DomainStatus.ACTIVE
    assert domain.tls_expires_on is None
    history = client.get(f"/api/v1/domains/{old['id']}/changes", headers=headers).json
    assert [h["action"] for h in history] == ["update", "create"]
    entry = db.session.get(models.ChangeLog, history[0]["id"])
    assert f"#{req.id}" in entry.reason
