"""ICT management through the JSON API: audits, areas and reviews."""

from datetime import date

import pytest

from registry import models
from registry.extensions import db
from registry.services import management
from tests.registry.builders import unchanged

AUDIT = {"type": "security", "object_name": "Pusat Data", "performed_on": "2026-02-01",
         "auditor_kind": "external_certified", "auditor_name": "BSSN"}


def test_audit_api_create_update_delete(client, agency, token_for):
    headers = token_for("architect")
    created = client.post("/api/v1/audits", headers=headers, json=AUDIT | {"agency_id": agency.id})
    assert created.status_code == 201, created.json
    audit_id = created.json["id"]
    patched = client.patch(f"/api/v1/audits/{audit_id}", headers=headers,
                           json={"followed_up": True, "version": 1})
    assert patched.json["followed_up"] is True
    assert client.delete(f"/api/v1/audits/{audit_id}", headers=headers).status_code == 204
    assert db.session.query(models.AuditRecord).count() == 0


@pytest.mark.parametrize(("change", "field"), [
    ({"type": "vibes"}, "type"), ({"performed_on": "kemarin"}, "performed_on"),
    ({"auditor_kind": "cousin"}, "auditor_kind"), ({"object_name": ""}, "object_name"),
    ({"agency_id": 9999}, "agency_id"),
])
def test_bad_audit_input_names_the_field(client, agency, token_for, change, field):
    body = AUDIT | {"agency_id": agency.id} | change
    headers = token_for("architect")
    with unchanged(models.AuditRecord, models.ChangeLog):
        response = client.post("/api/v1/audits", headers=headers, json=body)
    assert response.status_code == 422
    assert field in response.json["errors"]


def test_area_api_lists_and_records(client, agency, token_for):
    headers = token_for("architect")
    listed = client.get("/api/v1/management-areas", headers=headers).json
    assert len(listed) == 11
    assert listed[0]["status"] == "none"
    saved = client.put("/api/v1/management-areas/data", headers=headers,
                       json={"status": "guided", "guideline_ref": "Pergub 3/2025"})
    assert saved.status_code == 200
    assert saved.json["status"] == "guided"
    with unchanged(models.ManagementArea, models.ChangeLog):
        stale = client.put("/api/v1/management-areas/data", headers=headers,
                           json={"status": "reviewed", "version": 7})
        assert stale.status_code == 409
        assert client.put("/api/v1/management-areas/tarot", headers=headers,
                          json={"status": "guided"}).status_code == 422


def test_editing_or_deleting_reviews_keeps_the_applications_last_review(client, make_application,
                                                                         token_for):
    app = make_application()
    old = management.record_review(app.id, {"reviewed_on": date(2025, 1, 1), "reviewer": "A",
                                            "followup_document": "SK lama"}, actor=None)
    new = management.record_review(app.id, {"reviewed_on": date(2026, 1, 1), "reviewer": "B"},
                                   actor=None)
    headers = token_for("architect")
    patched = client.patch(f"/api/v1/reviews/{new.id}", headers=headers,
                           json={"followup_document": "SK 9/2026", "version": 1})
    assert patched.status_code == 200
    db.session.refresh(app)
    assert app.review_followup == "SK 9/2026"
    assert client.delete(f"/api/v1/reviews/{new.id}", headers=headers).status_code == 204
    db.session.refresh(app)
    assert (app.last_review_on, app.review_followup) == (date(2025, 1, 1), "SK lama")
    management.delete_review(old.id, actor=None)
    db.session.refresh(app)
    assert app.last_review_on is None
