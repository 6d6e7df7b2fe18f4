"""ICT management pages: areas, audits and reviews through the forms."""

from datetime import date

from registry import models
from registry.extensions import db
from registry.services import management
from tests.registry.builders import unchanged


def test_management_page_and_forms(client, auth, agency, make_application):
    auth.login("architect")
    page = client.get("/architecture/management").text
    assert "Manajemen Aset TIK" in page
    assert "Belum ada audit" in page
    saved = client.post("/architecture/management/ict_assets",
                        data={"status": "guided", "guideline_ref": "Pergub 9/2025"})
    assert saved.status_code == 302
    audit = client.post("/architecture/audits/new", data={
        "type": "application", "object_name": "SIMPEG", "performed_on": "2026-01-10",
        "auditor_kind": "internal"})
    assert audit.status_code == 302
    with unchanged(models.AuditRecord, models.ChangeLog):
        bad = client.post("/architecture/audits/new", data={"type": "application"})
    assert bad.status_code == 422
    assert "Wajib diisi." in bad.text
    page = client.get("/architecture/management").text
    assert "Pergub 9/2025" in page
    assert "SIMPEG" in page


def test_review_form_on_the_application_page(client, auth, make_application):
    auth.login("architect")
    app = make_application()
    response = client.post(f"/inventory/applications/{app.id}/reviews", data={
        "reviewed_on": "2026-05-05", "reviewer": "Tim Diskominfo",
        "followup_document": "SE 1/2026"})
    assert response.status_code == 302
    assert "Tim Diskominfo" in client.get(f"/inventory/applications/{app.id}").text


def test_review_is_edited_in_the_page(client, auth, make_application):
    app = make_application()
    review = management.record_review(app.id, {"reviewed_on": date(2026, 2, 2),
                                               "reviewer": "Tim"}, actor=None)
    auth.login("architect")
    form = {"reviewed_on": "2026-02-02", "reviewer": "Tim", "followup_document": "SE 4/2026",
            "version": "1"}
    url = f"/inventory/applications/{app.id}/reviews/{review.id}/edit"
    assert client.post(url, data=form).status_code == 302
    with unchanged(models.ApplicationReview, models.Application, models.ChangeLog):
        assert client.post(url, data=form).status_code == 409  # the version moved on
    db.session.refresh(app)
    assert app.review_followup == "SE 4/2026"
