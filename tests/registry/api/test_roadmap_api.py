"""Peta Rencana through the JSON API: create, filter, errors, roles."""

import pytest

from registry import models
from tests.registry.builders import initiative_body, snapshot, unchanged


def test_api_create_filter_and_errors(client, unit, token_for):
    headers = token_for("architect")
    created = client.post("/api/v1/initiatives", headers=headers, json=initiative_body(unit))
    assert created.status_code == 201, created.json
    assert created.json["years"][0]["amount"] == 250000000.0
    assert len(client.get("/api/v1/initiatives?year=2027", headers=headers).json) == 1
    assert client.get("/api/v1/initiatives?year=2031", headers=headers).json == []
    with unchanged(models.Initiative, models.InitiativeYear, models.ChangeLog):
        bad = client.post("/api/v1/initiatives", headers=headers,
                          json=initiative_body(unit, code="PR-02", content_area="sihir",
                                               years=[{"year": 2025, "amount": "banyak"}]))
    assert bad.status_code == 422
    assert "content_area" in bad.json["errors"]
    assert "years" in bad.json["errors"]


@pytest.mark.parametrize(("role", "status"), [("architect", 201), ("opd_operator", 201),
                                              ("viewer", 403), ("reviewer", 403)])
def test_api_create_by_role(client, unit, token_for, role, status):
    headers = token_for(role)
    before = snapshot(models.Initiative, models.ChangeLog)
    response = client.post("/api/v1/initiatives", headers=headers, json=initiative_body(unit))
    assert response.status_code == status
    if status == 403:
        assert snapshot(models.Initiative, models.ChangeLog) == before
