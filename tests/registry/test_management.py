"""ICT management: areas, audits and reviews through the service, the API and the pages."""

from datetime import date

import pytest

from registry import models
from registry.errors import ConflictError, PermissionDeniedError, ValidationFailedError
from registry.extensions import db
from registry.services import changelog, management


def test_catalogue_lists_eight_areas_and_three_audits(agency):
    rows = management.areas_of(agency.id)
    assert len(rows) == 11 and all(record is None for *_rest, record in rows)
    assert [indicator for _k, _n, indicator, _r in rows] == list(range(21, 32))


def test_saving_an_area_creates_then_updates_with_versions(agency):
    first = management.save_area(agency.id, "ict_assets", {"status": "planned"}, actor=None)
    assert first.version == 1
    management.save_area(agency.id, "ict_assets", {"status": "guided",
                                                   "guideline_ref": "Pergub 12/2025"},
                         actor=None, expected_version=1)
    with pytest.raises(ConflictError):
        management.save_area(agency.id, "ict_assets", {"status": "reviewed"}, actor=None,
                             expected_version=1)
    actions = [c.action.value for c in changelog.history("management_areas", first.id)]
    assert actions == ["update", "create"]


def test_unknown_area_is_refused(agency):
    with pytest.raises(ValidationFailedError) as caught:
        management.save_area(agency.id, "astrology", {"status": "planned"}, actor=None)
    assert "area" in caught.value.errors


def test_a_newer_review_becomes_the_applications_last_review(make_application):
    app = make_application()
    management.record_review(app.id, {"reviewed_on": date(2026, 3, 1), "reviewer": "Tim TIK",
                                      "followup_document": "SK 555/7/2026"}, actor=None)
    management.record_review(app.id, {"reviewed_on": date(2025, 3, 1), "reviewer": "Lama"},
                             actor=None)
    db.session.refresh(app)
    assert app.last_review_on == date(2026, 3, 1) and app.review_followup == "SK 555/7/2026"
    assert [r.reviewer for r in management.reviews_of(app.id)] == ["Tim TIK", "Lama"]


@pytest.mark.parametrize("role", ["viewer", "reviewer", "opd_operator"])
def test_readers_cannot_record_management_facts(agency, make_application, make_user, role):
    actor = make_user(role)
    with pytest.raises(PermissionDeniedError):
        management.save_area(agency.id, "data", {"status": "planned"}, actor=actor)
    with pytest.raises(PermissionDeniedError):
        management.record_review(make_application().id,
                                 {"reviewed_on": date(2026, 1, 1), "reviewer": "x"}, actor=actor)


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
    response = client.post("/api/v1/audits", headers=token_for("architect"), json=body)
    assert response.status_code == 422 and field in response.json["errors"]


def test_area_api_lists_and_records(client, agency, token_for):
    headers = token_for("architect")
    listed = client.get("/api/v1/management-areas", headers=headers).json
    assert len(listed) == 11 and listed[0]["status"] == "none"
    saved = client.put("/api/v1/management-areas/data", headers=headers,
                       json={"status": "guided", "guideline_ref": "Pergub 3/2025"})
    assert saved.status_code == 200 and saved.json["status"] == "guided"
    stale = client.put("/api/v1/management-areas/data", headers=headers,
                       json={"status": "reviewed", "version": 7})
    assert stale.status_code == 409
    assert client.put("/api/v1/management-areas/tarot", headers=headers,
                      json={"status": "guided"}).status_code == 422


def test_management_page_and_forms(client, auth, agency, make_application):
    auth.login("architect")
    page = client.get("/architecture/management").text
    assert "Manajemen Aset TIK" in page and "Belum ada audit" in page
    saved = client.post("/architecture/management/ict_assets",
                        data={"status": "guided", "guideline_ref": "Pergub 9/2025"})
    assert saved.status_code == 302
    audit = client.post("/architecture/audits/new", data={
        "type": "application", "object_name": "SIMPEG", "performed_on": "2026-01-10",
        "auditor_kind": "internal"})
    assert audit.status_code == 302
    bad = client.post("/architecture/audits/new", data={"type": "application"})
    assert bad.status_code == 422 and "Wajib diisi." in bad.text
    page = client.get("/architecture/management").text
    assert "Pergub 9/2025" in page and "SIMPEG" in page


def test_review_form_on_the_application_page(client, auth, make_application):
    auth.login("architect")
    app = make_application()
    response = client.post(f"/inventory/applications/{app.id}/reviews", data={
        "reviewed_on": "2026-05-05", "reviewer": "Tim Diskominfo",
        "followup_document": "SE 1/2026"})
    assert response.status_code == 302
    assert "Tim Diskominfo" in client.get(f"/inventory/applications/{app.id}").text


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


def test_review_is_edited_in_the_page(client, auth, make_application):
    app = make_application()
    review = management.record_review(app.id, {"reviewed_on": date(2026, 2, 2),
                                               "reviewer": "Tim"}, actor=None)
    auth.login("architect")
    form = {"reviewed_on": "2026-02-02", "reviewer": "Tim", "followup_document": "SE 4/2026",
            "version": "1"}
    url = f"/inventory/applications/{app.id}/reviews/{review.id}/edit"
    assert client.post(url, data=form).status_code == 302
    assert client.post(url, data=form).status_code == 409  # the version moved on
    db.session.refresh(app)
    assert app.review_followup == "SE 4/2026"
