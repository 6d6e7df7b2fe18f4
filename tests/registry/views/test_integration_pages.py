"""Integration-link pages: list, form with its rules, roles."""

import pytest
from sqlalchemy import func, select

from registry import models
from registry.extensions import db


@pytest.fixture
def pair(make_application):
    return make_application(name="SIMPEG"), make_application(name="e-Kinerja")


def test_link_form_creates_a_link(client, auth, pair):
    auth.login("architect")
    response = client.post("/integrations/links/new", data={
        "provider_id": pair[0].id, "consumer_id": pair[1].id, "channel": "service_bus",
        "status": "active", "data_exchanged": "Data pegawai"})
    assert response.status_code == 302
    page = client.get(response.headers["Location"]).text
    assert "SIMPEG" in page
    assert "Data pegawai" in page


def test_self_link_form_names_the_consumer_field(client, auth, pair):
    auth.login("architect")
    response = client.post("/integrations/links/new", data={
        "provider_id": pair[0].id, "consumer_id": pair[0].id, "channel": "direct_api"})
    assert response.status_code == 422
    assert "dirinya sendiri" in response.text
    assert db.session.scalar(select(func.count()).select_from(models.IntegrationLink)) == 0


@pytest.mark.parametrize(("role", "status"), [("viewer", 403), ("reviewer", 403),
                                              ("architect", 302), ("opd_operator", 302)])
def test_link_creation_by_role(client, auth, pair, role, status):
    auth.login(role)
    response = client.post("/integrations/links/new", data={
        "provider_id": pair[0].id, "consumer_id": pair[1].id, "channel": "file_transfer"})
    assert response.status_code == status


def test_link_list_filters_by_channel(client, auth, pair):
    from registry.services import integrations

    integrations.create_link({"provider_id": pair[0].id, "consumer_id": pair[1].id,
                              "channel": "hyperlink", "status": "active"}, actor=None)
    auth.login("viewer")
    assert "SIMPEG" in client.get("/integrations/links?channel=hyperlink").text
    assert "SIMPEG" not in client.get("/integrations/links?channel=service_bus").text
