"""Approvals in the API: cross-OPD changes are refused naming the request endpoint."""

import pytest
from sqlalchemy import select

from registry import models
from registry.extensions import db
from tests.registry.builders import (
    link_body,
    new_app_body,
    row_count,
    stored_values,
    submitted_application_request,
)

LINKS = "/api/v1/integration-links"


@pytest.fixture
def operator_api(token_for):
    """Return the API header of an operator of ``unit``."""
    return token_for("opd_operator", suffix="api")


def _api_message(response):
    return " ".join(response.json["errors"]["_schema"])


def test_api_refuses_an_operators_link_to_another_opd_naming_the_request_endpoint(
        client, apps, operator_api):
    response = client.post(LINKS, json=link_body(apps["theirs"], apps["ours"]),
                           headers=operator_api)
    assert response.status_code == 403
    message = _api_message(response)
    assert "permintaan tautan integrasi" in message
    assert "/api/v1/requests" in message
    assert '"link"' in message
    assert row_count(models.IntegrationLink) == 0


def test_api_lets_an_operator_link_its_own_applications(client, apps, operator_api):
    response = client.post(LINKS, json=link_body(apps["ours"], apps["ours2"]), headers=operator_api)
    assert response.status_code == 201


def test_api_refuses_repointing_an_own_link_to_another_opd(client, apps, operator_api,
                                                           own_link):
    response = client.patch(f"{LINKS}/{own_link.id}", json={
        "provider_id": apps["theirs"].id, "version": own_link.version}, headers=operator_api)
    assert response.status_code == 403
    assert "/api/v1/requests" in _api_message(response)
    assert stored_values(own_link)["provider_id"] == apps["ours"].id


def test_api_refuses_retiring_a_cross_opd_link(client, operator_api, cross_link):
    response = client.patch(f"{LINKS}/{cross_link.id}", json={
        "status": "retired", "version": cross_link.version}, headers=operator_api)
    assert response.status_code == 403
    assert "arsitek" in _api_message(response)
    assert stored_values(cross_link)["status"].value == "active"


def test_api_refuses_attaching_an_own_domain_to_another_opds_application(
        client, apps, operator_api, own_domain):
    response = client.patch(f"/api/v1/domains/{own_domain.id}", json={
        "fqdn": own_domain.fqdn, "unit_id": own_domain.unit_id,
        "application_id": apps["theirs"].id, "version": own_domain.version},
        headers=operator_api)
    assert response.status_code == 403
    assert "aplikasi OPD Anda sendiri" in _api_message(response)


# -- (e) an operator's new application goes through the new-application request --------------


def test_api_refuses_an_operators_new_application_naming_the_request_endpoint(
        client, unit, operator_api):
    response = client.post("/api/v1/applications", json=new_app_body(unit), headers=operator_api)
    assert response.status_code == 403
    message = _api_message(response)
    assert "permintaan aplikasi baru" in message
    assert "/api/v1/requests" in message
    assert '"application"' in message
    assert row_count(models.Application) == 0


# -- (f) maker-checker: nobody decides their own request ---------------------------------------


def test_api_refuses_a_decision_on_ones_own_request(client, unit, token_for):
    headers = token_for("admin", suffix="maker")
    maker = db.session.scalar(select(models.User).where(models.User.email.like("admin-maker%")))
    req = submitted_application_request(unit, maker)
    response = client.post(f"/api/v1/requests/{req.id}/transitions",
                           json={"action": "approve", "reason": "Sendiri"}, headers=headers)
    assert response.status_code == 403
    assert "Anda ajukan sendiri" in _api_message(response)
    assert db.session.get(models.Request, req.id).state.value == "submitted"


def test_an_operator_still_edits_and_retires_its_own_link(client, operator_api, own_link):
    response = client.patch(f"{LINKS}/{own_link.id}", json={
        "status": "retired", "version": own_link.version}, headers=operator_api)
    assert response.status_code == 200
    assert response.json["status"] == "retired"


@pytest.mark.parametrize("role", ["architect", "admin"])
def test_maintainers_still_retire_a_cross_opd_link(client, token_for, cross_link, role):
    response = client.patch(f"{LINKS}/{cross_link.id}", json={
        "status": "retired", "version": cross_link.version}, headers=token_for(role))
    assert response.status_code == 200
